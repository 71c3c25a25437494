/**
 * Work that one process of several should do once (the identity-number scan after an upgrade):
 * the first process to claim `name` in Redis does it. The claim lapses after `ms`, so a process
 * killed half-way leaves the work to the next start rather than to nobody.
 */
import { PREFIX } from "./keys.js";
import type { RedisLink } from "./redis-link.js";

export function claimOnce(link: RedisLink, name: string, ms: number): () => Promise<boolean> {
  return async () => (await link.commands.set(`${PREFIX}claim:${name}`, link.processId, "PX", ms, "NX")) === "OK";
}
