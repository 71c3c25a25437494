/** The decoded form of an incoming update, and lookups over it shared by the update and content guards. */
import * as Y from "yjs";

export type Struct = Y.Item | Y.GC | { id: Y.ID; length: number; constructor: { name: string } };
export type Decoded = { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };

export function indexByClient(structs: Struct[]): Map<number, Struct[]> {
  const byClient = new Map<number, Struct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client);
    if (list) list.push(s);
    else byClient.set(s.id.client, [s]);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return byClient;
}

/** The struct of this update that contains `id`, by binary search over its client's structs. */
export function findIn(local: Map<number, Struct[]>, id: Y.ID): Struct | undefined {
  const list = local.get(id.client);
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid] as Struct;
    if (id.clock < s.id.clock) hi = mid - 1;
    else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/**
 * Each item of `doc`, not yet deleted, that the update's delete set removes (wholly or in part);
 * `from`–`end` is the clock range of its client that the deletion covers.
 */
export function forEachItemDeleted(
  doc: Y.Doc,
  ds: Decoded["ds"],
  visit: (item: Y.Item, from: number, end: number) => void,
): void {
  for (const [client, ranges] of ds.clients) {
    const own = doc.store.clients.get(client);
    if (!own) continue;
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, Y.getState(doc.store, client));
      if (clock >= end) continue;
      for (let i = Y.findIndexSS(own, clock); i < own.length; i++) {
        const s = own[i] as Y.Item | Y.GC;
        if (s.id.clock >= end) break;
        if (s instanceof Y.Item && !s.deleted) visit(s, clock, end);
      }
    }
  }
}
