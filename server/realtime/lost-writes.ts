/**
 * Edits that lost a conflict (issue 21). Two people who set the same field of a record without
 * seeing each other's change (one of them offline) both write a Yjs map entry; Yjs keeps one and
 * deletes the other as it integrates them, so the losing value never reaches any stored version.
 * This finds those values in the transaction that applied a member's update, so the server can
 * keep them (edit_conflicts) and the card's history can show and restore them.
 *
 * An entry deleted in the transaction lost a conflict when nobody wrote over it: no entry of the
 * same key to its right has it as origin (a later edit of the same field, by its own writer or by
 * someone who had seen it, always does). A value its own update deleted (typed over offline
 * before the reconnect) is therefore not reported, nor a field of a record deleted as a whole.
 * Cost: a walk over what the transaction deleted, usually nothing or a few text characters.
 */
import * as Y from "yjs";

export interface LostWrite {
  /** The record (action, goal, agenda item …): its key in its root map; null for a board-level field. */
  itemId: string | null;
  /** The key within the record; nested maps joined with "." (e.g. `pdsaNotes.plan`). */
  field: string;
  lostValue: unknown;
  /** The Yjs client that wrote the lost value and the one whose value was kept. */
  lostClient: number;
  keptValue: unknown;
  keptClient: number;
}

type AnyItem = Y.Item & { content: { arr?: unknown[] } };

const plainValue = (item: AnyItem): { ok: true; value: unknown } | { ok: false } =>
  item.content instanceof Y.ContentAny && item.content.arr?.length === 1
    ? { ok: true, value: item.content.arr[0] }
    : { ok: false };

/** Where a map entry lives: its record's id (the key in a root map) and its field path below it. */
function locate(parent: Y.AbstractType<unknown>, key: string): { itemId: string | null; field: string } | null {
  const path = [key];
  let map = parent;
  for (let depth = 0; depth < 8; depth++) {
    const item = map._item;
    if (item === null) return { itemId: null, field: path.join(".") }; // a root map: a board-level field
    if (item.parentSub === null || item.deleted) return null;
    const above = item.parent as Y.AbstractType<unknown>;
    if (above._item === null) return { itemId: item.parentSub, field: path.join(".") };
    path.unshift(item.parentSub);
    map = above;
  }
  return null;
}

function overwritten(item: Y.Item): boolean {
  const last = item.lastId;
  for (let r = item.right; r !== null; r = r.right) {
    const o = r.origin;
    if (o !== null && o.client === last.client && o.clock === last.clock) return true;
  }
  return false;
}

/** Map entries with plain values that the transaction deleted because a concurrent edit won. */
export function findLostWrites(transaction: Y.Transaction): LostWrite[] {
  const found: LostWrite[] = [];
  if (transaction.deleteSet.clients.size === 0) return found;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || struct.parentSub === null) return;
    const item = struct as AnyItem;
    const lost = plainValue(item);
    if (!lost.ok) return;
    const parent = item.parent as Y.AbstractType<unknown>;
    if (parent._item?.deleted) return;
    const winner = parent._map.get(item.parentSub as string) as AnyItem | undefined;
    if (!winner || winner === item || winner.deleted || overwritten(item)) return;
    const kept = plainValue(winner);
    if (!kept.ok || JSON.stringify(kept.value) === JSON.stringify(lost.value)) return;
    const where = locate(parent, item.parentSub as string);
    if (!where) return;
    found.push({
      ...where,
      lostValue: lost.value,
      lostClient: item.id.client,
      keptValue: kept.value,
      keptClient: winner.id.client,
    });
  });
  return found;
}

/** A lost write with people instead of Yjs clients, as the room reports it (room-contract.ts). */
export interface LostWriteEvent {
  boardId: string;
  writes: (Omit<LostWrite, "lostClient" | "keptClient"> & { lostBy: string | null; keptBy: string | null })[];
}

/**
 * The room's side: who wrote with which Yjs client (learnt from the members' updates while the
 * board is loaded), and the lost writes of the update being applied, until it is known to stay.
 */
export class LostWriteWatch {
  private readonly writers = new Map<number, string>();
  private pending: LostWrite[] = [];

  /** Called after each transaction applying a member's update (`userId` is the member's). */
  observe(transaction: Y.Transaction, userId: string | null): void {
    if (userId) {
      for (const [client, clock] of transaction.afterState) {
        if ((transaction.beforeState.get(client) ?? 0) >= clock || this.writers.get(client) === userId) continue;
        if (this.writers.size >= 10_000) this.writers.delete(this.writers.keys().next().value as number);
        this.writers.set(client, userId);
      }
    }
    this.pending = findLostWrites(transaction);
  }

  /** The lost writes of the update just applied, once; null when there were none. */
  take(boardId: string): LostWriteEvent | null {
    const found = this.pending;
    this.pending = [];
    if (found.length === 0) return null;
    return {
      boardId,
      writes: found.map(({ lostClient, keptClient, ...w }) => ({
        ...w,
        lostBy: this.writers.get(lostClient) ?? null,
        keptBy: this.writers.get(keptClient) ?? null,
      })),
    };
  }

  /** Forgets the lost writes of an update that was not kept as sent (replaced or given up). */
  drop(): void {
    this.pending = [];
  }
}
