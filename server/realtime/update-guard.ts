/**
 * Checks an incoming Yjs update against the room's document before it is applied: size,
 * decodability, missing dependencies (which Yjs would otherwise park as pending forever), and
 * how deeply shared types and JSON values nest; then, given the board kind's layout, what the
 * content is (content-guard.ts). Nothing here mutates the document.
 */
import * as Y from "yjs";
import type { BoardSpec } from "../../shared/boards/spec.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import { findUnstorableText, unstorableText } from "../../shared/text/hygiene.js";
import { checkContent } from "./content-guard.js";
import { ProtocolError } from "./protocol-error.js";
import { type Decoded, findIn, indexByClient, type Struct } from "./update-structs.js";

const invalid = (detail: string) => new ProtocolError(Close.InvalidUpdate, detail);
/** Builds on content the board does not have (yet): the sender's own earlier update may still be on its way. */
const missing = (detail: string) => new ProtocolError(Close.InvalidUpdate, detail, true);
/** Can never be applied, however often it is sent. */
const refused = (detail: string) => new ProtocolError(Close.ContentRefused, detail);

/** Throws a ProtocolError when the update must not be applied; returns true when it carries no change at all. */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  maxDepth: number = LIMITS.maxNestingDepth,
  spec?: BoardSpec,
): boolean {
  if (update.byteLength > LIMITS.maxUpdateBytes) {
    throw new ProtocolError(Close.UpdateTooLarge, `update of ${update.byteLength} bytes`);
  }
  let decoded: Decoded;
  try {
    decoded = Y.decodeUpdate(update) as unknown as Decoded;
  } catch (error) {
    // Includes RangeError from absurdly nested JSON content overflowing the decoder's stack.
    throw new ProtocolError(Close.Malformed, `undecodable update: ${(error as Error).message}`);
  }
  if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return true;

  const known = Y.getState.bind(null, doc.store);
  const local = indexByClient(decoded.structs);
  const coveredUntil = (client: number) => {
    const own = local.get(client);
    const last = own?.at(-1);
    return Math.max(known(client), last ? last.id.clock + last.length : 0);
  };

  for (const [client, structs] of local) {
    // The update must continue exactly where the document ends (or overlap it): a gap means missing dependencies.
    const first = structs[0];
    if (first && first.id.clock > known(client)) throw missing(`missing dependencies from client ${client}`);
    for (let i = 1; i < structs.length; i++) {
      const prev = structs[i - 1] as Struct;
      const cur = structs[i] as Struct;
      if (cur.constructor.name === "Skip" || cur.id.clock !== prev.id.clock + prev.length) {
        throw invalid(`gap in the update for client ${client}`);
      }
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (range.clock + range.len > coveredUntil(client)) throw missing(`deletes unknown content of client ${client}`);
    }
  }

  // Every reference must point at content the board has or this update brings; Yjs would
  // otherwise park the update as pending, or throw half-way through applying it.
  const exists = (id: Y.ID) => id.clock < known(id.client) || findIn(local, id) !== undefined;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const parent = struct.parent as unknown;
    for (const ref of [struct.origin, struct.rightOrigin, parent instanceof Y.ID ? parent : null]) {
      if (!ref) continue;
      // Yjs integrates one client's structs in clock order and trusts same-client references to be
      // earlier: one to a later clock of its own client can never be satisfied, so it does not wait.
      if (ref.client === struct.id.client) {
        if (ref.clock >= struct.id.clock) throw invalid(`refers to its own later content (clock ${ref.clock})`);
        continue;
      }
      if (!exists(ref)) {
        throw missing(`refers to content the board does not have (client ${ref.client}, clock ${ref.clock})`);
      }
    }
  }

  const depth = createDepthResolver(doc, local, maxDepth);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.content instanceof Y.ContentType && depth(struct) + 1 > maxDepth) {
      throw refused(`shared types nested deeper than ${maxDepth}`);
    }
    const content = struct.content;
    const values =
      content instanceof Y.ContentAny || content instanceof Y.ContentJSON
        ? content.getContent()
        : content instanceof Y.ContentEmbed
          ? [content.embed]
          : content instanceof Y.ContentFormat
            ? [content.value]
            : [];
    for (const value of values) {
      if (jsonDepth(value, maxDepth) > maxDepth) throw refused(`values nested deeper than ${maxDepth}`);
    }
    // Text the database cannot hold (NUL) would stop the board's projections and search for good.
    const unstorable =
      (typeof struct.parentSub === "string" ? unstorableText(struct.parentSub) : null) ??
      (content instanceof Y.ContentString ? unstorableText(content.str) : null) ??
      (content instanceof Y.ContentFormat ? unstorableText(content.key) : null) ??
      findUnstorableText(values)?.reason ??
      null;
    if (unstorable) throw refused(`text that cannot be stored: ${unstorable}`);
  }
  if (spec) checkContent(doc, decoded, local, spec);
  return false;
}

