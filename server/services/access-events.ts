/**
 * In-process notices that someone's access may have changed, so live connections can be
 * re-checked at once instead of at their next request. (Across processes: see ARCHITECTURE.md.)
 */
export type AccessEvent =
  | { type: "membership"; workspaceId: string; userId: string }
  | { type: "user"; userId: string }
  | { type: "session"; sessionId: string }
  | { type: "board"; boardId: string }
  /** Minutes were closed, reopened or sealed: their board is locked for everyone, or open again. */
  | { type: "minutes"; boardId: string; locked: boolean };

export function createAccessEvents() {
  const listeners = new Set<(event: AccessEvent) => void>();
  return {
    emit(event: AccessEvent) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener: (event: AccessEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type AccessEvents = ReturnType<typeof createAccessEvents>;
