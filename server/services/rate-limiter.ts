/**
 * A sliding-window counter per key (client address, invitation). In memory for one process; with
 * several processes (REDIS_URL) the window lives in Redis, so the limit holds for them together.
 * While Redis is unavailable each process counts on its own again (the limit per process still
 * bounds guessing), and goes back to the shared count when it returns.
 */
import { PREFIX } from "../cluster/keys.js";
import type { RedisLink } from "../cluster/redis-link.js";
import type { Clock } from "./clock.js";

const MAX_KEYS = 10_000;

/** Drops hits older than the window, refuses at the limit (answering the ms until the oldest leaves), else records one. */
const SLIDING_WINDOW = `
local key, now, window, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, window)
return 0`;

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now: Clock;
  /** Several processes: count in Redis under this name. */
  shared?: { link: RedisLink; name: string };
}

export function createRateLimiter(options: RateLimiterOptions) {
  const hits = new Map<string, number[]>();
  let sequence = 0;

  function local(key: string): number {
    const at = options.now().getTime();
    const since = at - options.windowMs;
    const recent = (hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= options.limit) {
      hits.set(key, recent);
      return ((recent[0] ?? at) + options.windowMs - at) / 1000;
    }
    recent.push(at);
    hits.delete(key); // re-insert so Map order is least-recently-used first
    hits.set(key, recent);
    if (hits.size > MAX_KEYS) hits.delete(hits.keys().next().value as string);
    return 0;
  }

  return {
    /** Records an attempt; resolves to the seconds to wait if it is over the limit, else 0. */
    async hit(key: string): Promise<number> {
      const shared = options.shared;
      if (!shared?.link.up) return local(key);
      const at = options.now().getTime();
      try {
        const waitMs = await shared.link.commands.eval(
          SLIDING_WINDOW,
          1,
          `${PREFIX}limit:${shared.name}:${key}`,
          at,
          options.windowMs,
          options.limit,
          `${at}:${shared.link.processId.toString("hex")}:${sequence++}`,
        );
        return Number(waitMs) / 1000;
      } catch {
        return local(key);
      }
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
