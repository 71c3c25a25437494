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

import type { Access, Actor, BoardAccess } from "../services/access.js";
import type { AccessEvent, AccessEvents } from "../services/access-events.js";

/** Pairs asked together at most, in one statement. */
const MAX_BATCH = 50;

export interface BoardAccessCache {
  /** As `access.board(actor, boardId, "boards.read")`, from memory when it may be. Throws as it does. */
  board(actor: Actor, boardId: string): Promise<BoardAccess>;
  /** Stops listening to access events. */
  stop(): void;
}

type Waiter = { resolve: (value: BoardAccess) => void; reject: (err: unknown) => void };
type Question = { actor: Actor; boardId: string; waiters: Waiter[] };

/**
 * Questions not answered from memory are asked like board loads (batched-loads.ts): the first
 * alone, and those that come while one is under way together in one statement
 * (`access.boardsToRead`), so a storm of joins by many people costs a few round trips, not one each.
 */
export function createBoardAccessCache(
  access: Pick<Access, "board"> & Partial<Pick<Access, "boardsToRead">>,
  events: Pick<AccessEvents, "subscribe">,
  { ttlMs = 5_000, now = () => Date.now() }: { ttlMs?: number; now?: () => number } = {},
): BoardAccessCache {
  const kept = new Map<string, { value: BoardAccess; userId: string; until: number }>();
  /** Not yet asked: a caller with the same question joins it (its answer will be read after now). */
  const waiting = new Map<string, Question>();
  /** Being asked: shared until an access event, after which later callers ask again. */
  const asking = new Map<string, Question>();
  let reading = false;
  let generation = 0;

  const askMany =
    access.boardsToRead?.bind(access) ??
    ((pairs: ReadonlyArray<{ actor: Actor; boardId: string }>) =>
      Promise.all(
        pairs.map((p) =>
          access.board(p.actor, p.boardId, "boards.read").then(
            (v) => v,
            (err: Error) => err,
          ),
        ),
      ));

  const drop = (match: (userId: string, value: BoardAccess) => boolean) => {
    for (const [key, entry] of kept) if (match(entry.userId, entry.value)) kept.delete(key);
    generation++;
    asking.clear();
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

  function next() {
    if (reading || waiting.size === 0) return;
    const batch = [...waiting].slice(0, MAX_BATCH);
    for (const [key, question] of batch) {
      waiting.delete(key);
      asking.set(key, question);
    }
    reading = true;
    const started = generation;
    askMany(batch.map(([, q]) => q))
      .then(
        (answers) => {
          for (const [i, [key, question]] of batch.entries()) {
            const answer = answers[i] ?? new Error("not answered");
            if (answer instanceof Error) {
              for (const w of question.waiters) w.reject(answer);
              continue;
            }
            // An answer read while an access event happened is for these callers only.
            if (started === generation && ttlMs > 0) {
              kept.set(key, { value: answer, userId: question.actor.id, until: now() + ttlMs });
            }
            for (const w of question.waiters) w.resolve(answer);
          }
        },
        (err) => {
          for (const [, question] of batch) for (const w of question.waiters) w.reject(err);
        },
      )
      .finally(() => {
        for (const [key, question] of batch) if (asking.get(key) === question) asking.delete(key);
        reading = false;
        next();
      });
  }

  return {
    board(actor, boardId) {
      const key = `${actor.id}|${boardId}`;
      const entry = kept.get(key);
      if (entry && now() < entry.until) return Promise.resolve(entry.value);
      if (entry) kept.delete(key);
      return new Promise<BoardAccess>((resolve, reject) => {
        const question = asking.get(key) ?? waiting.get(key);
        if (question) return void question.waiters.push({ resolve, reject });
        waiting.set(key, { actor, boardId, waiters: [{ resolve, reject }] });
        next();
      });
    },
    stop: unsubscribe,
  };
}
