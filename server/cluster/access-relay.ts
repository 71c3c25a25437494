/**
 * Access notices (role changed, member removed, signed out, board archived, minutes locked)
 * between processes: one Redis channel every process listens to. A notice lost while the link
 * was down is made up for when it is back: every connection is re-checked then (and once a
 * minute anyway, access-watch.ts).
 */
import type { Logger } from "../logger.js";
import type { AccessEvent, AccessEvents } from "../services/access-events.js";
import { PREFIX } from "./keys.js";
import type { RedisLink } from "./redis-link.js";

const CHANNEL = `${PREFIX}access`;
const TYPES = new Set(["membership", "user", "session", "board", "minutes", "recheck"]);

export async function relayAccessEvents(events: AccessEvents, link: RedisLink, logger: Logger): Promise<() => void> {
  const from = link.processId.toString("hex");
  const deliver = events.bridge((event) => link.publish(CHANNEL, Buffer.from(JSON.stringify({ from, event }))));
  await link.subscribe(CHANNEL, (_channel, message) => {
    try {
      const parsed = JSON.parse(message.toString()) as { from?: string; event?: AccessEvent };
      if (parsed.from === from || !parsed.event || !TYPES.has(parsed.event.type)) return;
      deliver(parsed.event);
    } catch (err) {
      logger.warn({ err }, "an access notice from another process could not be read");
    }
  });
  return link.onChange((up) => {
    if (up) deliver({ type: "recheck" });
  });
}
