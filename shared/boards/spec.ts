/**
 * How a board kind's Yjs document is laid out, as data: the content guard on the server checks
 * incoming updates against it, and the typed helpers read and write through it. A board is a set
 * of named root Y.Maps; inside them:
 * - `value`: a plain JSON value (stored as Yjs "any" content), checked with a zod schema;
 * - `map`: a nested Y.Map with a fixed set of keys;
 * - `records`: a Y.Map keyed by client-made ids (actions, goals, agenda items…);
 * - `richtext`: a Y.XmlFragment holding a document of the shared ProseMirror schema.
 */
import { z } from "zod";

export type Spec =
  | { type: "value"; schema: z.ZodType }
  | { type: "map"; fields: Record<string, Spec> }
  | { type: "records"; max: number; of: Spec }
  | { type: "richtext"; maxChars: number };

export type MapSpec = Extract<Spec, { type: "map" }>;

export const BOARD_KINDS = ["plan", "focus", "minutes", "followup", "roadmap"] as const;
export type BoardKind = (typeof BOARD_KINDS)[number];

export interface BoardSpec {
  kind: BoardKind;
  /** The layout version this code writes; older documents are upgraded when opened. */
  version: number;
  /** Root Y.Maps by name. Any other root name is refused. */
  roots: Record<string, MapSpec | Extract<Spec, { type: "records" }>>;
}

export const value = (schema: z.ZodType): Spec => ({ type: "value", schema });
export const map = (fields: Record<string, Spec>): MapSpec => ({ type: "map", fields });
export const records = (of: Spec, max: number) => ({ type: "records" as const, of, max });
export const richtext = (maxChars: number): Spec => ({ type: "richtext", maxChars });

/** The `meta` root every board carries: which kind it is and which layout version it follows. */
export function metaSpec(kind: BoardKind, version: number): MapSpec {
  return map({
    kind: value(z.literal(kind)),
    schemaVersion: value(z.number().int().min(1).max(version)),
  });
}
