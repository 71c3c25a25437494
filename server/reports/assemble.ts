/**
 * Assembles a follow-up report's content from a partnership's projections: goals by level with
 * their status at the period's end and the change since the previous frozen report, actions done
 * and open per focus area and organisation, the period's decisions with § and meeting, its decision
 * points with their checklist and decision (decision-points.ts), and the
 * optional sections (indicators, roadmap) from sections.ts. Pure reads; the caller stores the result.
 */
import { sql } from "drizzle-orm";
import type { ReportActionGroup, ReportContent, ReportDecision, ReportGoal } from "../../shared/api/reports.js";
import type { GoalLevel, GoalStatus, Perspective } from "../../shared/boards/vocabulary.js";
import type { Db } from "../db/client.js";
import { periodDecisionPoints } from "./decision-points.js";
import { rowsOf } from "./rows.js";
import { goalStatusesAt, indicatorsSection, roadmapSection } from "./sections.js";

export interface AssembleInput {
  workspaceId: string;
  periodFrom: string;
  periodTo: string;
  /** The date overdue is counted against: the period's end, or today when that is earlier. */
  today: string;
  now: Date;
  previous: { id: string; version: number; periodTo: string; title: string; content: ReportContent } | null;
}

const LEVEL_ORDER: Record<GoalLevel, number> = { effect: 0, project: 1 };

export async function assembleReport(db: Db, input: AssembleInput): Promise<ReportContent> {
  const { workspaceId, periodFrom, periodTo } = input;
  const [ws] = rowsOf<{ name: string }>(await db.execute(sql`select name from workspaces where id = ${workspaceId}`));
  const [goals, actionsByFocusArea, actionsByOrganization, decisions, decisionPoints, indicators, roadmap] =
    await Promise.all([
      reportGoals(db, input),
      actionGroups(db, input, "focus"),
      actionGroups(db, input, "organization"),
      periodDecisions(db, workspaceId, periodFrom, periodTo),
      periodDecisionPoints(db, workspaceId, periodFrom, periodTo),
      indicatorsSection(db, workspaceId, periodTo),
      roadmapSection(db, workspaceId),
    ]);
  return {
    partnership: ws?.name ?? "",
    periodFrom,
    periodTo,
    generatedAt: input.now.toISOString(),
    previous: input.previous
      ? {
          id: input.previous.id,
          version: input.previous.version,
          periodTo: input.previous.periodTo,
          title: input.previous.title,
        }
      : null,
    goals,
    actionsByFocusArea,
    actionsByOrganization,
    decisions,
    decisionPoints,
    indicators,
    roadmap,
  };
}

export async function reportGoals(db: Db, input: AssembleInput): Promise<ReportGoal[]> {
  const rows = rowsOf<{
    board_id: string;
    goal_id: string;
    title: string;
    level: GoalLevel;
    status: GoalStatus;
    perspectives: Perspective[];
    comment: string;
    rank: string;
  }>(
    await db.execute(sql`
      select g.board_id, g.goal_id, g.title, g.level, g.status, g.perspectives, g.comment, g.rank
      from projected_goals g join boards b on b.id = g.board_id
      where g.workspace_id = ${input.workspaceId} and b.archived_at is null
      order by b.created_at, g.rank, g.goal_id`),
  );
  const history = await goalStatusesAt(db, input.workspaceId, input.periodTo);
  const before = new Map((input.previous?.content.goals ?? []).map((g) => [g.key, g.status]));
  const goals = rows.map((r): ReportGoal => {
    const key = `${r.board_id}:${r.goal_id}`;
    const h = history?.get(key);
    return {
      key,
      title: r.title,
      level: r.level,
      perspectives: r.perspectives ?? [],
      // With a status history, the status in force at the period's end; without, the current one.
      status: h ? h.status : h === null ? "not_started" : r.status,
      statusDate: h?.date ?? null,
      previousStatus: before.get(key) ?? null,
      justification: h ? h.justification : r.comment,
      remaining: h?.remaining ?? "",
    };
  });
  // Effektmål first, then projektmål; stable within a level (the plan's order).
  return goals.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}

export async function actionGroups(
  db: Db,
  input: AssembleInput,
  by: "focus" | "organization",
): Promise<ReportActionGroup[]> {
  const overdueBefore = input.today < input.periodTo ? input.today : input.periodTo;
  const group =
    by === "focus" ? sql`b.id::text as id, b.title as name` : sql`o.id::text as id, coalesce(o.name, '') as name`;
  const groupBy = by === "focus" ? sql`b.id, b.title` : sql`o.id, o.name`;
  const rows = rowsOf<{ id: string | null; name: string; done: number; open: number; overdue: number }>(
    await db.execute(sql`
      select ${group},
             count(*) filter (where a.status = 'done')::int as done,
             count(*) filter (where a.status <> 'done')::int as open,
             count(*) filter (where a.status <> 'done' and a.due_date < ${overdueBefore})::int as overdue
      from projected_actions a
      join boards b on b.id = a.board_id
      left join organizations o on o.id = a.organization_id
      where a.workspace_id = ${input.workspaceId} and b.archived_at is null
      group by ${groupBy}
      order by 2, 1`),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    done: Number(r.done),
    open: Number(r.open),
    overdue: Number(r.overdue),
  }));
}

async function periodDecisions(db: Db, workspaceId: string, from: string, to: string): Promise<ReportDecision[]> {
  const rows = rowsOf<{
    paragraph: number | null;
    item_title: string;
    text: string;
    meeting_title: string;
    meeting_date: string | null;
  }>(
    await db.execute(sql`
      select d.paragraph, d.item_title, d.text, b.title as meeting_title,
             to_char(d.meeting_starts_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD') as meeting_date
      from projected_decisions d join boards b on b.id = d.board_id
      where d.workspace_id = ${workspaceId} and b.archived_at is null
        and (d.meeting_starts_at at time zone 'Europe/Stockholm')::date between ${from} and ${to}
      order by d.meeting_starts_at, d.position`),
  );
  return rows.map((r) => ({
    paragraph: r.paragraph === null ? null : Number(r.paragraph),
    itemTitle: r.item_title,
    text: r.text,
    meetingTitle: r.meeting_title,
    meetingDate: r.meeting_date,
  }));
}
