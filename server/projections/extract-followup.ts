/**
 * Projection rows of follow-up content (issue 19): a plan's goals' status histories and links,
 * and a follow-up board's indicators, values and search entries. Pure, like extract.ts.
 */
import type * as Y from "yjs";
import { readFollowup } from "../../shared/boards/followup.js";
import { rangeOf } from "../../shared/boards/indicator-range.js";
import type { Goal } from "../../shared/boards/plan.js";
import type {
  projectedGoalHistory,
  projectedGoalLinks,
  projectedIndicators,
  projectedIndicatorValues,
  searchEntries,
} from "../db/schema.js";

export interface FollowupRows {
  goalHistory: (typeof projectedGoalHistory.$inferInsert)[];
  goalLinks: (typeof projectedGoalLinks.$inferInsert)[];
  indicators: (typeof projectedIndicators.$inferInsert)[];
  indicatorValues: (typeof projectedIndicatorValues.$inferInsert)[];
}
type Base = { boardId: string; workspaceId: string };
type Search = Omit<typeof searchEntries.$inferInsert, "document">;

export const emptyFollowupRows = (): FollowupRows => ({
  goalHistory: [],
  goalLinks: [],
  indicators: [],
  indicatorValues: [],
});

/** A goal's follow-ups and links; returns the text its search entry adds (justifications, what remains). */
export function extractGoalFollowUps(goal: Goal, base: Base, rows: FollowupRows): string[] {
  for (const h of goal.history) {
    rows.goalHistory.push({
      ...base,
      entryId: h.id,
      goalId: goal.id,
      status: h.status,
      date: h.date,
      setBy: h.by,
      recordedAt: new Date(h.at),
      justification: h.justification,
      remaining: h.remaining,
      example: h.example,
    });
  }
  for (const l of goal.links) {
    rows.goalLinks.push({ ...base, linkId: l.id, goalId: goal.id, focusBoardId: l.boardId, actionId: l.actionId });
  }
  return goal.history.flatMap((h) => [h.justification, h.remaining]);
}

export function extractFollowup(doc: Y.Doc, base: Base, rows: FollowupRows, search: Search[], body: BodyJoin) {
  const f = readFollowup(doc);
  const units = new Map(f.units.map((u) => [u.id, u]));
  const occasions = new Map(f.occasions.map((o) => [o.id, o]));
  search.push({
    ...base,
    entryId: "",
    kind: "board",
    title: "",
    body: body(f.description, ...f.units.map((u) => u.name), ...f.occasions.map((o) => o.label)),
  });
  for (const i of f.indicators) {
    const range = rangeOf(i);
    rows.indicators.push({
      ...base,
      indicatorId: i.id,
      name: i.name,
      unit: i.unit,
      unitLabel: i.unitLabel,
      direction: i.direction,
      target: i.target,
      rangeMin: range.min,
      rangeMax: range.max,
      method: i.method,
      goals: i.goals,
      focusBoardIds: i.focusBoardIds,
      rank: i.rank,
      example: i.example,
    });
    search.push({ ...base, entryId: i.id, kind: "indicator", title: i.name, body: body(i.method, i.unitLabel) });
    for (const v of i.values) {
      const unit = units.get(v.unitId);
      const occasion = occasions.get(v.occasionId);
      if (!unit || !occasion) continue;
      rows.indicatorValues.push({
        ...base,
        valueKey: `${i.id}/${v.key}`,
        indicatorId: i.id,
        unitId: unit.id,
        unitName: unit.name,
        organizationId: unit.organizationId,
        occasionId: occasion.id,
        occasionLabel: occasion.label,
        occasionKind: occasion.kind,
        occasionDate: occasion.date,
        value: v.value,
        respondents: v.respondents,
        enteredBy: v.by,
        enteredAt: new Date(v.at),
        example: v.example,
      });
    }
  }
}

export type BodyJoin = (...parts: (string | null | undefined)[]) => string;
