/**
 * Who may join which board, remembered for a few seconds for WebSocket upgrades: a meeting's
 * tablets reconnecting at once (or a whole region after a restart) ask the same few questions
 * hundreds of times, and each answer would otherwise be one more query waiting in line for the
 * database. Only granted access is kept ("no access" is asked again), for `ttlMs` at most, and
 * every access event drops what it could have changed at once — a role change or removal
 * (membership), a deactivation (user), an archived board (board), and everything when notices
 * may have been missed (recheck). With REDIS_URL the events of every process arrive here too.
 *
 * A lookup under way when an event arrives may have read the old state: its answer is then
 * used for that one caller only (as without a cache), never kept or shared with later callers.
 */

import type { Access, Actor } from "../services/access.js";
import type { AccessEvent, AccessEvents } from "../services/access-events.js";

type BoardAccess = Awaited<ReturnType<Access["board"]>>;

export interface BoardAccessCache {
  /** As `access.board(actor, boardId, "boards.read")`, from memory when it may be. Throws as it does. */
  board(actor: Actor, boardId: string): Promise<BoardAccess>;
  /** Stops listening to access events. */
  stop(): void;
}

export function createBoardAccessCache(
  access: Pick<Access, "board">,
  events: Pick<AccessEvents, "subscribe">,
  { ttlMs = 5_000, now = () => Date.now() }: { ttlMs?: number; now?: () => number } = {},
): BoardAccessCache {
  const kept = new Map<string, { value: BoardAccess; userId: string; until: number }>();
  const pending = new Map<string, Promise<BoardAccess>>();
  let generation = 0;

  const drop = (match: (userId: string, value: BoardAccess) => boolean) => {
    for (const [key, entry] of kept) if (match(entry.userId, entry.value)) kept.delete(key);
    generation++;
    pending.clear();
  };

  function onEvent(event: AccessEvent) {
    switch (event.type) {
      case "membership":
        return drop((userId, v) => userId === event.userId && v.board.workspaceId === event.workspaceId);
      case "user":
        return drop((userId) => userId === event.userId);
      case "board":
        return drop((_, v) => v.board.id === event.boardId);
      case "recheck":
        return drop(() => true);
      default:
        // session: the session cache's concern; minutes: read at every join (authorize.ts).
        return;
    }
  }
  const unsubscribe = events.subscribe(onEvent);

  return {
    board(actor, boardId) {
      const key = `${actor.id}|${boardId}`;
      const entry = kept.get(key);
      if (entry && now() < entry.until) return Promise.resolve(entry.value);
      if (entry) kept.delete(key);
      let lookup = pending.get(key);
      if (!lookup) {
        const started = generation;
        const p: Promise<BoardAccess> = access.board(actor, boardId, "boards.read").then((value) => {
          if (started === generation && ttlMs > 0) kept.set(key, { value, userId: actor.id, until: now() + ttlMs });
          return value;
        });
        const clear = () => {
          if (pending.get(key) === p) pending.delete(key);
        };
        p.then(clear, clear);
        lookup = p;
        pending.set(key, lookup);
      }
      return lookup;
    },
    stop: unsubscribe,
  };
}
