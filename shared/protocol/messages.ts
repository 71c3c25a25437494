/** Wire constants of the y-websocket protocol as Samverkan speaks it (docs/PROTOCOL.md explains each). */

/** First varint of every frame. 0–3 are the standard y-websocket types; the stock client knows all four. */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;

/**
 * Samverkan's own frame type, outside the standard four. Only our web client sends it, and the
 * server sends one only in answer to one, so a stock client never receives it.
 *   [100, AckRequest, n] → [100, Ack, n] once everything this connection sent before it is stored;
 *   [100, Ping]          → [100, Pong] at once (the web client's heartbeat: is the link alive?).
 */
export const SAMVERKAN_MESSAGE = 100;

export const SamverkanType = {
  AckRequest: 0,
  Ack: 1,
  Ping: 2,
  Pong: 3,
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
/**
 * Reason prefix of the permission-denied notice a member gets when the server undid part of its
 * update: only the meeting's convener and the partnership's conveners change a protokoll's
 * convener and approvers or delete its agenda items. The connection stays open.
 */
export const GOVERNANCE_REASON = "governance: only the meeting's convener changes this";
/** Reason prefix when the server undid a change to someone else's comment, or one written in another's name. */
export const COMMENT_REASON = "comments: only its author writes, edits or deletes a comment";

/**
 * Reason prefix when the server undid follow-up entries of a member's update (issue 19): a goal's
 * status or an indicator's value in someone else's name, out of the indicator's range, or for a
 * unit or occasion that does not exist. The connection stays open.
 */
export const FOLLOWUP_REASON = "refused: follow-up entries that break the board's rules";
