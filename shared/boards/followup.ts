/**
 * Board kind `followup` (uppföljning, issue 19): indicators, the organisational units they are
 * measured at and the measuring occasions (baseline, follow-ups), and one aggregated value per
 * indicator × unit × occasion — never individual answers. A value is a plain record in its
 * indicator's `values` map under a key made from its unit and occasion (cellKey), so two people
 * entering the same cell at once end with one value (last writer wins), never two. Each value
 * carries who entered it and when; the server refuses one outside the indicator's range or for
 * a unit or occasion that does not exist (realtime/followup-guard.ts, routes/indicators.ts).
 */
import * as Y from "yjs";
import { z } from "zod";
import {
  BoardInputError,
  byRank,
  inputError,
  newId,
  newRecord,
  rankAtEnd,
  ranked,
  read,
  readMap,
  recordEntries,
  valueEntries,
  writeFields,
  type YRecord,
} from "./access.js";
import {
  boardIdSchema,
  dateSchema,
  dateTimeSchema,
  itemIdSchema,
  organizationIdSchema,
  rankSchema,
  requiredText,
  text,
  userIdSchema,
} from "./fields.js";
import { cellKey, type Range, rangeOf, valueProblem } from "./indicator-range.js";
import { type BoardSpec, map, metaSpec, records, value } from "./spec.js";
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  type IndicatorDirection,
  type IndicatorUnit,
  OCCASION_KINDS,
} from "./vocabulary.js";

export { cellKey };

export const unitSchema = z.strictObject({
  name: requiredText(200),
  organizationId: organizationIdSchema.nullable(),
  rank: rankSchema,
});
export const occasionSchema = z.strictObject({
  label: requiredText(100),
  date: dateSchema,
  kind: z.enum(OCCASION_KINDS),
});
export const cellSchema = z.strictObject({
  unitId: itemIdSchema,
  occasionId: itemIdSchema,
  value: z.number().finite(),
  /** How many answered; the value is an aggregate of theirs. */
  respondents: z.number().int().min(0).max(10_000_000).nullable(),
  by: userIdSchema.nullable(),
  at: dateTimeSchema,
  example: z.boolean().default(false),
});
export const goalRefSchema = z.strictObject({ boardId: boardIdSchema, goalId: itemIdSchema });
const bound = z.number().finite().nullable();

export const indicatorSpec = map({
  name: value(requiredText(200)),
  unit: value(z.enum(INDICATOR_UNITS)),
  /** The unit's name when `unit` is "other" ("besök", "timmar"). */
  unitLabel: value(text(40)),
  direction: value(z.enum(INDICATOR_DIRECTIONS)),
  target: value(bound),
  min: value(bound),
  max: value(bound),
  /** Method and source: "P-CAT, 13 frågor, 13–52", "medarbetarenkät", "Alfa care". */
  method: value(text(1000)),
  goals: value(z.array(goalRefSchema).max(50)),
  focusBoardIds: value(z.array(boardIdSchema).max(50)),
  rank: value(rankSchema),
  example: value(z.boolean()),
  values: records(value(cellSchema), 5000),
});

export const followupSpec: BoardSpec = {
  kind: "followup",
  version: 1,
  roots: {
    meta: metaSpec("followup", 1),
    followup: map({ description: value(text(2000)) }),
    indicators: records(indicatorSpec, 100),
    units: records(value(unitSchema), 100),
    occasions: records(value(occasionSchema), 50),
  },
};

export type Unit = z.infer<typeof unitSchema> & { id: string };
export type Occasion = z.infer<typeof occasionSchema> & { id: string };
export type Cell = z.infer<typeof cellSchema> & { key: string };
export type GoalRef = z.infer<typeof goalRefSchema>;

export interface Indicator {
  id: string;
  name: string;
  unit: IndicatorUnit;
  unitLabel: string;
  direction: IndicatorDirection;
  target: number | null;
  min: number | null;
  max: number | null;
  method: string;
  goals: GoalRef[];
  focusBoardIds: string[];
  rank: string;
  example: boolean;
  /** Only values whose unit and occasion exist and whose key fits them. */
  values: Cell[];
}

export interface FollowupContent {
  description: string;
  indicators: Indicator[];
  units: Unit[];
  /** By date, baselines first on the same date. */
  occasions: Occasion[];
}

