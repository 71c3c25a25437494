/**
 * The steering view's data (styrgruppsvy): every goal with its status now and its trend over the
 * follow-ups, indicators against their targets, and overdue actions per organisation. Read-only,
 * for anyone in the partnership; the same queries as the report, with today as the period's end.
 */
import type { SteeringView } from "../../shared/api/reports.js";
import type { Db } from "../db/client.js";
import type { Clock } from "../services/clock.js";
import { swedishToday } from "../services/content-queries.js";
import { actionGroups, reportGoals } from "./assemble.js";
import { goalTrends, indicatorsSection } from "./sections.js";

export async function steeringView(db: Db, now: Clock, workspaceId: string): Promise<SteeringView> {
  const today = swedishToday(now());
  const input = { workspaceId, periodFrom: "0001-01-01", periodTo: today, today, now: now(), previous: null };
  const [goals, trends, indicators, byOrganization] = await Promise.all([
    reportGoals(db, input),
    goalTrends(db, workspaceId),
    indicatorsSection(db, workspaceId, today),
    actionGroups(db, input, "organization"),
  ]);
  return {
    today,
    goals: goals.map((g) => ({
      key: g.key,
      title: g.title,
      level: g.level,
      status: g.status,
      trend: trends.get(g.key) ?? [],
    })),
    indicators,
    overdueByOrganization: byOrganization.filter((o) => o.overdue > 0).sort((a, b) => b.overdue - a.overdue),
  };
}
