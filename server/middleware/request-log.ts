/** One structured log line per request, tagged with the request id; logs the route pattern, never raw paths with tokens. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../types.js";

export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  const log = c.var.deps.logger.child({ reqId: c.get("requestId") });
  c.set("log", log);
  await next();
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const status = c.res.status;
  const entry = { method: c.req.method, route: c.req.routePath, status, ms };
  if (status >= 500) log.error(entry, "request failed");
  else log.info(entry, "request");
};
