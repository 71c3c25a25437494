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
  async function recheckRole(connection: Connection) {
    const role = await services.access.roleIn(connection.userId, connection.identity.workspaceId);
    if (role === null) connection.close(Close.AccessRevoked, "no longer a member");
    else connection.setRole(role);
  }

  async function recheckSession(connection: Connection) {
    const touch = connection.active;
    connection.active = false;
    if (!(await services.sessions.check(connection.identity.sessionId, touch))) {
      connection.close(Close.Unauthenticated, "session ended");
    }
  }

  function onEvent(event: AccessEvent) {
    const all = [...manager.connections()];
    const work: Promise<void>[] = [];
    for (const c of all) {
      if (event.type === "membership" && c.userId === event.userId && c.identity.workspaceId === event.workspaceId) {
        work.push(recheckRole(c));
      } else if (event.type === "user" && c.userId === event.userId) {
        work.push(recheckSession(c));
      } else if (event.type === "session" && c.identity.sessionId === event.sessionId) {
        c.close(Close.Unauthenticated, "signed out");
      } else if (event.type === "board" && c.identity.boardId === event.boardId) {
        c.close(Close.AccessRevoked, "board archived");
      }
    }
    void Promise.all(work).catch((err) => logger.error({ err }, "re-checking access failed"));
  }

  /** Every open socket at once, in two queries however many there are. */
  async function recheckAll() {
    const all = [...manager.connections()];
    if (all.length === 0) return;
    const touch = new Set(all.filter((c) => c.active).map((c) => c.identity.sessionId));
    for (const c of all) c.active = false;
    const [valid, roles] = await Promise.all([
      services.sessions.checkMany([...new Set(all.map((c) => c.identity.sessionId))], touch),
      services.access.rolesFor(all.map((c) => ({ userId: c.userId, workspaceId: c.identity.workspaceId }))),
    ]);
    for (const c of all) {
      const role = roles.get(`${c.userId}|${c.identity.workspaceId}`);
      if (!valid.has(c.identity.sessionId)) c.close(Close.Unauthenticated, "session ended");
      else if (!role) c.close(Close.AccessRevoked, "no longer a member");
      else c.setRole(role);
    }
  }

  const unsubscribe = services.events.subscribe(onEvent);
  const timer = setInterval(() => {
    void recheckAll().catch((err) => logger.error({ err }, "periodic access check failed"));
  }, intervalMs);
  timer.unref();

  return () => {
    unsubscribe();
    clearInterval(timer);
  };
}
