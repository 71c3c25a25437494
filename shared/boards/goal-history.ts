/**
 * A goal's status over time (issue 19): each follow-up (uppföljning) is an entry in the goal's
 * `history` records map — the status as of a date, who set it, the justification (motivering)
 * and what remains (utvecklingsområden). Entries are appended, never edited, by convention; the
 * server refuses an entry that names someone other than its writer (realtime/followup-guard.ts).
 * The goal's status is its latest entry's; the plain `status` field is written alongside so
 * that older readers see it too. A goal also links to the focus areas and actions that serve it.
 */
import * as Y from "yjs";
import { z } from "zod";
import { BoardInputError, ensureMap, inputError, newId, readMap, valueEntries, type YRecord } from "./access.js";
import { boardIdSchema, dateSchema, dateTimeSchema, itemIdSchema, text, userIdSchema } from "./fields.js";
import { GOAL_STATUSES } from "./vocabulary.js";

export const goalFollowUpSchema = z.strictObject({
  status: z.enum(GOAL_STATUSES),
  /** The date the status holds from (e.g. 2023-12-31 for the year-end follow-up). */
  date: dateSchema,
  /** Who set it; null only for entries the server wrote (an import, an upgrade). */
  by: userIdSchema.nullable(),
  /** When it was recorded. */
  at: dateTimeSchema,
  justification: text(4000),
  /** Utvecklingsområden: what remains to do. */
  remaining: text(4000),
  example: z.boolean().default(false),
});
export type GoalFollowUp = z.infer<typeof goalFollowUpSchema> & { id: string };

/** A focus area (a focus board), or one action on it, that serves a goal. */
export const goalLinkSchema = z.strictObject({
  boardId: boardIdSchema,
  actionId: itemIdSchema.nullable(),
});
export type GoalLink = z.infer<typeof goalLinkSchema> & { id: string };

/** Oldest first: by date, then when recorded, then id (the same order for everyone). */
export function byFollowUpDate(a: GoalFollowUp, b: GoalFollowUp): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function readGoalHistory(goal: YRecord | undefined): GoalFollowUp[] {
  return valueEntries(readMap(goal, "history"), goalFollowUpSchema).sort(byFollowUpDate);
}

export function readGoalLinks(goal: YRecord | undefined): GoalLink[] {
  return valueEntries(readMap(goal, "links"), goalLinkSchema).sort((a, b) =>
    a.boardId === b.boardId ? (a.actionId ?? "").localeCompare(b.actionId ?? "") : a.boardId < b.boardId ? -1 : 1,
  );
}

function goalMap(doc: Y.Doc, goalId: string): YRecord {
  const goal = doc.getMap<unknown>("goals").get(goalId);
  if (!(goal instanceof Y.Map)) throw new BoardInputError("goal", `no goal ${goalId} on this plan.`);
  return goal as YRecord;
}

export type NewFollowUp = Omit<z.input<typeof goalFollowUpSchema>, "at"> & { at?: string };

/** Records a follow-up of a goal and makes its status the goal's; returns the entry's id. */
export function addGoalFollowUp(doc: Y.Doc, goalId: string, input: NewFollowUp, now: Date = new Date()): string {
  const goal = goalMap(doc, goalId);
  const parsed = goalFollowUpSchema.safeParse({ ...input, at: input.at ?? now.toISOString() });
  if (!parsed.success) throw inputError(String(parsed.error.issues[0]?.path[0] ?? "followUp"), parsed.error.issues[0]);
  const id = newId();
  doc.transact(() => {
    ensureMap(goal, "history").set(id, parsed.data);
    const latest = readGoalHistory(goal).at(-1);
    if (latest && goal.get("status") !== latest.status) goal.set("status", latest.status);
  });
  return id;
}

/** Links a goal to a focus board (actionId null) or one of its actions; an existing link is kept. */
export function linkGoal(doc: Y.Doc, goalId: string, link: { boardId: string; actionId?: string | null }): string {
  const goal = goalMap(doc, goalId);
  const parsed = goalLinkSchema.safeParse({ boardId: link.boardId, actionId: link.actionId ?? null });
  if (!parsed.success) throw inputError("link", parsed.error.issues[0]);
  const existing = readGoalLinks(goal).find(
    (l) => l.boardId === parsed.data.boardId && l.actionId === parsed.data.actionId,
  );
  if (existing) return existing.id;
  const id = newId();
  doc.transact(() => ensureMap(goal, "links").set(id, parsed.data));
  return id;
}

export function unlinkGoal(doc: Y.Doc, goalId: string, linkId: string): void {
  readMap(goalMap(doc, goalId), "links")?.delete(linkId);
}

/** Upgrade of a plan from layout 1: every goal gets its (empty) history and links maps. */
export function addGoalHistoryMaps(doc: Y.Doc): void {
  for (const goal of doc.getMap<unknown>("goals").values()) {
    if (!(goal instanceof Y.Map)) continue;
    if (!(goal.get("history") instanceof Y.Map)) goal.set("history", new Y.Map());
    if (!(goal.get("links") instanceof Y.Map)) goal.set("links", new Y.Map());
  }
}
