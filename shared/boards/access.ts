/**
 * The generic part of the typed board helpers: reading values tolerantly, writing them only when
 * they fit the layout, creating records with their nested types, and ranks for ordering.
 * Board modules (plan, focus, minutes) build on these; nothing else touches Y.Map keys.
 */
import { generateKeyBetween } from "fractional-indexing";
import * as Y from "yjs";
import type { z } from "zod";
import { ITEM_ID } from "./fields.js";
import type { MapSpec, Spec } from "./spec.js";

/** A write a user asked for that does not fit the board's layout (the server would refuse it). */
export class BoardInputError extends Error {
  override name = "BoardInputError";
  constructor(
    readonly field: string,
    message: string,
    /** What the schema refused, for saying it in the reader's language: zod's issue code and limit. */
    readonly issue?: { code: string; maximum?: number; minimum?: number },
  ) {
    super(`${field}: ${message}`);
  }
}

/** A write refused by a schema, from its first issue. */
export function inputError(field: string, issue: z.core.$ZodIssue | undefined): BoardInputError {
  if (!issue) return new BoardInputError(field, "is not valid.");
  const maximum = "maximum" in issue && typeof issue.maximum === "number" ? issue.maximum : undefined;
  return new BoardInputError(field, issue.message, { code: issue.code, ...(maximum !== undefined ? { maximum } : {}) });
}

export type YRecord = Y.Map<unknown>;

/** A value from a Y.Map, or `fallback` when it is missing or does not fit (never throws on odd content). */
export function read<T>(ymap: YRecord | undefined, key: string, schema: z.ZodType<T>, fallback: T): T {
  const parsed = schema.safeParse(ymap?.get(key));
  return parsed.success ? parsed.data : fallback;
}

export function readRichText(ymap: YRecord | undefined, key: string): Y.XmlFragment | undefined {
  const value = ymap?.get(key);
  return value instanceof Y.XmlFragment ? value : undefined;
}

export function readMap(ymap: YRecord | undefined, key: string): YRecord | undefined {
  const value = ymap?.get(key);
  return value instanceof Y.Map ? (value as YRecord) : undefined;
}

/**
 * A nested map or rich-text field, created if it is missing — a record someone emptied (deleting
 * a field is always allowed) is repaired by the next write instead of refusing it forever.
 */
export function ensureMap(ymap: YRecord, key: string): YRecord {
  const value = ymap.get(key);
  if (value instanceof Y.Map) return value as YRecord;
  const fresh = new Y.Map<unknown>();
  ymap.set(key, fresh);
  return fresh;
}

export function ensureRichText(ymap: YRecord, key: string): Y.XmlFragment {
  const value = ymap.get(key);
  if (value instanceof Y.XmlFragment && !(value instanceof Y.XmlElement)) return value;
  const fresh = new Y.XmlFragment();
  ymap.set(key, fresh);
  return fresh;
}

/** The records of a `records` map as [id, Y.Map] pairs (entries of another shape are skipped). */
export function recordEntries(records: YRecord | undefined): [string, YRecord][] {
  if (!records) return [];
  const out: [string, YRecord][] = [];
  for (const [id, value] of records.entries()) if (value instanceof Y.Map) out.push([id, value as YRecord]);
  return out;
}

/** Plain-value records (e.g. attendees, decisions) that fit `schema`, with their ids. */
export function valueEntries<T>(records: YRecord | undefined, schema: z.ZodType<T>): (T & { id: string })[] {
  if (!records) return [];
  const out: (T & { id: string })[] = [];
  for (const [id, value] of records.entries()) {
    const parsed = schema.safeParse(value);
    if (parsed.success) out.push({ ...(parsed.data as T & object), id } as T & { id: string });
  }
  return out;
}

function valueSchema(spec: MapSpec, key: string): z.ZodType {
  const field = spec.fields[key];
  if (field?.type !== "value") throw new BoardInputError(key, "is not a plain field of this item.");
  return field.schema;
}

/** Checks a value against a plain field's schema; throws BoardInputError with the first problem. */
export function checkValue(spec: Spec, field: string, input: unknown): unknown {
  if (spec.type !== "value") throw new BoardInputError(field, "is not a plain field.");
  const parsed = spec.schema.safeParse(input);
  if (!parsed.success) throw inputError(field, parsed.error.issues[0]);
  return parsed.data;
}

/** Sets plain fields after checking each against the layout; nothing is written if one is invalid. */
export function writeFields(ymap: YRecord, spec: MapSpec, patch: Record<string, unknown>): void {
  const checked: [string, unknown][] = [];
  for (const [key, input] of Object.entries(patch)) {
    if (input === undefined) continue;
    checked.push([key, checkValue({ type: "value", schema: valueSchema(spec, key) }, key, input)]);
  }
  const apply = () => {
    for (const [key, v] of checked) if (ymap.get(key) !== v) ymap.set(key, v);
  };
  if (ymap.doc) ymap.doc.transact(apply);
  else apply();
}

/** A new Y.Map for a record of `spec`: nested maps and rich-text fragments created, plain fields set. */
export function newRecord(spec: MapSpec, initial: Record<string, unknown>): YRecord {
  const record = new Y.Map<unknown>();
  for (const [key, field] of Object.entries(spec.fields)) {
    if (field.type === "richtext") record.set(key, new Y.XmlFragment());
    else if (field.type === "map" || field.type === "records") record.set(key, new Y.Map());
  }
  for (const [key, input] of Object.entries(initial)) {
    if (input === undefined) continue;
    record.set(key, checkValue({ type: "value", schema: valueSchema(spec, key) }, key, input));
  }
  return record;
}

/** A random id for a new item, or the caller's own after checking it. */
export function newId(chosen?: string): string {
  if (chosen === undefined) return crypto.randomUUID();
  if (!ITEM_ID.test(chosen)) throw new BoardInputError("id", "use 1–64 letters, digits, - or _.");
  return chosen;
}

/** A rank strictly between two neighbours (null = open end). */
export function rankBetween(before: string | null, after: string | null): string {
  // Equal neighbours happen when two people inserted at the same place at once; step past the tie.
  try {
    if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null);
    return generateKeyBetween(before, after);
  } catch {
    // A neighbour's rank is not a well-formed key (written by something else): rank past it.
    return `${before ?? after ?? "a"}V`;
  }
}

/** Orders by rank, then by id so that equal ranks (concurrent inserts) still sort the same for everyone. */
export function byRank<T extends { rank: string; id: string }>(a: T, b: T): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Ids and ranks of a records map's entries (Y.Map records or plain values), ordered; `where`
 * filters on the raw entry. Cheap: placing an item must not read and validate the whole board.
 */
export function ranked(records: YRecord, where?: (entry: unknown) => boolean): { id: string; rank: string }[] {
  const out: { id: string; rank: string }[] = [];
  for (const [id, entry] of records.entries()) {
    if (where && !where(entry)) continue;
    const rank =
      entry instanceof Y.Map
        ? entry.get("rank")
        : entry && typeof entry === "object"
          ? (entry as { rank?: unknown }).rank
          : undefined;
    if (typeof rank === "string") out.push({ id, rank });
  }
  return out.sort(byRank);
}

/** The rank for a new item placed last among `items`. */
export function rankAtEnd(items: readonly { rank: string }[]): string {
  let last: string | null = null;
  for (const item of items) if (last === null || item.rank > last) last = item.rank;
  return rankBetween(last, null);
}
