/**
 * Group commit for incoming updates: everything that arrives while a write is in flight goes
 * into the next single INSERT. Idle, an update is written on the next tick; under load, batches
 * grow instead of queueing round-trips. A failed write keeps its updates and retries with back-off.
 */
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { DocStore, StoredUpdate } from "./doc-store.js";
import { createLatencyRecorder } from "./latency-recorder.js";

export interface PendingWrite extends StoredUpdate {
  /** performance.now() when the update arrived, for the receipt→commit latency. */
  receivedAt: number;
  /** Called once the update is durable. */
  onDurable?: () => void;
}

export function createWriteQueue(store: DocStore, logger: Logger) {
  let pending: PendingWrite[] = [];
  let flushing = false;
  let scheduled = false;
  let failures = 0;
  let batches = 0;
  const latency = createLatencyRecorder();
  let idleWaiters: (() => void)[] = [];

  function schedule() {
    if (scheduled || flushing || pending.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  }

  async function flush() {
    scheduled = false;
    if (flushing || pending.length === 0) return;
    flushing = true;
    const batch = pending;
    pending = [];
    try {
      await store.append(mergeByBoardAndAuthor(batch));
    } catch (err) {
      failures++;
      pending = batch.concat(pending); // keep order: older first
      const delay = Math.min(5_000, 50 * 2 ** failures);
      logger.error({ err, updates: batch.length, retryInMs: delay }, "storing updates failed; retrying");
      setTimeout(() => {
        flushing = false;
        schedule();
      }, delay).unref();
      return;
    }
    failures = 0;
    batches++;
    const now = performance.now();
    for (const w of batch) {
      latency.record(now - w.receivedAt);
      w.onDurable?.();
    }
    flushing = false;
    if (pending.length > 0) schedule();
    else {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    enqueue(write: PendingWrite) {
      pending.push(write);
      schedule();
    },

    /** Number of updates not yet durable. */
    get backlog() {
      return pending.length + (flushing ? 1 : 0);
    },

    /** Resolves when everything enqueued so far is durable (or after `timeoutMs`, returning false). */
    drain(timeoutMs = 10_000): Promise<boolean> {
      if (pending.length === 0 && !flushing) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        timer.unref();
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
        schedule();
      });
    },

    stats() {
      return { ...latency.summary(), batches };
    },
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;

/**
 * Folds a batch into one row per (board, author). Yjs updates commute, so the merged row is
 * equivalent; it takes the highest seq of its group so compaction bounds stay correct.
 */
function mergeByBoardAndAuthor(batch: PendingWrite[]): StoredUpdate[] {
  const groups = new Map<string, PendingWrite[]>();
  for (const w of batch) {
    const key = `${w.boardId}|${w.authorId ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(w);
    else groups.set(key, [w]);
  }
  return [...groups.values()].map((group) => {
    const last = group[group.length - 1] as PendingWrite;
    return {
      boardId: last.boardId,
      seq: last.seq,
      authorId: last.authorId,
      update: group.length === 1 ? last.update : Y.mergeUpdates(group.map((w) => w.update)),
    };
  });
}
