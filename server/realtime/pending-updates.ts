/**
 * Updates of one connection that build on content the board does not have yet. A client that
 * edits the moment its socket reopens sends that edit before its SyncStep2 brings the offline
 * edits it depends on; as the reference server does (Yjs keeps such structs pending), the update
 * waits here and is applied once what it needs has arrived. Bounded in bytes and time: past
 * either, `onOverflow` is told why (the connection then closes with a retry code and resyncs).
 */
import { LIMITS } from "../../shared/protocol/limits.js";

export class PendingUpdates {
  private updates: Uint8Array[] = [];
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly onOverflow: (detail: string) => void,
    private readonly maxBytes: number = LIMITS.maxPendingBytes,
    private readonly maxMs: number = LIMITS.maxPendingMs,
  ) {}

  get size(): number {
    return this.updates.length;
  }

  /** Keeps an update until its dependencies arrive; false (and onOverflow) when over the byte bound. */
  add(update: Uint8Array): boolean {
    if (this.bytes + update.byteLength > this.maxBytes) {
      this.onOverflow(`more than ${this.maxBytes} bytes of updates waiting for missing dependencies`);
      return false;
    }
    this.updates.push(update);
    this.bytes += update.byteLength;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      if (this.updates.length > 0) this.onOverflow(`dependencies did not arrive within ${this.maxMs} ms`);
    }, this.maxMs);
    this.timer.unref();
    return true;
  }

  /**
   * Offers every waiting update to `tryApply` until a pass makes no progress. `tryApply` returns
   * true when the update is done with (applied or empty), false when it must keep waiting, and
   * throws to give up. Returns whether anything was done with.
   */
  drain(tryApply: (update: Uint8Array) => boolean): boolean {
    let progressed = false;
    for (let again = true; again && this.updates.length > 0; ) {
      again = false;
      const waiting = this.updates;
      this.updates = [];
      this.bytes = 0;
      for (let i = 0; i < waiting.length; i++) {
        const update = waiting[i] as Uint8Array;
        let done: boolean;
        try {
          done = tryApply(update);
        } catch (error) {
          // Keep what was not offered yet, so a caller that carries on loses nothing.
          for (const rest of waiting.slice(i)) this.keep(rest);
          throw error;
        }
        if (done) again = progressed = true;
        else this.keep(update);
      }
    }
    if (this.updates.length === 0) this.clear();
    return progressed;
  }

  clear(): void {
    this.updates = [];
    this.bytes = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private keep(update: Uint8Array) {
    this.updates.push(update);
    this.bytes += update.byteLength;
  }
}
