/**
 * Whether board edits can be stored right now. Two sources report to it: the embedded database's
 * process ("process": died, started again — main.ts from the database's events) and the write
 * queue ("writes": a batch failed because the database is unavailable, a batch stored). Storage
 * is available while neither says otherwise. The realtime side listens: while storage is down it
 * closes board connections with a retry code and refuses new ones, so nothing a client sends is
 * taken without being stored (ws-server.ts).
 */

export type StorageSource = "process" | "writes";

export interface StorageChange {
  source: StorageSource;
  /** What this source now says. */
  up: boolean;
  /** Whether storage as a whole is available after the change. */
  available: boolean;
}

export class StorageHealth {
  private readonly down = new Map<StorageSource, string>();
  private readonly listeners = new Set<(change: StorageChange) => void>();

  get available(): boolean {
    return this.down.size === 0;
  }

  /** Why storage is unavailable (the first source's reason), or undefined while it is available. */
  get reason(): string | undefined {
    return this.down.values().next().value;
  }

  isDown(source: StorageSource): boolean {
    return this.down.has(source);
  }

  markDown(source: StorageSource, reason: string): void {
    if (this.down.has(source)) return;
    this.down.set(source, reason);
    this.emit({ source, up: false, available: false });
  }

  markUp(source: StorageSource): void {
    if (!this.down.delete(source)) return;
    this.emit({ source, up: true, available: this.available });
  }

  /** Calls `listener` on every change of a source; returns the unsubscribe function. */
  onChange(listener: (change: StorageChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: StorageChange) {
    for (const listener of [...this.listeners]) listener(change);
  }
}
