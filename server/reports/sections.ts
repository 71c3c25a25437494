/**
 * The report's pluggable sections: they read projections owned by other features (goals' status
 * history and indicators from followup boards, phases and milestones from roadmap boards) and
 * answer null where those tables do not exist, so a report works with whatever is installed.
 */
import { sql } from "drizzle-orm";
import type { ReportIndicator, ReportRoadmap } from "../../shared/api/reports.js";
import type { GoalStatus } from "../../shared/boards/vocabulary.js";
import type { Db } from "../db/client.js";
import { hasTable, rowsOf } from "./rows.js";

export interface StatusAt {
  status: GoalStatus;
  date: string;
  justification: string;
  remaining: string;
}

/**
 * Per goal (boardId:goalId) with a status history: the follow-up in force at `date`, or null when
 * all its follow-ups are later. Goals without any history are absent. Null without the feature.
 */
export async function goalStatusesAt(db: Db, workspaceId: string, date: string) {
  if (!(await hasTable(db, "projected_goal_history"))) return null;
  const rows = rowsOf<{
    board_id: string;
    goal_id: string;
    status: GoalStatus;
    date: string;
    justification: string;
    remaining: string;
  }>(
    await db.execute(sql`
      select board_id, goal_id, status, to_char(date, 'YYYY-MM-DD') as date, justification, remaining
      from projected_goal_history
      where workspace_id = ${workspaceId}
      order by date, recorded_at`),
  );
  const at = new Map<string, StatusAt | null>();
  for (const r of rows) {
    const key = `${r.board_id}:${r.goal_id}`;
    if (r.date > date) {
      if (!at.has(key)) at.set(key, null);
      continue;
    }
    at.set(key, { status: r.status, date: r.date, justification: r.justification, remaining: r.remaining });
  }
  return at;
}

/** Indicators with their values per unit up to the period's end; null without the feature or any indicator. */
export async function indicatorsSection(
  db: Db,
  workspaceId: string,
  periodTo: string,
): Promise<ReportIndicator[] | null> {
  if (!(await hasTable(db, "projected_indicators"))) return null;
  const indicators = rowsOf<{
    board_id: string;
    indicator_id: string;
    name: string;
    unit_label: string;
    direction: string;
    target: number | null;
    method: string;
    range_min: number | null;
    range_max: number | null;
  }>(
    await db.execute(sql`
      select i.board_id, i.indicator_id, i.name, i.unit_label, i.direction, i.target, i.method, i.range_min, i.range_max
      from projected_indicators i join boards b on b.id = i.board_id
      where i.workspace_id = ${workspaceId} and b.archived_at is null
      order by b.created_at, i.rank, i.indicator_id`),
  );
  if (indicators.length === 0) return null;
  const values = rowsOf<{
    board_id: string;
    indicator_id: string;
    unit_name: string;
    occasion_label: string;
    occasion_date: string;
    value: number;
    respondents: number | null;
  }>(
    await db.execute(sql`
      select board_id, indicator_id, unit_name, occasion_label, to_char(occasion_date, 'YYYY-MM-DD') as occasion_date,
             value, respondents
      from projected_indicator_values
      where workspace_id = ${workspaceId} and occasion_date <= ${periodTo}
      order by occasion_date, occasion_label, unit_name`),
  );
  const byIndicator = new Map<string, ReportIndicator>();
  const list = indicators.map((i): ReportIndicator => {
    const indicator: ReportIndicator = {
      key: `${i.board_id}:${i.indicator_id}`,
      name: i.name,
      unitLabel: i.unit_label,
      direction: i.direction === "lower" ? "lower" : "higher",
      target: i.target === null ? null : Number(i.target),
      method: i.method,
      rangeMin: i.range_min === null ? null : Number(i.range_min),
      rangeMax: i.range_max === null ? null : Number(i.range_max),
      units: [],
    };
    byIndicator.set(indicator.key, indicator);
    return indicator;
  });
  for (const v of values) {
    const indicator = byIndicator.get(`${v.board_id}:${v.indicator_id}`);
    if (!indicator) continue;
    let unit = indicator.units.find((u) => u.name === v.unit_name);
    if (!unit) {
      unit = { name: v.unit_name, values: [] };
      indicator.units.push(unit);
    }
    unit.values.push({
      occasion: v.occasion_label,
      date: v.occasion_date,
      value: Number(v.value),
      respondents: v.respondents === null ? null : Number(v.respondents),
    });
  }
  for (const i of list) i.units.sort((a, b) => a.name.localeCompare(b.name, "sv"));
  return list;
}

/** The roadmap's phases (activities done of all) and milestones; null without the feature or any phase. */
export async function roadmapSection(db: Db, workspaceId: string): Promise<ReportRoadmap | null> {
  if (!(await hasTable(db, "projected_phases")) || !(await hasTable(db, "projected_milestones"))) return null;
  const phases = rowsOf<{ title: string; term: string; activities: number; activities_done: number }>(
    await db.execute(sql`
      select p.title, p.term, p.activities, p.activities_done
      from projected_phases p join boards b on b.id = p.board_id
      where p.workspace_id = ${workspaceId} and b.archived_at is null
      order by b.created_at, p.rank`),
  );
  const milestones = rowsOf<{ title: string; date: string | null; done: boolean }>(
    await db.execute(sql`
      select m.title, to_char(m.date, 'YYYY-MM-DD') as date, m.done
      from projected_milestones m join boards b on b.id = m.board_id
      where m.workspace_id = ${workspaceId} and b.archived_at is null
      order by m.date nulls last, m.title`),
  );
  if (phases.length === 0 && milestones.length === 0) return null;
  return {
    phases: phases.map((p) => ({
      title: p.title,
      term: p.term,
      activities: Number(p.activities),
      activitiesDone: Number(p.activities_done),
    })),
    milestones: milestones.map((m) => ({ title: m.title, date: m.date, done: m.done === true })),
  };
}

/** Every goal's follow-ups in date order (its status trend); empty without the feature. */
export async function goalTrends(
  db: Db,
  workspaceId: string,
): Promise<Map<string, { date: string; status: GoalStatus }[]>> {
  const trends = new Map<string, { date: string; status: GoalStatus }[]>();
  if (!(await hasTable(db, "projected_goal_history"))) return trends;
  const rows = rowsOf<{ board_id: string; goal_id: string; status: GoalStatus; date: string }>(
    await db.execute(sql`
      select board_id, goal_id, status, to_char(date, 'YYYY-MM-DD') as date
      from projected_goal_history
      where workspace_id = ${workspaceId}
      order by date, recorded_at`),
  );
  for (const r of rows) {
    const key = `${r.board_id}:${r.goal_id}`;
    const list = trends.get(key) ?? [];
    list.push({ date: r.date, status: r.status });
    trends.set(key, list);
  }
  return trends;
}
