/**
 * The board kinds by name, and opening a document: stamping a new board with its kind and layout
 * version, and upgrading an older document in place.
 */
import * as Y from "yjs";
import { z } from "zod";
import { focusSpec } from "./focus.js";
import { followupSpec } from "./followup.js";
import { addGoalHistoryMaps } from "./goal-history.js";
import { minutesSpec } from "./minutes.js";
import { planSpec } from "./plan.js";
import { roadmapSpec } from "./roadmap.js";
import type { BoardKind, BoardSpec } from "./spec.js";

export { BOARD_KINDS, type BoardKind, type BoardSpec, type Spec } from "./spec.js";

export const BOARD_SPECS: Record<BoardKind, BoardSpec> = {
  plan: planSpec,
  focus: focusSpec,
  minutes: minutesSpec,
  followup: followupSpec,
  roadmap: roadmapSpec,
};

/**
 * Upgrades per kind: UPGRADES[kind][v] brings a document from version v to v + 1. Version 0 is a
 * board made before its content had a layout (an empty or unversioned document): stamping it is
 * the whole upgrade.
 */
const UPGRADES: Record<BoardKind, ((doc: Y.Doc) => void)[]> = {
  plan: [() => {}, addGoalHistoryMaps],
  focus: [() => {}],
  minutes: [() => {}],
  followup: [() => {}],
  roadmap: [() => {}],
};

/**
 * Rich-text fields that exist once per board. They are created here, by whoever opens the board
 * first — in practice the server's room when it loads the board — and never lazily by a client:
 * two clients creating the same field at once would each write into their own fragment, and one
 * of them would lose everything typed (last writer wins for the key).
 */
const SINGLETONS: Record<BoardKind, [root: string, key: string][]> = {
  plan: [["plan", "purpose"]],
  focus: [["focus", "description"]],
  minutes: [],
  followup: [],
  roadmap: [],
};

export type OpenResult =
  | { ok: true; upgradedFrom: number | null }
  /** Written by a newer version of Samverkan: show it, but do not edit it with this code. */
  | { ok: false; reason: "newer-version" | "other-kind"; found: unknown };

export function schemaVersionOf(doc: Y.Doc): number {
  const parsed = z.number().int().min(0).safeParse(doc.getMap("meta").get("schemaVersion"));
  return parsed.success ? parsed.data : 0;
}

/** Opens a board document for editing as `kind`, upgrading it in place (one transaction) when older. */
export function openBoard(doc: Y.Doc, kind: BoardKind): OpenResult {
  const spec = BOARD_SPECS[kind];
  const meta = doc.getMap<unknown>("meta");
  const storedKind = meta.get("kind");
  if (storedKind !== undefined && storedKind !== kind) return { ok: false, reason: "other-kind", found: storedKind };
  const version = schemaVersionOf(doc);
  if (version > spec.version) return { ok: false, reason: "newer-version", found: version };
  const current = version === spec.version && storedKind === kind;
  const missing = SINGLETONS[kind].filter(
    ([root, key]) => !(doc.getMap<unknown>(root).get(key) instanceof Y.XmlFragment),
  );
  if (current && missing.length === 0) return { ok: true, upgradedFrom: null };
  doc.transact(() => {
    if (!current) {
      for (let v = version; v < spec.version; v++) UPGRADES[kind][v]?.(doc);
      meta.set("kind", kind);
      meta.set("schemaVersion", spec.version);
    }
    for (const [root, key] of missing) doc.getMap<unknown>(root).set(key, new Y.XmlFragment());
  });
  return { ok: true, upgradedFrom: current ? null : version };
}
