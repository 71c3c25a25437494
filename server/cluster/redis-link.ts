/**
 * This process's link to Redis (REDIS_URL), for running several processes side by side: one
 * connection publishes and runs commands, one only listens (a subscribed Redis connection can do
 * nothing else). Reconnects by itself, for ever, with back-off; while it is down, `up` is false,
 * /readyz says so and publishing does nothing (nothing is queued: the database is where edits are
 * kept, and every room catches up from it when the link is back — board-relay.ts).
 *
 * `connectRedis` is for the start: a wrong or unreachable REDIS_URL stops the start with one line.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { redactUrl } from "../config.js";
import type { Logger } from "../logger.js";

export { PREFIX } from "./keys.js";

const CONNECT_TIMEOUT_MS = 5_000;

export type MessageHandler = (channel: string, message: Buffer) => void;

export interface RedisLink {
  /** Identifies this process in what it publishes (so it ignores its own messages). */
  readonly processId: Buffer;
  /** Both connections are ready. */
  readonly up: boolean;
  /** Why not, while not up. */
  readonly reason: string | undefined;
  /** The command connection (rate limits); commands fail fast while the link is down. */
  readonly commands: Redis;
  publish(channel: string, message: Buffer): void;
  /** Subscribes (now, and again after every reconnect) and routes the channel's messages to `handler`. */
  subscribe(channel: string, handler: MessageHandler): Promise<void>;
  unsubscribe(channel: string): void;
  /** Called when the link goes down (false) or is back with every subscription renewed (true). */
  onChange(listener: (up: boolean) => void): () => void;
  close(): Promise<void>;
}

export class RedisConnectError extends Error {
  override name = "RedisConnectError";
}

function options() {
  return {
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Fail fast while disconnected instead of queueing: callers degrade and catch up later.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResubscribe: false,
    lazyConnect: true,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2_000),
  };
}

/** Connects both connections; throws RedisConnectError with a one-line reason if Redis does not answer. */
export async function connectRedis(url: string, logger: Logger): Promise<RedisLink> {
  const commands = new Redis(url, options());
  const listener = new Redis(url, options());
  // ioredis reports every failed attempt as an error event; the state changes are logged below.
  commands.on("error", () => {});
  listener.on("error", () => {});
  try {
    await Promise.all([commands.connect(), listener.connect()]);
    await commands.ping();
  } catch (error) {
    commands.disconnect();
    listener.disconnect();
    throw new RedisConnectError(`cannot reach Redis at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return createLink(commands, listener, logger);
}

function createLink(commands: Redis, listener: Redis, logger: Logger): RedisLink {
  const processId = randomBytes(8);
  const handlers = new Map<string, MessageHandler>();
  const listeners = new Set<(up: boolean) => void>();
  let up = true;
  let reason: string | undefined;
  let closing = false;

  listener.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    const name = channel.toString();
    handlers.get(name)?.(name, message);
  });

  const setUp = (next: boolean, why?: string) => {
    if (closing || next === up) return;
    up = next;
    reason = next ? undefined : why;
    if (next) logger.info("Redis is back: live boards catch up and relay again");
    else
      logger.error({ reason: why }, "Redis is unavailable: each process serves its own connections until it is back");
    for (const l of [...listeners]) l(next);
  };

  const onDown = (why: string) => () => setUp(false, why);
  for (const connection of [commands, listener]) {
    connection.on("close", onDown("the connection to Redis closed"));
    connection.on("end", onDown("the connection to Redis ended"));
    connection.on("ready", () => void renew());
  }

  /** Both ready again: subscriptions renewed, then everyone is told. */
  async function renew() {
    if (closing || commands.status !== "ready" || listener.status !== "ready") return;
    try {
      if (handlers.size > 0) await listener.subscribe(...handlers.keys());
      setUp(true);
    } catch (err) {
      logger.warn({ err }, "renewing Redis subscriptions failed; retrying on the next reconnect");
      listener.disconnect(true);
    }
  }

  return {
    processId,
    get up() {
      return up;
    },
    get reason() {
      return reason;
    },
    commands,
    publish(channel, message) {
      if (!up) return;
      commands.publish(channel, message).catch((err) => logger.debug({ err, channel }, "publishing to Redis failed"));
    },
    async subscribe(channel, handler) {
      handlers.set(channel, handler);
      if (!up) return; // renewed when the link is back
      try {
        await listener.subscribe(channel);
      } catch (err) {
        logger.debug({ err, channel }, "subscribing failed; renewed when Redis is back");
      }
    },
    unsubscribe(channel) {
      if (!handlers.delete(channel) || !up) return;
      listener.unsubscribe(channel).catch(() => {});
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      closing = true;
      handlers.clear();
      await Promise.allSettled([commands.quit(), listener.quit()]);
      commands.disconnect();
      listener.disconnect();
    },
  };
}