const root = (doc: Y.Doc, name: "followup" | "indicators" | "units" | "occasions") => doc.getMap<unknown>(name);

export function readUnits(doc: Y.Doc): Unit[] {
  return valueEntries(root(doc, "units"), unitSchema).sort(byRank);
}

export function readOccasions(doc: Y.Doc): Occasion[] {
  return valueEntries(root(doc, "occasions"), occasionSchema).sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      OCCASION_KINDS.indexOf(a.kind) - OCCASION_KINDS.indexOf(b.kind) ||
      (a.id < b.id ? -1 : 1),
  );
}

export function readIndicator(id: string, r: YRecord, units: Set<string>, occasions: Set<string>): Indicator {
  const values: Cell[] = [];
  for (const [key, raw] of readMap(r, "values")?.entries() ?? []) {
    const parsed = cellSchema.safeParse(raw);
    if (!parsed.success) continue;
    const cell = parsed.data;
    if (key !== cellKey(cell.unitId, cell.occasionId)) continue;
    if (!units.has(cell.unitId) || !occasions.has(cell.occasionId)) continue;
    values.push({ ...cell, key });
  }
  return {
    id,
    name: read(r, "name", z.string(), ""),
    unit: read(r, "unit", z.enum(INDICATOR_UNITS), "other"),
    unitLabel: read(r, "unitLabel", z.string(), ""),
    direction: read(r, "direction", z.enum(INDICATOR_DIRECTIONS), "higher"),
    target: read(r, "target", bound, null),
    min: read(r, "min", bound, null),
    max: read(r, "max", bound, null),
    method: read(r, "method", z.string(), ""),
    goals: read(r, "goals", z.array(goalRefSchema), []),
    focusBoardIds: read(r, "focusBoardIds", z.array(boardIdSchema), []),
    rank: read(r, "rank", rankSchema, "a0"),
    example: read(r, "example", z.boolean(), false),
    values,
  };
}

export function readFollowup(doc: Y.Doc): FollowupContent {
  const units = readUnits(doc);
  const occasions = readOccasions(doc);
  const unitIds = new Set(units.map((u) => u.id));
  const occasionIds = new Set(occasions.map((o) => o.id));
  return {
    description: read(root(doc, "followup"), "description", z.string(), ""),
    indicators: recordEntries(root(doc, "indicators"))
      .map(([id, r]) => readIndicator(id, r, unitIds, occasionIds))
      .sort(byRank),
    units,
    occasions,
  };
}

export function setFollowupDescription(doc: Y.Doc, description: string): void {
  writeFields(root(doc, "followup"), followupSpec.roots.followup as ReturnType<typeof map>, { description });
}

export type NewIndicator = Partial<Omit<Indicator, "id" | "values" | "rank">> & { name: string; id?: string };

export function addIndicator(doc: Y.Doc, input: NewIndicator): string {
  const id = newId(input.id);
  const range = { unit: input.unit ?? "other", min: input.min ?? null, max: input.max ?? null };
  if (range.min !== null && range.max !== null && range.min > range.max)
    throw new BoardInputError("max", "the highest value is below the lowest.", { code: "min_above_max" });
  root(doc, "indicators").set(
    id,
    newRecord(indicatorSpec, {
      name: input.name,
      unit: range.unit,
      unitLabel: input.unitLabel ?? "",
      direction: input.direction ?? "higher",
      target: input.target ?? null,
      min: range.min,
      max: range.max,
      method: input.method ?? "",
      goals: input.goals ?? [],
      focusBoardIds: input.focusBoardIds ?? [],
      rank: rankAtEnd(ranked(root(doc, "indicators"))),
      example: input.example ?? false,
    }),
  );
  return id;
}

function indicatorMap(doc: Y.Doc, id: string): YRecord {
  const r = root(doc, "indicators").get(id);
  if (!(r instanceof Y.Map)) throw new BoardInputError("indicator", `no indicator ${id} on this board.`);
  return r as YRecord;
}

export type IndicatorPatch = Partial<Omit<Indicator, "id" | "values">>;

