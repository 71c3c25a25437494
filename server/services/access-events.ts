/**
 * Notices that someone's access may have changed, so live connections can be re-checked at once
 * instead of at their next request. With several processes (REDIS_URL) each notice also goes to
 * the others through Redis (cluster/access-relay.ts), so a socket on any process hears it.
 */
export type AccessEvent =
  | { type: "membership"; workspaceId: string; userId: string }
  | { type: "user"; userId: string }
  | { type: "session"; sessionId: string }
  | { type: "board"; boardId: string }
  /** Minutes were closed, reopened or sealed: their board is locked for everyone, or open again. */
  | { type: "minutes"; boardId: string; locked: boolean }
  /** Notices may have been missed (the link to the other processes was down): re-check every connection. */
  | { type: "recheck" };

export function createAccessEvents() {
  const listeners = new Set<(event: AccessEvent) => void>();
  let forward: ((event: AccessEvent) => void) | null = null;
  const deliver = (event: AccessEvent) => {
    for (const listener of listeners) listener(event);
  };
  return {
    emit(event: AccessEvent) {
      deliver(event);
      forward?.(event);
    },
    subscribe(listener: (event: AccessEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Several processes: this process's notices go to `publish`; the returned function delivers the others' here. */
    bridge(publish: (event: AccessEvent) => void): (event: AccessEvent) => void {
      forward = publish;
      return deliver;
    },
  };
}

export type AccessEvents = ReturnType<typeof createAccessEvents>;
