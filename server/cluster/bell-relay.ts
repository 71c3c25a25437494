/**
 * The bell across processes: a person's long poll waits on whichever process the load balancer
 * sent it to, while the notification may be stored (or read) by another. Each process says on one
 * Redis channel whose unread counts may have changed; the others wake those people's waits. Only
 * user ids travel, never what the notification says. A message lost while Redis is down costs at
 * most one wait: the poll answers with the count when it times out.
 */
import type { Logger } from "../logger.js";
import { PREFIX } from "./keys.js";
import type { RedisLink } from "./redis-link.js";

const CHANNEL = `${PREFIX}bell`;
/** More than anyone is told at once (a partnership's members); a larger message is not one of ours. */
const MAX_IDS = 5_000;

interface BellSource {
  relayBells(send: (userIds: string[]) => void): (userIds: string[]) => void;
}

export async function relayBells(notifier: BellSource, link: RedisLink, logger: Logger): Promise<void> {
  const from = link.processId.toString("hex");
  const pingHere = notifier.relayBells((userIds) =>
    link.publish(CHANNEL, Buffer.from(JSON.stringify({ from, userIds }))),
  );
  await link.subscribe(CHANNEL, (_channel, message) => {
    try {
      const parsed = JSON.parse(message.toString()) as { from?: unknown; userIds?: unknown };
      if (parsed.from === from || !Array.isArray(parsed.userIds) || parsed.userIds.length > MAX_IDS) return;
      pingHere(parsed.userIds.filter((id): id is string => typeof id === "string"));
    } catch (err) {
      logger.warn({ err }, "a bell notice from another process could not be read");
    }
  });
}
