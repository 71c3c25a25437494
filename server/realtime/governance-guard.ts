/**
 * Who may change what in a meeting's protokoll (issue 21). The meeting's convener
 * (`meeting.convenerId`), its approvers (justerare, `meeting.approverIds`) and which agenda items
 * exist are decided by those who run the meeting: the partnership's conveners and the convener
 * the minutes name. Every other member may add agenda items and write in them.
 *
 * A member's update is applied as it is; if it changed one of those, the change is undone in the
 * same step and the room stores and sends, instead of the member's update, one encoded from the
 * document (as for identity numbers, identity-guard.ts): the member's own copy gets the undo too,
 * so nobody is stranded with a copy the server will never take, and the stock client is never
 * closed for it. A deleted agenda item comes back whole (a copy of it taken before the update).
 */
import * as Y from "yjs";
import { findIn, forEachItemDeleted, indexByClient, type Struct } from "./update-structs.js";

const GOVERNED_KEYS = ["convenerId", "approverIds"] as const;

export interface GovernedBefore {
  meeting: Map<string, { item: Y.Item | undefined; live: boolean; value: unknown }>;
  /** Agenda items the update deletes or replaces, each with a copy of it as it was. */
  items: Map<string, { item: Y.Item; copy: Y.Map<unknown> }>;
}

export interface GovernanceFinding {
  field: string;
  /** Puts it back; to be called inside a transaction. */
  remove: () => void;
}

/**
 * Before a member's update to a minutes board is applied: what it may not change, as it is now —
 * or null when the member runs the meeting (a convener of the partnership, or the convener the
 * minutes name) and may change anything.
 */
export function governedBefore(
  doc: Y.Doc,
  member: { userId: string; runsMeetings?: boolean },
  update: Uint8Array,
): GovernedBefore | null {
  const meeting = doc.getMap<unknown>("meeting");
  if (member.runsMeetings !== false || meeting.get("convenerId") === member.userId) return null;
  const before: GovernedBefore = { meeting: new Map(), items: new Map() };
  for (const key of GOVERNED_KEYS) {
    const item = meeting._map.get(key);
    before.meeting.set(key, { item, live: item !== undefined && !item.deleted, value: meeting.get(key) });
  }
  const items = doc.getMap<unknown>("items");
  for (const key of itemKeysTouched(doc, items, update)) {
    const item = items._map.get(key);
    const value = items.get(key);
    if (item && !item.deleted && value instanceof Y.Map) before.items.set(key, { item, copy: value.clone() });
  }
  return before;
}

/** After the update was applied: how to undo what it changed of the governed fields. */
export function governedChanges(doc: Y.Doc, before: GovernedBefore): GovernanceFinding[] {
  const found: GovernanceFinding[] = [];
  const meeting = doc.getMap<unknown>("meeting");
  for (const [key, was] of before.meeting) {
    const now = meeting._map.get(key);
    if (now === was.item && !(was.live && now?.deleted)) continue;
    found.push({
      field: `meeting.${key}`,
      remove: () => (was.live ? meeting.set(key, was.value) : meeting.delete(key)),
    });
  }
  const items = doc.getMap<unknown>("items");
  for (const [key, { item, copy }] of before.items) {
    const now = items._map.get(key);
    if (now === item && !now.deleted) continue;
    found.push({ field: `items.${key}`, remove: () => items.set(key, copy) });
  }
  return found;
}

/**
 * Keys of the agenda (root `items`) that the update deletes (its delete set) or writes a new
 * entry for (a new item placed after the current one of that key, or named by parent and key).
 */
function itemKeysTouched(doc: Y.Doc, items: Y.Map<unknown>, update: Uint8Array): Set<string> {
  const keys = new Set<string>();
  const decoded = Y.decodeUpdate(update) as unknown as {
    structs: Struct[];
    ds: { clients: Map<number, { clock: number; len: number }[]> };
  };
  forEachItemDeleted(doc, decoded.ds, (s) => {
    if (s.parent === items && s.parentSub !== null) keys.add(s.parentSub);
  });
  // A new map entry is placed after the entry it replaces (its origin), here or earlier in this
  // update; each chain is followed once (long updates must not cost quadratic time).
  const local = indexByClient(decoded.structs);
  const known = (id: Y.ID) => id.clock < Y.getState(doc.store, id.client);
  const resolved = new Map<Y.Item, string | null>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    const chain: Y.Item[] = [];
    let key: string | null = null;
    for (let current: Struct | undefined = s; current instanceof Y.Item; ) {
      const seen = resolved.get(current);
      if (seen !== undefined) {
        key = seen;
        break;
      }
      chain.push(current);
      const origin: Y.ID | null = current.origin;
      if (!origin) {
        // Decoded, an item placed by parent and key names its root by name.
        if ((current.parent as unknown) === "items" && current.rightOrigin === null) key = current.parentSub;
        break;
      }
      if (known(origin)) {
        const o = Y.getItem(doc.store, origin) as Y.Item | Y.GC;
        if (o instanceof Y.Item && o.parent === items) key = o.parentSub;
        break;
      }
      current = findIn(local, origin);
    }
    for (const c of chain) resolved.set(c, key);
    if (key !== null) keys.add(key);
  }
  return keys;
}
