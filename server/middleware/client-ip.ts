/** The client's address for rate limits and audit: the socket peer, or behind a trusted proxy the last X-Forwarded-For hop. */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../types.js";

export const clientIp: MiddlewareHandler<AppEnv> = async (c, next) => {
  let ip: string | null = null;
  if (c.var.deps.config.trustProxy) {
    // The right-most entry was written by our own proxy; earlier ones are whatever the client claimed.
    ip = c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
  }
  if (!ip) {
    try {
      ip = getConnInfo(c).remote.address ?? null;
    } catch {
      ip = null; // in-process requests (tests) have no socket
    }
  }
  c.set("clientIp", ip);
  await next();
};
