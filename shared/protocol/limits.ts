/** Limits every connection lives under; the server enforces them, clients may read them to stay within. */
export const LIMITS = {
  /** Any single WebSocket frame. */
  maxFrameBytes: 5 * 1024 * 1024,
  /** A single Yjs update inside a Sync frame. */
  maxUpdateBytes: 1024 * 1024,
  /** How deep shared types may nest inside each other (and JSON values inside a type). */
  maxNestingDepth: 64,
  /** One client's awareness state, as JSON. */
  maxAwarenessStateBytes: 2048,
  awarenessPerSecond: 10,
  awarenessBurst: 20,
  updatesPerSecond: 60,
  updatesBurst: 200,
  maxSocketsPerUser: 20,
  /** Frames received while the board is still loading. */
  maxQueuedFrames: 500,
  maxQueuedBytes: 8 * 1024 * 1024,
  /** Unsent bytes to one slow client before it is dropped. */
  maxBufferedBytes: 16 * 1024 * 1024,
  pingIntervalMs: 30_000,
  /** A room with no connections is unloaded after this long. */
  idleUnloadMs: 30_000,
  /** Compaction into a snapshot after this many stored updates… */
  compactAfterUpdates: 500,
  /** …but a busy room at most this often: each compaction encodes the whole document at once. */
  compactMinIntervalMs: 10_000,
} as const;
