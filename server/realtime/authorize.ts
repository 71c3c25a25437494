/**
 * Decides whether a WebSocket upgrade may join a board, with the same policy and services as
 * HTTP: allowed Origin → session cookie → board → workspace role. Runs before the room sees a frame.
 * Sessions and granted access come from short-lived caches that access events empty (sessions.ts,
 * access-cache.ts): a reconnect storm would otherwise queue the same few queries by the hundred.
 */
import type { IncomingMessage } from "node:http";
import { parse as parseCookies } from "hono/utils/cookie";
import { Close, type CloseReason } from "../../shared/protocol/close-codes.js";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { sessionCookieName } from "../middleware/session.js";
import type { Services } from "../services/index.js";
import type { BoardAccessCache } from "./access-cache.js";
import type { Identity } from "./connection.js";

export type Authorization = { ok: true; identity: Identity } | { ok: false; reason: CloseReason };

export async function authorize(
  request: IncomingMessage,
  boardId: string,
  config: Config,
  services: Services,
  /** Granted access remembered for a few seconds (access-cache.ts); without it, every upgrade asks the database. */
  cache?: BoardAccessCache,
  /** Called once the session is known to be live, before access is checked (room-manager's prefetch). */
  signedIn?: () => void,
): Promise<Authorization> {
  if (request.headers.origin !== config.publicOrigin) return { ok: false, reason: Close.ForeignOrigin };
  const cookies = parseCookies(request.headers.cookie ?? "", sessionCookieName(config.publicOrigin));
  const token = cookies[sessionCookieName(config.publicOrigin)];
  const session = token && token.length <= 128 ? await services.sessions.resolveCached(token) : null;
  if (!session) return { ok: false, reason: Close.Unauthenticated };
  signedIn?.();
  try {
    const { board, role, organization } = cache
      ? await cache.board(session.user, boardId)
      : await services.access.board(session.user, boardId, "boards.read");
    const locked = board.kind === "minutes" && (await services.minutes.isLocked(board.id));
    return {
      ok: true,
      identity: {
        userId: session.user.id,
        name: session.user.name,
        organization,
        sessionId: session.sessionId,
        boardId: board.id,
        boardKind: board.kind,
        workspaceId: board.workspaceId,
        role,
        locked,
      },
    };
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return { ok: false, reason: Close.NoAccess };
    throw error;
  }
}
