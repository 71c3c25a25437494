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
  /**
   * Updates that build on content the server has not received yet wait for it, per connection, at
   * most this many bytes and this long (a client's edit can overtake the offline edits its SyncStep2
   * is about to bring); past either the connection is closed with 4522 and resyncs.
   */
  maxPendingBytes: 2 * 1024 * 1024,
  maxPendingMs: 30_000,
  /** An awareness client id whose connection left stays its person's for this long (late echoes are ignored). */
  departedPresenceMs: 120_000,
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
