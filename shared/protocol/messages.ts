/** Wire constants of the y-websocket protocol as Samverkan speaks it (docs/PROTOCOL.md explains each). */

/** First varint of every frame. 0–3 are the standard y-websocket types; the stock client knows all four. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;

/** Second varint of a Sync frame (y-protocols/sync). */
export const SyncType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const;

/** Second varint of an Auth frame (y-protocols/auth): the only subtype is "permission denied" + reason. */
export const AuthType = {
  PermissionDenied: 0,
} as const;

/** Reason prefix of the permission-denied notice an observer gets when it tries to write. */
export const READ_ONLY_REASON = "read-only";
