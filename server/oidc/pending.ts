/**
 * Sign-ins under way at the provider: PKCE verifier, state and nonce, kept in this process (never
 * in the browser). The browser holds only a random key to its entry, in an HttpOnly cookie; an
 * entry is used once and forgotten after ten minutes. A restart forgets them: people start again.
 * With several processes (REDIS_URL) they are kept in Redis, so the provider's redirect back may
 * reach any process; while Redis is unavailable, in this process (the way back must then reach it).
 */
import { PREFIX } from "../cluster/keys.js";
import type { RedisLink } from "../cluster/redis-link.js";
import type { Clock } from "../services/clock.js";
import { newToken } from "../services/tokens.js";

export const PENDING_TTL_MS = 10 * 60_000;
/** Enough for a whole region signing in at once; beyond it the oldest entries go. */
const MAX_PENDING = 10_000;

export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  next: string;
  invitation: string | null;
  expiresAt: number;
}

/** Reads and deletes a key in one step (GETDEL needs Redis 6.2). */
const TAKE = `local v = redis.call('GET', KEYS[1]); redis.call('DEL', KEYS[1]); return v`;

export function createPendingSignIns(now: Clock, redis?: RedisLink) {
  const local = createLocalPending(now);
  const keyOf = (key: string) => `${PREFIX}oidc-pending:${key}`;
  return {
    async add(entry: Omit<PendingSignIn, "expiresAt">): Promise<string> {
      if (!redis?.up) return local.add(entry);
      const key = newToken();
      const value: PendingSignIn = { ...entry, expiresAt: now().getTime() + PENDING_TTL_MS };
      try {
        await redis.commands.set(keyOf(key), JSON.stringify(value), "PX", PENDING_TTL_MS);
        return key;
      } catch {
        return local.add(entry);
      }
    },
    /** The entry for this key, once; null if unknown, used or expired. */
    async take(key: string): Promise<PendingSignIn | null> {
      const here = local.take(key);
      if (here || !redis?.up) return here;
      try {
        const raw = (await redis.commands.eval(TAKE, 1, keyOf(key))) as string | null;
        const entry = raw ? (JSON.parse(raw) as PendingSignIn) : null;
        return entry && entry.expiresAt > now().getTime() ? entry : null;
      } catch {
        return null;
      }
    },
  };
}

function createLocalPending(now: Clock) {
  const entries = new Map<string, PendingSignIn>();
  return {
    add(entry: Omit<PendingSignIn, "expiresAt">): string {
      const at = now().getTime();
      for (const [key, value] of entries) {
        if (value.expiresAt <= at || entries.size >= MAX_PENDING) entries.delete(key);
        else break; // in insertion order: the rest are younger
      }
      const key = newToken();
      entries.set(key, { ...entry, expiresAt: at + PENDING_TTL_MS });
      return key;
    },
    /** The entry for this key, once; null if unknown, used or expired. */
    take(key: string): PendingSignIn | null {
      const entry = entries.get(key);
      entries.delete(key);
      return entry && entry.expiresAt > now().getTime() ? entry : null;
    },
  };
}

export type PendingSignIns = ReturnType<typeof createPendingSignIns>;
