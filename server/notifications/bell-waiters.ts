/**
 * The bell's long poll, in this process: a request that already shows the current unread count
 * waits here until that person's count may have changed (a notification stored, one read) or the
 * wait is over. Changes made by another process (several processes over Redis) are signalled
 * through Redis (cluster/bell-relay.ts); one lost while Redis is down shows when the wait ends.
 */
export interface BellWaiters {
  /** Starts waiting at once (before the count is read, so no change falls between); `done` settles on a change, the timeout, abort or stop. */
  wait(userId: string, ms: number, signal?: AbortSignal): { done: Promise<void>; cancel(): void };
  /** These people's counts may have changed. */
  ping(userIds: Iterable<string>): void;
  /** Shutdown: every wait ends now and later ones end at once, so no request holds the server open. */
  stop(): void;
}

export function createBellWaiters(): BellWaiters {
  const waiting = new Map<string, Set<() => void>>();
  let stopped = false;

  return {
    wait(userId, ms, signal) {
      let finish = () => {};
      const done = new Promise<void>((resolve) => {
        if (stopped || signal?.aborted) return resolve();
        const timer = setTimeout(() => finish(), ms);
        const set = waiting.get(userId) ?? new Set();
        waiting.set(userId, set);
        finish = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", finish);
          set.delete(finish);
          if (set.size === 0 && waiting.get(userId) === set) waiting.delete(userId);
          resolve();
        };
        set.add(finish);
        signal?.addEventListener("abort", finish, { once: true });
      });
      return { done, cancel: () => finish() };
    },

    ping(userIds) {
      for (const id of userIds) for (const finish of [...(waiting.get(id) ?? [])]) finish();
    },

    stop() {
      stopped = true;
      for (const set of [...waiting.values()]) for (const finish of [...set]) finish();
    },
  };
}
