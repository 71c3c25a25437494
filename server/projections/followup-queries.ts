/**
 * Reads of the follow-up projections (schema-followup.ts) that the board pages need; the report
 * and the steering view query the same tables. Only boards that are not archived count.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { boards, projectedGoals as goals, projectedGoalLinks as links } from "../db/schema.js";

export interface ServedGoal {
  planBoardId: string;
  goalId: string;
  title: string;
  level: string;
  status: string;
  /** The action on the focus board that serves the goal; null: the focus area as a whole. */
  actionId: string | null;
}

/** The goals a focus board (or one of its actions) serves: the other direction of a goal's links. */
export async function goalsServedBy(db: Db, workspaceId: string, focusBoardId: string): Promise<ServedGoal[]> {
  return db
    .select({
      planBoardId: goals.boardId,
      goalId: goals.goalId,
      title: goals.title,
      level: goals.level,
      status: goals.status,
      actionId: links.actionId,
    })
    .from(links)
    .innerJoin(goals, and(eq(goals.boardId, links.boardId), eq(goals.goalId, links.goalId)))
    .innerJoin(boards, eq(boards.id, links.boardId))
    .where(and(eq(links.workspaceId, workspaceId), eq(links.focusBoardId, focusBoardId), isNull(boards.archivedAt)))
    .orderBy(asc(goals.rank), asc(goals.goalId), asc(links.actionId));
}
