/** At most 20 credential attempts (sign-in, setup, invitation acceptance) per client address per minute. */
import type { MiddlewareHandler } from "hono";
import { tooManyRequests } from "../errors.js";
import type { AppEnv } from "../types.js";

export const credentialLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  const wait = await c.var.deps.services.credentialLimiter.hit(c.var.clientIp ?? "unknown");
  if (wait > 0) throw tooManyRequests("Too many attempts from this address. Wait a minute and try again.", wait);
  await next();
};