/**
 * depth(item) = how deep the type containing `item` is (a root type is 1). Items carry their
 * parent only when they have no origin; otherwise they share the parent of their origin. Walks
 * iteratively (an attacker's chain may be thousands long) and memoises, so each item costs O(1).
 */
function createDepthResolver(doc: Y.Doc, local: Map<number, Struct[]>, maxDepth: number) {
  const memo = new Map<Y.Item, number>();

  const findLocal = (id: Y.ID) => findIn(local, id);

  const find = (id: Y.ID): Struct => {
    const s = findLocal(id);
    if (s) return s;
    if (id.clock >= Y.getState(doc.store, id.client)) throw missing(`refers to unknown content of client ${id.client}`);
    return Y.getItem(doc.store, id) as Struct;
  };

  /** Depth of a type already in the document: count its ancestors. */
  const docDepth = (item: Y.Item): number => {
    let depth = 1;
    let type = item.parent as Y.AbstractType<unknown> | null;
    while (type?._item) {
      depth++;
      if (depth > maxDepth) return depth;
      type = type._item.parent as Y.AbstractType<unknown> | null;
    }
    return depth;
  };

  return (start: Y.Item): number => {
    // Follow the chain until something with a known depth; remember each step's increment.
    const chain: { item: Y.Item; add: number }[] = [];
    let base = 0;
    let current: Struct = start;
    let parentSteps = 0;
    for (;;) {
      if (!(current instanceof Y.Item)) {
        base = 1; // garbage-collected: its content is gone, so it cannot nest anything
        break;
      }
      const cached = memo.get(current);
      if (cached !== undefined) {
        base = cached;
        break;
      }
      const isLocal = findLocal(current.id) === current;
      if (!isLocal) {
        base = docDepth(current);
        break;
      }
      const parent = current.parent as unknown;
      if (typeof parent === "string") {
        chain.push({ item: current, add: 0 });
        base = 1;
        break;
      }
      if (parent instanceof Y.ID) {
        chain.push({ item: current, add: 1 });
        if (++parentSteps > maxDepth) return maxDepth + 1;
        current = find(parent);
        continue;
      }
      const origin = current.origin ?? current.rightOrigin;
      if (!origin) {
        base = 1;
        break;
      }
      chain.push({ item: current, add: 0 });
      current = find(origin);
    }
    // Unwind: each item's depth is its successor's plus the step between them.
    let depth = base;
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i] as { item: Y.Item; add: number };
      if (link.add === 1) {
        // `link.item` lives inside the type created by the next item in the chain.
        depth += 1;
      }
      memo.set(link.item, depth);
    }
    return memo.get(start) ?? depth;
  };
}

/** How deep a JSON value nests, stopping as soon as it passes `limit`. Iterative: no stack to overflow. */
function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * True when the document already holds everything the update brings, structs and deletions —
 * as a returning client's sync does (its delete set always travels with it). Costs a snapshot of
 * the document, so it is asked only about updates that would otherwise be refused.
 */
export function alreadyHolds(doc: Y.Doc, update: Uint8Array): boolean {
  return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}
