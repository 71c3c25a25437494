/**
 * A sliding-window counter per key (client address), in memory. Per process: with several
 * processes each allows the limit, which still bounds guessing; a shared store comes with Redis.
 */
import type { Clock } from "./clock.js";

const MAX_KEYS = 10_000;

export function createRateLimiter(options: { limit: number; windowMs: number; now: Clock }) {
  const hits = new Map<string, number[]>();
  return {
    /** Records an attempt; returns the seconds to wait if it is over the limit, else 0. */
    hit(key: string): number {
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
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
