/** The decoded form of an incoming update, and lookups over it shared by the update and content guards. */
import type * as Y from "yjs";

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
