/**
 * WebSocket close codes the server uses, and whether a client should reconnect after each.
 * They follow y-websocket 3.x's convention, which the stock client acts on by default: 4400–4499
 * mean "reconnecting cannot fix this" (it stops), 4500–4599 "try again later" (it reconnects).
 * So every code whose `retry` is "yes" lies in 4500–4599 (or is a standard 1xxx code), and every
 * 44xx is final for the stock client; our web client reconnects after 4401 once signed in again.
 * Before closing for an access reason the server sends a permission-denied Auth frame with the
 * same reason text, so even the stock y-websocket client logs why.
 */
export interface CloseReason {
  code: number;
  reason: string;
  /** Reconnecting can help (after a wait, or after signing in again). */
  retry: "yes" | "after-sign-in" | "no";
}

export const Close = {
  /** Standard: the server is shutting down or restarting. */
  GoingAway: { code: 1001, reason: "server restarting", retry: "yes" },
  /** Standard: a frame larger than the 5 MiB limit. */
  FrameTooLarge: { code: 1009, reason: "frame too large", retry: "no" },
  /** A frame that is not a valid y-websocket message (bad varints, unknown type or subtype, trailing bytes), or an update that is not a Yjs update. */
  Malformed: { code: 4400, reason: "malformed message", retry: "no" },
  /** No valid session: signed out, session expired or revoked, account deactivated. */
  Unauthenticated: { code: 4401, reason: "signed out", retry: "after-sign-in" },
  /** The page's Origin is not this server's public origin (cross-site WebSocket hijacking). */
  ForeignOrigin: { code: 4403, reason: "origin not allowed", retry: "no" },
  /** Not a member of the board's workspace, or no such board (indistinguishable on purpose). */
  NoAccess: { code: 4404, reason: "no access to this board", retry: "no" },
  /** Access was withdrawn while connected: removed from the workspace, or the board archived. */
  AccessRevoked: { code: 4410, reason: "access withdrawn", retry: "no" },
  /** A single document update larger than 1 MiB. */
  UpdateTooLarge: { code: 4413, reason: "update too large", retry: "no" },
  /**
   * An update that a resync fixes: its dependencies did not arrive in time (it waits for them, bounded),
   * a gap inside it, or Yjs failed to apply it. The client reconnects and its SyncStep2 carries everything.
   */
  InvalidUpdate: { code: 4522, reason: "invalid update", retry: "yes" },
  /** An update whose content does not fit the board kind's layout (unknown field, invalid value, unsafe link, nesting too deep). */
  ContentRefused: { code: 4415, reason: "content does not fit this board", retry: "no" },
  /** The board is locked: minutes closed for approval, approved or sealed. Changes are not accepted. */
  Locked: { code: 4423, reason: "board locked", retry: "no" },
  /** Over a rate limit (updates, awareness) or the per-user socket limit. */
  RateLimited: { code: 4529, reason: "rate limited", retry: "yes" },
  /** The server dropped its copy of the board after an update failed half-way; reconnect to load it again. */
  Reloading: { code: 4503, reason: "board reloading", retry: "yes" },
  /**
   * Storage is down (the database's process restarting, PostgreSQL unreachable): nothing sent now
   * could be stored, so the server takes nothing. Reconnect later; send what is not stored then.
   */
  StorageUnavailable: { code: 4502, reason: "storage unavailable", retry: "yes" },
  /** The board could not be loaded from storage; nothing was served. */
  LoadFailed: { code: 4500, reason: "board could not be loaded", retry: "yes" },
  /** The client reads too slowly: its unsent backlog passed the limit. */
  TooSlow: { code: 4508, reason: "client too slow", retry: "yes" },
} as const satisfies Record<string, CloseReason>;

export type CloseName = keyof typeof Close;
