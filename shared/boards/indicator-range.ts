/**
 * The rules for an indicator's values, with no Yjs in them (the web page, the REST route and the
 * server's guard share them): the range a value must be in, the key a value is stored under,
 * and the aggregates shown (few respondents, baseline against follow-up, mean over units).
 */
import { BoardInputError } from "./access.js";
import type { IndicatorDirection, IndicatorUnit } from "./vocabulary.js";

/** Fewer respondents than this: the value is shown with a warning (it says little, and about few). */
export const MIN_RESPONDENTS = 5;

export interface Range {
  min: number | null;
  max: number | null;
}

/** The unit's own limits (a percentage is 0–100, a count is never negative) within the indicator's. */
export function rangeOf(indicator: { unit: IndicatorUnit; min: number | null; max: number | null }): Range {
  const unitMin =
    indicator.unit === "percent" || indicator.unit.startsWith("count") || indicator.unit === "days" ? 0 : null;
  const unitMax = indicator.unit === "percent" ? 100 : null;
  const tighter = (a: number | null, b: number | null, pick: (x: number, y: number) => number) =>
    a === null ? b : b === null ? a : pick(a, b);
  return { min: tighter(unitMin, indicator.min, Math.max), max: tighter(unitMax, indicator.max, Math.min) };
}

/** Why a value does not fit the range (issue code and limit, for the reader's language), or null. */
export function valueProblem(range: Range, value: number): BoardInputError | null {
  if (!Number.isFinite(value)) return new BoardInputError("value", "must be a number.", { code: "invalid_type" });
  if (range.min !== null && value < range.min)
    return new BoardInputError("value", `must be at least ${range.min}.`, { code: "too_small", minimum: range.min });
  if (range.max !== null && value > range.max)
    return new BoardInputError("value", `must be at most ${range.max}.`, { code: "too_big", maximum: range.max });
  return null;
}

/**
 * The key of the value for a unit at an occasion: both ids joined, or — should that not be a
 * valid item id (ids from another client can be up to 64 characters) — a hash of both. Every
 * client computes the same key, so concurrent entries of one cell meet in one map entry.
 */
export function cellKey(unitId: string, occasionId: string): string {
  const joined = `${unitId}_${occasionId}`;
  if (joined.length <= 64) return joined;
  return `h${fnv(`${unitId}\u0000${occasionId}`, 0x811c9dc5)}${fnv(`${occasionId}\u0000${unitId}`, 0x01000193)}`;
}

function fnv(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

export const fewRespondents = (cell: { respondents: number | null }) =>
  cell.respondents !== null && cell.respondents < MIN_RESPONDENTS;

interface CellLike {
  unitId: string;
  occasionId: string;
  value: number;
  respondents: number | null;
}

/**
 * The mean of the units' values at one occasion: weighted by respondents when every value has
 * them (so a unit of 40 counts more than one of 8), else plain. Null when no unit has a value.
 */
export function occasionMean(cells: readonly CellLike[], occasionId: string): number | null {
  const at = cells.filter((c) => c.occasionId === occasionId);
  if (at.length === 0) return null;
  const weighted = at.every((c) => c.respondents !== null && c.respondents > 0);
  const weight = (c: CellLike) => (weighted ? (c.respondents as number) : 1);
  const total = at.reduce((sum, c) => sum + weight(c), 0);
  return at.reduce((sum, c) => sum + c.value * weight(c), 0) / total;
}

export interface UnitComparison {
  unitId: string;
  baseline: CellLike | null;
  /** The latest follow-up with a value. */
  latest: CellLike | null;
  change: number | null;
  /** Better, worse or unchanged, given which way is better; null without both values. */
  trend: "better" | "worse" | "same" | null;
}

/** Per unit: its baseline value against its latest follow-up (occasions in date order). */
export function compareWithBaseline(
  cells: readonly CellLike[],
  occasions: readonly { id: string; kind: "baseline" | "follow_up" }[],
  unitIds: readonly string[],
  direction: IndicatorDirection,
): UnitComparison[] {
  return unitIds.map((unitId) => {
    const of = (kind: string) =>
      occasions
        .filter((o) => o.kind === kind)
        .map((o) => cells.find((c) => c.unitId === unitId && c.occasionId === o.id))
        .filter((c): c is CellLike => c !== undefined);
    const baseline = of("baseline")[0] ?? null;
    const latest = of("follow_up").at(-1) ?? null;
    const change = baseline && latest ? latest.value - baseline.value : null;
    const trend =
      change === null ? null : change === 0 ? "same" : change > 0 === (direction === "higher") ? "better" : "worse";
    return { unitId, baseline, latest, change, trend };
  });
}
