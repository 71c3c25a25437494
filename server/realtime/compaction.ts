/**
 * When a room folds its stored log into a snapshot: after `compactAfter` stored updates (a busy
 * room at most once per `minIntervalMs`, since each one encodes the whole document at once), on
 * demand (unload, shutdown, a purge), never two at a time, and never moving the snapshot back.
 */
import * as Y from "yjs";
import { LIMITS } from "../../shared/protocol/limits.js";
import type { DocStore } from "../docs/doc-store.js";
import type { Logger } from "../logger.js";
import type { RoomDeps } from "./room-contract.js";

export interface CompactionDeps {
  boardId: string;
  store: DocStore;
  logger: Logger;
  /** The document's state now: V1 for the snapshot, V2 for history's version (a third of the size). */
  encode: () => { state: Uint8Array; stateV2: Uint8Array };
  /** The highest sequence number known to be stored: what a snapshot taken now covers. */
  storedSeq: () => number;
  compactAfter?: number;
  minIntervalMs?: number;
}

export class Compaction {
  /** Stored log rows after the snapshot: what a compaction would fold away. */
  private storedSinceSnapshot: number;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastAt = 0;
  private stopped = false;

  constructor(
    private readonly deps: CompactionDeps,
    tail: number,
  ) {
    this.storedSinceSnapshot = tail;
  }

  get needed(): boolean {
    return this.storedSinceSnapshot > 0;
  }

  get inProgress(): Promise<void> | null {
    return this.running;
  }

  /** One more update is stored; compacts soon once enough have been. */
  stored(): void {
    this.storedSinceSnapshot++;
    if (this.storedSinceSnapshot >= (this.deps.compactAfter ?? LIMITS.compactAfterUpdates)) this.soon();
  }

  /** Now, or once the minimum interval since the last one has passed. */
  private soon() {
    if (this.timer || this.running) return;
    const wait = this.lastAt + (this.deps.minIntervalMs ?? LIMITS.compactMinIntervalMs) - Date.now();
    if (wait <= 0) {
      void this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void this.run();
    }, wait);
    this.timer.unref();
  }

  /** Folds the stored log into one snapshot of the current state. `sessionEnd`: see DocStore. */
  run(sessionEnd = false): Promise<void> {
    if (this.running) return this.running;
    if (this.storedSinceSnapshot === 0) return Promise.resolve();
    const upto = this.deps.storedSeq();
    const counted = this.storedSinceSnapshot;
    // The state may include updates not yet durable; they are re-applied idempotently from the log on load.
    const { state, stateV2 } = this.deps.encode();
    this.running = this.deps.store
      .compact(this.deps.boardId, state, upto, { sessionEnd, stateV2 })
      .then(() => {
        this.storedSinceSnapshot -= counted;
        this.lastAt = Date.now();
      })
      .catch((err) => this.deps.logger.error({ err, boardId: this.deps.boardId }, "compaction failed; the log is kept"))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

/**
 * A room's compaction: its own document encoded, or — with several processes — nothing, since
 * they compact from storage (cluster/shared-compaction.ts).
 */
export function roomCompaction(
  boardId: string,
  doc: Y.Doc,
  deps: RoomDeps,
  storedSeq: () => number,
  tail: number,
): Compaction {
  return new Compaction(
    {
      boardId,
      store: deps.store,
      logger: deps.logger,
      encode: () =>
        deps.peers
          ? { state: new Uint8Array(0), stateV2: new Uint8Array(0) }
          : { state: Y.encodeStateAsUpdate(doc), stateV2: Y.encodeStateAsUpdateV2(doc) },
      storedSeq,
      ...(deps.compactAfter !== undefined ? { compactAfter: deps.compactAfter } : {}),
      ...(deps.compactMinIntervalMs !== undefined ? { minIntervalMs: deps.compactMinIntervalMs } : {}),
    },
    tail,
  );
}
