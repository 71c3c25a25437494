/**
 * The per-user socket limit (LIMITS.maxSocketsPerUser) across every process: with several processes
 * behind a load balancer that is not sticky, one process alone would let a user open the limit on
 * each of them. Each user has a sorted set in Redis whose members are this process's id and a
 * connection number, scored by when the entry lapses; a live process renews its entries every
 * RENEW_MS, so the entries of a process killed with -9 lapse within LAPSE_MS and stop counting.
 *
 * While Redis is down the limit is counted by each process alone (room-manager.ts still counts
 * its own sockets): a connection is never refused because Redis is away.
 */
import type { Logger } from "../logger.js";
import { PREFIX } from "./keys.js";
import type { RedisLink } from "./redis-link.js";

const LAPSE_MS = 90_000;
const RENEW_MS = 30_000;

/** Drops lapsed entries, then admits (adds the entry) if fewer than `limit` remain: 1 admitted, 0 refused. */
const ADMIT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

export interface SocketCounter {
  /** Whether the user may open one more socket; on true, `key` counts until `release(key)`. */
  admit(userId: string, key: string): Promise<boolean>;
  release(userId: string, key: string): void;
  close(): void;
}

const userKey = (userId: string) => `${PREFIX}sockets:${userId}`;

export function createSocketCounter(
  link: RedisLink,
  limit: number,
  logger: Logger,
  { lapseMs = LAPSE_MS, renewMs = RENEW_MS } = {},
): SocketCounter {
  const process = link.processId.toString("hex");
  /** This process's admitted entries: member → user. */
  const mine = new Map<string, string>();
  const member = (key: string) => `${process}:${key}`;

  const renew = setInterval(() => {
    if (!link.up || mine.size === 0) return;
    const lapse = Date.now() + lapseMs;
    const pipeline = link.commands.pipeline();
    for (const [entry, userId] of mine) {
      pipeline.zadd(userKey(userId), lapse, entry);
      pipeline.pexpire(userKey(userId), lapseMs);
    }
    pipeline.exec().catch((err) => logger.debug({ err }, "renewing the shared socket count failed"));
  }, renewMs);
  renew.unref();

  return {
    async admit(userId, key) {
      if (!link.up) return true;
      const now = Date.now();
      const entry = member(key);
      try {
        const admitted = await link.commands.eval(ADMIT, 1, userKey(userId), now, limit, now + lapseMs, entry, lapseMs);
        if (admitted !== 1) return false;
      } catch (err) {
        // Redis went away in between: this process's own count applies.
        logger.debug({ err }, "the shared socket count is unavailable");
        return true;
      }
      mine.set(entry, userId);
      return true;
    },
    release(userId, key) {
      const entry = member(key);
      if (!mine.delete(entry) || !link.up) return;
      link.commands.zrem(userKey(userId), entry).catch(() => {});
    },
    close() {
      clearInterval(renew);
    },
  };
}
