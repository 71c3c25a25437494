/**
 * Follow-up content a layout alone cannot check (issue 19), for members' updates over the socket:
 * - a goal's status entry (plan: goals.*.history) must name its writer as `by`: nobody records
 *   a follow-up in someone else's name;
 * - an indicator's value (followup: indicators.*.values) must name its writer, be stored under
 *   its unit's and occasion's key, be for a unit and an occasion that exist, and lie within the
 *   indicator's range (P-CAT 13–52, a percentage 0–100, a count never negative).
 * Like governance-guard.ts, the update is applied and what it wrote that breaks a rule is undone
 * in the same step (an entry it replaced comes back, a new one goes); the room stores and sends
 * the result instead of the member's update and tells the member which fields were refused.
 */
import * as Y from "yjs";
import { cellSchema, indicatorRange, occasionSchema, unitSchema } from "../../shared/boards/followup.js";
import { goalFollowUpSchema } from "../../shared/boards/goal-history.js";
import { cellKey, valueProblem } from "../../shared/boards/indicator-range.js";
import type { BoardKind } from "../../shared/boards/spec.js";
import type { ChangeRecord } from "./identity-guard.js";

/** Where guarded entries live: root, the nested records map inside each of its records. */
const GUARDED: Partial<Record<BoardKind, { root: string; list: string }>> = {
  plan: { root: "goals", list: "history" },
  followup: { root: "indicators", list: "values" },
};

/** The guarded records maps as they were before the update, entry by entry. */
export type FollowupBefore = Map<Y.Map<unknown>, Map<string, unknown>>;

export interface FollowupFinding {
  field: string;
  remove: () => void;
}

function* guardedLists(doc: Y.Doc, kind: BoardKind): Generator<[string, Y.Map<unknown>]> {
  const where = GUARDED[kind];
  if (!where) return;
  for (const [id, record] of doc.getMap<unknown>(where.root).entries()) {
    const list = record instanceof Y.Map ? record.get(where.list) : undefined;
    if (list instanceof Y.Map) yield [id, list as Y.Map<unknown>];
  }
}

/** Before a member's update to a plan or follow-up board: the entries it could replace. */
export function followupBefore(doc: Y.Doc, kind: BoardKind): FollowupBefore | null {
  if (!GUARDED[kind]) return null;
  const before: FollowupBefore = new Map();
  for (const [, list] of guardedLists(doc, kind)) before.set(list, new Map(list.entries()));
  return before;
}

/** Did the transaction change anything under the guarded root (or a unit, occasion or range)? */
function touchesGuarded(doc: Y.Doc, kind: BoardKind, changes: ChangeRecord): boolean {
  const root = GUARDED[kind]?.root;
  if (!root) return false;
  for (const type of changes.changed.keys()) {
    let current = type;
    while (current._item) current = current._item.parent as typeof type;
    for (const [name, shared] of doc.share) if (shared === current && name === root) return true;
  }
  return false;
}

/** After the update was applied: the entries it wrote that break a rule, each with its undo. */
export function followupChanges(
  doc: Y.Doc,
  kind: BoardKind,
  userId: string,
  before: FollowupBefore,
  changes: ChangeRecord,
): FollowupFinding[] {
  if (!touchesGuarded(doc, kind, changes)) return [];
  const found: FollowupFinding[] = [];
  const isNew = (item: Y.Item) => item.id.clock >= (changes.beforeState.get(item.id.client) ?? 0);
  const where = GUARDED[kind] as { root: string; list: string };
  for (const [recordId, list] of guardedLists(doc, kind)) {
    for (const [key, item] of list._map) {
      if (item.deleted || !isNew(item)) continue;
      const value = list.get(key);
      const problem = kind === "plan" ? followUpProblem(value, userId) : cellProblem(doc, recordId, key, value, userId);
      if (!problem) continue;
      const was = before.get(list);
      const restore = was?.has(key);
      found.push({
        field: `${where.root}.${recordId}.${where.list}.${key} (${problem})`,
        remove: () => (restore ? list.set(key, was?.get(key)) : list.delete(key)),
      });
    }
  }
  return found;
}

function followUpProblem(value: unknown, userId: string): string | null {
  const parsed = goalFollowUpSchema.safeParse(value);
  if (!parsed.success) return "not a follow-up";
  return parsed.data.by === userId ? null : "by: not the writer";
}

function cellProblem(doc: Y.Doc, indicatorId: string, key: string, value: unknown, userId: string): string | null {
  const parsed = cellSchema.safeParse(value);
  if (!parsed.success) return "not a value";
  const cell = parsed.data;
  if (cell.by !== userId) return "by: not the writer";
  if (key !== cellKey(cell.unitId, cell.occasionId)) return "key: not the unit's and occasion's";
  if (!unitSchema.safeParse(doc.getMap("units").get(cell.unitId)).success) return "unitId: no such unit";
  if (!occasionSchema.safeParse(doc.getMap("occasions").get(cell.occasionId)).success)
    return "occasionId: no such occasion";
  const problem = valueProblem(indicatorRange(doc, indicatorId), cell.value);
  return problem ? problem.message : null;
}