export function updateIndicator(doc: Y.Doc, id: string, patch: IndicatorPatch): void {
  const r = indicatorMap(doc, id);
  const min = patch.min !== undefined ? patch.min : read(r, "min", bound, null);
  const max = patch.max !== undefined ? patch.max : read(r, "max", bound, null);
  if (min !== null && max !== null && min > max)
    throw new BoardInputError("max", "the highest value is below the lowest.", { code: "min_above_max" });
  writeFields(r, indicatorSpec, patch);
}

export function removeIndicator(doc: Y.Doc, id: string): void {
  root(doc, "indicators").delete(id);
}

export function addUnit(doc: Y.Doc, input: { name: string; organizationId?: string | null; id?: string }): string {
  const id = newId(input.id ?? shortId());
  const parsed = unitSchema.safeParse({
    name: input.name,
    organizationId: input.organizationId ?? null,
    rank: rankAtEnd(ranked(root(doc, "units"))),
  });
  if (!parsed.success) throw inputError("unit", parsed.error.issues[0]);
  root(doc, "units").set(id, parsed.data);
  return id;
}

export function addOccasion(doc: Y.Doc, input: z.input<typeof occasionSchema> & { id?: string }): string {
  const id = newId(input.id ?? shortId());
  const { id: _, ...fields } = input;
  const parsed = occasionSchema.safeParse(fields);
  if (!parsed.success) throw inputError(String(parsed.error.issues[0]?.path[0] ?? "occasion"), parsed.error.issues[0]);
  root(doc, "occasions").set(id, parsed.data);
  return id;
}

export function removeUnit(doc: Y.Doc, id: string): void {
  root(doc, "units").delete(id);
}

export function removeOccasion(doc: Y.Doc, id: string): void {
  root(doc, "occasions").delete(id);
}

export type CellInput = {
  unitId: string;
  occasionId: string;
  value: number;
  respondents?: number | null;
  by: string | null;
  example?: boolean;
};

/** The indicator's range as the board holds it (for checking a value). */
export function indicatorRange(doc: Y.Doc, indicatorId: string): Range {
  const r = indicatorMap(doc, indicatorId);
  return rangeOf({
    unit: read(r, "unit", z.enum(INDICATOR_UNITS), "other"),
    min: read(r, "min", bound, null),
    max: read(r, "max", bound, null),
  });
}

/**
 * Enters one aggregated value. Throws BoardInputError (field unitId, occasionId, value or
 * respondents; issue code "too_small"/"too_big" with the limit for a value out of range) when
 * the unit or occasion does not exist or the value does not fit.
 */
export function setIndicatorValue(doc: Y.Doc, indicatorId: string, input: CellInput, now: Date = new Date()): Cell {
  const r = indicatorMap(doc, indicatorId);
  if (!(root(doc, "units").get(input.unitId) && unitSchema.safeParse(root(doc, "units").get(input.unitId)).success))
    throw new BoardInputError("unitId", `no unit ${input.unitId} on this board.`, { code: "unknown_unit" });
  if (!occasionSchema.safeParse(root(doc, "occasions").get(input.occasionId)).success)
    throw new BoardInputError("occasionId", `no occasion ${input.occasionId} on this board.`, {
      code: "unknown_occasion",
    });
  const parsed = cellSchema.safeParse({
    unitId: input.unitId,
    occasionId: input.occasionId,
    value: input.value,
    respondents: input.respondents ?? null,
    by: input.by,
    at: now.toISOString(),
    example: input.example ?? false,
  });
  if (!parsed.success) throw inputError(String(parsed.error.issues[0]?.path[0] ?? "value"), parsed.error.issues[0]);
  const problem = valueProblem(indicatorRange(doc, indicatorId), parsed.data.value);
  if (problem) throw problem;
  const key = cellKey(input.unitId, input.occasionId);
  const values = readMap(r, "values");
  if (!values) throw new BoardInputError("indicator", "this indicator has no values map.");
  values.set(key, parsed.data);
  return { ...parsed.data, key };
}

export function clearIndicatorValue(doc: Y.Doc, indicatorId: string, unitId: string, occasionId: string): void {
  readMap(indicatorMap(doc, indicatorId), "values")?.delete(cellKey(unitId, occasionId));
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Unit and occasion ids are short, so that a value's key (both joined) stays a valid item id. */
function shortId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}
