/**
 * Sequence numbers of stored updates when several processes write the same board. Each process
 * counts on from the highest stored number like one process does, but every number it hands out
 * ends in its own slot (seq = n × SLOTS + slot), so two processes never write the same
 * (board, seq) row — a collision would look like a retry of a row already stored and drop an
 * update. The slot comes from a counter in Redis at start; two live processes would share one
 * only if a million processes were started between them. Loading and compaction do not rely
 * on the order across processes (doc-store.ts reads every log row; shared-compaction.ts deletes
 * exactly the rows it folded).
 */
import { PREFIX } from "./keys.js";
import type { RedisLink } from "./redis-link.js";

export const SLOTS = 2 ** 20;

/** Takes this process's slot; numbers stay below 2^53 for 2^33 updates of one board. */
export async function takeSlot(link: RedisLink): Promise<number> {
  return (await link.commands.incr(`${PREFIX}process-slot`)) % SLOTS;
}

export function slotSequence(slot: number): (last: number) => number {
  return (last) => (Math.floor(last / SLOTS) + 1) * SLOTS + slot;
}
