/** Server-side sessions: created at sign-in, ended by idle or absolute timeout, logout or deactivation. */
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { sessions, users } from "../db/schema.js";
import type { Clock } from "./clock.js";
import { hashToken, newToken } from "./tokens.js";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
  /** How long resolveCached may answer from memory (default 5 s; 0: never). */
  cacheMs?: number;
}

/**
 * last_seen_at is written at most this often, so reads do not each cost a write — and at most a
 * tenth of the idle limit, so someone at work never looks idle for longer than the limit allows
 * (with a one-minute idle limit and one write a minute, an active session used to end after 60 s).
 */
export const touchEveryMs = (idleMs: number) => Math.min(60_000, Math.floor(idleMs / 10));

export function createSessions(db: Db, now: Clock, limits: SessionLimits) {
  /** The one rule for a usable session: within its absolute end and not idle too long. */
  const isLive = (row: { lastSeenAt: Date; expiresAt: Date }, at: Date) =>
    row.expiresAt > at && row.lastSeenAt.getTime() + limits.idleMs > at.getTime();
  const touchEvery = touchEveryMs(limits.idleMs);
  /** Whether last_seen_at is due for an update (at most once a minute, see touchEveryMs). */
  const dueForTouch = (row: { lastSeenAt: Date }, at: Date) => at.getTime() - row.lastSeenAt.getTime() >= touchEvery;

  type Resolved = { sessionId: string; user: SessionUser } | null;
  const resolving = new Map<string, Promise<Resolved>>();
  /**
   * Sessions recently found live, for the WebSocket upgrade (resolveCached): a meeting's tablets
   * reconnecting at once share a handful of sessions. An entry is used only while its session
   * is still within both limits and not yet due for a touch, and for `cacheMs` at most; ending a
   * session here (revoke, revokeAllFor) or an access event (forget*, wired in services/index.ts,
   * from every process when REDIS_URL is set) drops it at once.
   */
  const cached = new Map<string, { result: NonNullable<Resolved>; lastSeenAt: Date; expiresAt: Date; until: number }>();
  const cacheMs = Math.min(limits.cacheMs ?? 5_000, touchEvery);
  /** Bumped by every invalidation: a lookup that was under way meanwhile may have read the old state, so it is not kept. */
  let generation = 0;
  const invalidated = () => {
    generation++;
    // A lookup under way may have read the row before the change: later callers must not share it.
    resolving.clear();
  };

  /** Prepared once: every request and join asks it, and building drizzle's query each time cost more than the answer. */
  const sessionQuery = db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: { id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("id")), isNull(users.deactivatedAt)))
    .prepare("session_by_id");

  async function resolveById(id: string): Promise<Resolved> {
    const started = generation;
    const [row] = await sessionQuery.execute({ id });
    if (!row) return null;
    const at = now();
    if (!isLive(row, at)) {
      cached.delete(id);
      await db.delete(sessions).where(eq(sessions.id, id));
      return null;
    }
    let lastSeenAt = row.lastSeenAt;
    if (dueForTouch(row, at)) {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
      lastSeenAt = at;
    }
    const result = { sessionId: id, user: row.user };
    if (started === generation && cacheMs > 0) {
      cached.set(id, { result, lastSeenAt, expiresAt: row.expiresAt, until: at.getTime() + cacheMs });
    }
    return result;
  }

  const forget = (sessionId: string) => {
    cached.delete(sessionId);
    invalidated();
  };
  const forgetUser = (userId: string) => {
    for (const [id, entry] of cached) if (entry.result.user.id === userId) cached.delete(id);
    invalidated();
  };

  /** One lookup for concurrent requests with the same session; nothing is kept once it answers. */
  function lookup(id: string): Promise<Resolved> {
    let pending = resolving.get(id);
    if (!pending) {
      const p: Promise<Resolved> = resolveById(id).finally(() => {
        if (resolving.get(id) === p) resolving.delete(id);
      });
      pending = p;
      resolving.set(id, pending);
    }
    return pending;
  }

  return {
    /** How often a live connection's use must reach the session for it to stay alive (see touchEveryMs). */
    touchEveryMs: touchEvery,
    /** Returns the cookie token; only its hash is stored. */
    async create(userId: string, tx: Db = db): Promise<{ token: string; expiresAt: Date }> {
      const token = newToken();
      const at = now();
      const expiresAt = new Date(at.getTime() + limits.absoluteMs);
      await tx.insert(sessions).values({ id: hashToken(token), userId, createdAt: at, lastSeenAt: at, expiresAt });
      return { token, expiresAt };
    },

    /** The signed-in user for a cookie token, or null if the session is unknown, expired or the account deactivated. */
    resolve(token: string): Promise<Resolved> {
      // One lookup for concurrent requests with the same cookie (a person's tabs and sockets
      // reconnecting at once).
      return lookup(hashToken(token));
    },

    /**
     * The same answer as `resolve`, from the short-lived cache when it may be used (see `cached`):
     * for WebSocket upgrades, where a reconnect storm would otherwise read the same few sessions
     * hundreds of times. A session found invalid is never cached.
     */
    resolveCached(token: string): Promise<Resolved> {
      const id = hashToken(token);
      const entry = cached.get(id);
      if (entry) {
        const at = now();
        if (at.getTime() < entry.until && isLive(entry, at) && !dueForTouch(entry, at)) {
          return Promise.resolve(entry.result);
        }
        cached.delete(id);
      }
      return lookup(id);
    },

    /** Drops a session from the cache (signed out here or on another process). */
    forget,

    /** Drops every cached session of a user (deactivated, here or on another process). */
    forgetUser,

    /** Drops the whole cache (access events may have been missed). */
    forgetAll(): void {
      cached.clear();
      invalidated();
    },

    /**
     * Re-checks the sessions of live sockets in one query: returns the ids still valid, and
     * touches only those in `touch` — an idle open tab must not keep a session alive.
     */
    async checkMany(sessionIds: string[], touch: ReadonlySet<string>): Promise<Set<string>> {
      if (sessionIds.length === 0) return new Set();
      const at = now();
      const rows = await db
        .select({ id: sessions.id, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(inArray(sessions.id, sessionIds), isNull(users.deactivatedAt)));
      const valid = rows.filter((r) => isLive(r, at));
      const toTouch = valid.filter((r) => touch.has(r.id) && dueForTouch(r, at));
      if (toTouch.length > 0) {
        await db
          .update(sessions)
          .set({ lastSeenAt: at })
          .where(
            inArray(
              sessions.id,
              toTouch.map((r) => r.id),
            ),
          );
      }
      return new Set(valid.map((r) => r.id));
    },

    async revoke(sessionId: string, tx: Db = db): Promise<void> {
      forget(sessionId);
      await tx.delete(sessions).where(eq(sessions.id, sessionId));
      // Again once deleted: a lookup that read the row meanwhile must not stay cached.
      forget(sessionId);
    },

    async revokeAllFor(userId: string, tx: Db = db): Promise<void> {
      forgetUser(userId);
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      forgetUser(userId);
    },

    /** Deletes sessions that can no longer be used; called now and then, not on the request path. */
    async purgeExpired(): Promise<void> {
      const at = now();
      await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, at), lt(sessions.lastSeenAt, new Date(at.getTime() - limits.idleMs))));
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
