/**
 * Group commit for incoming updates: everything that arrives within a short window, or while a
 * write is in flight, goes into the next single INSERT; under load, batches grow instead of
 * queueing round-trips. When a batch fails, each board is retried on its own, so
 * one board whose writes keep failing is held back (with back-off) without blocking the others.
 *
 * While the database is unavailable (its process restarting, PostgreSQL down or the connection
 * dropped) every board waits with back-off and storage health is told; updates are kept, in
 * order, until they are stored — at once when the database's process is back. A batch whose
 * answer was lost may have been committed after all: storing it again is harmless (see
 * `storeRows`).
 */
import * as Y from "yjs";
import { unavailableReason } from "../db/unavailable.js";
import type { Logger } from "../logger.js";
import { persistLatency } from "../metrics/instruments.js";
import { isUniqueViolation } from "../services/db-errors.js";
import type { DocStore, StoredUpdate } from "./doc-store.js";
import { createLatencyRecorder } from "./latency-recorder.js";
import type { StorageHealth } from "./storage-health.js";

export interface PendingWrite extends StoredUpdate {
  /** performance.now() when the update arrived, for the receipt→commit latency. */
  receivedAt: number;
  /** Called once the update is durable. */
  onDurable?: () => void;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * How long the first update of a batch waits for company. Spent out of the 50 ms durability
 * budget: at 100 updates/s it halves the commits (and PGlite's time on the event loop) for
 * ~20 ms more receipt→commit latency. Delivery to other clients does not wait for it.
 */
export const DEFAULT_WRITE_WINDOW_MS = 20;

export interface WriteQueueOptions {
  windowMs?: number;
  /** Told when writes fail because the database is unavailable, and when they succeed again. */
  health?: StorageHealth;
}

export function createWriteQueue(store: DocStore, logger: Logger, options: WriteQueueOptions = {}) {
  const windowMs = options.windowMs ?? DEFAULT_WRITE_WINDOW_MS;
  const health = options.health;
  let pending: PendingWrite[] = [];
  let flushing = false;
  let scheduled = false;
  let batches = 0;
  const latency = createLatencyRecorder();
  /** The same since the last `takeWindowStats()`, for measuring one stretch of load. */
  let windowLatency = createLatencyRecorder();
  let windowBatches = 0;
  /** Boards whose last write failed: not retried before `until`. */
  const blocked = new Map<string, { until: number; failures: number }>();
  let retryTimer: NodeJS.Timeout | null = null;
  /** Boards with updates in the write under way. */
  const writing = new Set<string>();
  /** drain() callers: resolved once nothing (of their board, if given) is pending. */
  let waiters: { boardId: string | undefined; resolve: () => void }[] = [];

  /**
   * The next write starts `windowMs` after the oldest pending update arrived: a quiet queue waits
   * the whole window for company, a busy one (updates arrived while the last write was in flight)
   * only what is left of it. Writing again at once instead turned steady load into a chain of
   * small commits, each paying a commit's fixed cost (in PGlite alone ≈ 0.35 ms of CPU, as much as
   * five more rows) — scenario 3: 61 commits/s of 6.5 rows, now 45 of ~9. `now` skips the wait
   * (retries, the database back).
   */
  function schedule(now = false) {
    if (scheduled || flushing || pending.length === 0) return;
    scheduled = true;
    const oldest = (pending.find((w) => !blocked.has(w.boardId)) ?? (pending[0] as PendingWrite)).receivedAt;
    const wait = now ? 0 : oldest + windowMs - performance.now();
    if (wait > 0) setTimeout(flush, wait);
    else setImmediate(flush);
  }

  function scheduleRetry() {
    if (retryTimer || blocked.size === 0) return;
    const next = Math.min(...[...blocked.values()].map((b) => b.until));
    retryTimer = setTimeout(
      () => {
        retryTimer = null;
        schedule();
      },
      Math.max(0, next - Date.now()),
    );
    retryTimer.unref();
  }

  async function flush() {
    scheduled = false;
    if (flushing || pending.length === 0) return;
    let ready = pending;
    const held: PendingWrite[] = [];
    if (blocked.size > 0) {
      const now = Date.now();
      ready = [];
      for (const w of pending) ((blocked.get(w.boardId)?.until ?? 0) <= now ? ready : held).push(w);
    }
    if (ready.length === 0) return scheduleRetry();
    flushing = true;
    for (const w of ready) writing.add(w.boardId);
    pending = held;
    const failed = await write(ready);
    pending = failed.concat(pending); // older first
    flushing = false;
    writing.clear();
    // Also a retry that retryNow() asked for while this write was in flight.
    if (blocked.size > 0) scheduleRetry();
    if (pending.some((w) => !blocked.has(w.boardId))) schedule();
    wakeWaiters();
  }

  function wakeWaiters() {
    if (waiters.length === 0) return;
    const busy = new Set(pending.map((w) => w.boardId));
    waiters = waiters.filter((w) => {
      const done = w.boardId === undefined ? busy.size === 0 : !busy.has(w.boardId);
      if (done) w.resolve();
      return !done;
    });
  }

  /** Writes a batch; returns the writes that could not be stored. */
  async function write(batch: PendingWrite[]): Promise<PendingWrite[]> {
    try {
      await storeRows(batch);
      stored(batch);
      return [];
    } catch (err) {
      const boards = groupBy(batch, (w) => w.boardId);
      const unavailable = unavailableReason(err);
      if (unavailable) {
        // Not one board's fault: every board waits for the database (no point trying each now).
        health?.markDown("writes", `storing board updates failed: ${unavailable}`);
        return [...boards.values()].flatMap((writes) => fail(writes, err));
      }
      if (boards.size === 1) return fail(batch, err);
      // Find out which boards fail, so the others are stored now.
      const failed: PendingWrite[] = [];
      for (const writes of boards.values()) {
        try {
          await storeRows(writes);
          stored(writes);
        } catch (boardErr) {
          if (unavailableReason(boardErr)) health?.markDown("writes", "storing board updates failed");
          failed.push(...fail(writes, boardErr));
        }
      }
      return failed;
    }
  }

  /**
   * One INSERT for the batch. A row that is already there (same board and seq) was stored by an
   * earlier attempt whose answer was lost — the database's process died, or the connection
   * dropped, after the commit. Such a row holds the same updates: seq is assigned once, in order,
   * and a row's seq is the highest of its (board, author) group, so a group with the same highest
   * seq is the same group. Then the rows go one by one and the ones already there count as stored.
   * (A retry that merged in newer updates gets a higher seq and stores the older ones twice, which
   * Yjs applies once.)
   */
  async function storeRows(writes: PendingWrite[]): Promise<void> {
    const rows = mergeByBoardAndAuthor(writes);
    try {
      await store.append(rows);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      let again = 0;
      for (const row of rows) {
        try {
          await store.append([row]);
        } catch (rowErr) {
          if (!isUniqueViolation(rowErr)) throw rowErr;
          again++;
        }
      }
      logger.warn(
        { rows: rows.length, alreadyStored: again },
        "some updates had been stored by an attempt whose answer was lost",
      );
    }
  }

  function stored(writes: PendingWrite[]) {
    settle(writes);
    health?.markUp("writes");
  }

  function settle(writes: PendingWrite[]) {
    batches++;
    windowBatches++;
    const now = performance.now();
    for (const w of writes) {
      blocked.delete(w.boardId);
      latency.record(now - w.receivedAt);
      windowLatency.record(now - w.receivedAt);
      persistLatency.observe((now - w.receivedAt) / 1000);
      w.onDurable?.();
    }
  }

  function fail(writes: PendingWrite[], err: unknown): PendingWrite[] {
    const boardId = (writes[0] as PendingWrite).boardId;
    const failures = (blocked.get(boardId)?.failures ?? 0) + 1;
    const delay = Math.min(MAX_BACKOFF_MS, 50 * 2 ** failures);
    blocked.set(boardId, { until: Date.now() + delay, failures });
    logger.error({ err, boardId, updates: writes.length, retryInMs: delay }, "storing updates failed; retrying");
    return writes;
  }

  /** Every held-back board is tried again now (the database's process is back), keeping its failure count. */
  function retryNow() {
    if (blocked.size === 0) return;
    for (const entry of blocked.values()) entry.until = 0;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    schedule(true);
  }

  // The database's process is back: what waited is stored now, not after the rest of its back-off.
  health?.onChange((change) => {
    if (change.source === "process" && change.up) retryNow();
  });

  return {
    enqueue(write: PendingWrite) {
      pending.push(write);
      if (!blocked.has(write.boardId)) schedule();
    },

    retryNow,

    /** Number of updates not yet durable. */
    get backlog() {
      return pending.length + (flushing ? 1 : 0);
    },

    /** Whether anything of this board is not yet durable (queued or being written). */
    holds(boardId: string): boolean {
      return writing.has(boardId) || pending.some((w) => w.boardId === boardId);
    },

    /**
     * Resolves true when everything enqueued so far (for one board, if given) is durable, or false
     * after `timeoutMs` — e.g. while the database refuses writes.
     */
    drain(timeoutMs = 10_000, boardId?: string): Promise<boolean> {
      // A board's own updates, not another board's write under way: a reconnect storm's loads
      // (room-manager acquire) must not each wait for the writes of boards still in use.
      const idle =
        boardId === undefined
          ? pending.length === 0 && !flushing
          : !pending.some((w) => w.boardId === boardId) && !writing.has(boardId);
      if (idle) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
        timer.unref();
        const waiter = {
          boardId,
          resolve: () => {
            clearTimeout(timer);
            resolve(true);
          },
        };
        waiters.push(waiter);
        schedule();
      });
    },

    stats() {
      return { ...latency.summary(), batches };
    },

    /** Receipt→commit latency since the previous call (or start), then starts a new window. */
    takeWindowStats() {
      const summary = { ...windowLatency.summary(), batches: windowBatches };
      windowLatency = createLatencyRecorder();
      windowBatches = 0;
      return summary;
    },
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * Folds a batch into one row per (board, author). Yjs updates commute, so the merged row is
 * equivalent; it takes the highest seq of its group so compaction bounds stay correct.
 */
function mergeByBoardAndAuthor(batch: PendingWrite[]): StoredUpdate[] {
  return [...groupBy(batch, (w) => `${w.boardId}|${w.authorId ?? ""}`).values()].map((group) => {
    const last = group[group.length - 1] as PendingWrite;
    return {
      boardId: last.boardId,
      seq: last.seq,
      authorId: last.authorId,
      update: group.length === 1 ? last.update : Y.mergeUpdates(group.map((w) => w.update)),
    };
  });
}
