/**
 * Keeps live connections within their current rights: reacts at once to access events (role
 * changed, member removed, sign-out, deactivation, board archived) and re-checks every
 * connection's session and role once a minute as a safety net.
 */
import { Close } from "../../shared/protocol/close-codes.js";
import type { Logger } from "../logger.js";
import type { AccessEvent } from "../services/access-events.js";
import type { Services } from "../services/index.js";
import type { Connection } from "./connection.js";
import type { RoomManager } from "./room-manager.js";

export function watchAccess(manager: RoomManager, services: Services, logger: Logger, intervalMs = 60_000) {
  /**
   * Re-checks the given sockets' sessions and roles in two queries however many there are:
   * closes those whose session ended or who left the workspace, and applies current roles.
   */
  async function recheck(connections: Connection[]) {
    if (connections.length === 0) return;
    // A socket that was used keeps its session alive; an idle open tab does not.
    const touch = new Set(connections.filter((c) => c.active).map((c) => c.identity.sessionId));
    for (const c of connections) c.active = false;
    // Minutes locked or opened on another process while its notice could not arrive.
    const minutes = [
      ...new Set(connections.filter((c) => c.identity.boardKind === "minutes").map((c) => c.identity.boardId)),
    ];
    const [valid, roles, locked] = await Promise.all([
      services.sessions.checkMany([...new Set(connections.map((c) => c.identity.sessionId))], touch),
      services.access.rolesFor(connections.map((c) => ({ userId: c.userId, workspaceId: c.identity.workspaceId }))),
      Promise.all(minutes.map(async (id) => [id, await services.minutes.isLocked(id)] as const)).then(
        (l) => new Map(l),
      ),
    ]);
    for (const c of connections) {
      const lock = locked.get(c.identity.boardId);
      if (lock !== undefined) c.identity.locked = lock;
      const role = roles.get(`${c.userId}|${c.identity.workspaceId}`);
      if (!valid.has(c.identity.sessionId)) c.close(Close.Unauthenticated, "session ended");
      else if (!role) c.close(Close.AccessRevoked, "no longer a member");
      else c.setRole(role);
    }
  }

  function onEvent(event: AccessEvent) {
    if (event.type === "recheck") {
      void recheck([...manager.connections()]).catch((err) => logger.error({ err }, "re-checking access failed"));
      return;
    }
    const affected: Connection[] = [];
    for (const c of [...manager.connections()]) {
      if (event.type === "membership" && c.userId === event.userId && c.identity.workspaceId === event.workspaceId) {
        affected.push(c);
      } else if (event.type === "user" && c.userId === event.userId) {
        affected.push(c);
      } else if (event.type === "session" && c.identity.sessionId === event.sessionId) {
        c.close(Close.Unauthenticated, "signed out");
      } else if (event.type === "board" && c.identity.boardId === event.boardId) {
        c.close(Close.AccessRevoked, "board archived");
      } else if (event.type === "minutes" && c.identity.boardId === event.boardId) {
        c.identity.locked = event.locked;
      }
    }
    void recheck(affected).catch((err) => logger.error({ err }, "re-checking access failed"));
  }

  const unsubscribe = services.events.subscribe(onEvent);
  // Often enough that a socket in use touches its session before the idle limit ends it.
  const every = Math.min(intervalMs, services.sessions.touchEveryMs);
  const timer = setInterval(() => {
    void recheck([...manager.connections()]).catch((err) => logger.error({ err }, "periodic access check failed"));
  }, every);
  timer.unref();

  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
