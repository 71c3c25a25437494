/**
 * `/metrics` in Prometheus text format for the operator's scraper, behind a bearer token
 * (METRICS_TOKEN); without one configured the path does not exist. See server/metrics/instruments.ts.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { AppError } from "../errors.js";
import { collectProcessMetrics, registry } from "../metrics/instruments.js";
import type { AppEnv } from "../types.js";

const digest = (value: string) => createHash("sha256").update(value).digest();

export const metricsRoutes = new Hono<AppEnv>().get("/metrics", async (c) => {
  const token = c.var.deps.config.metricsToken;
  if (!token) throw new AppError(404, "not_found", "Not found.");
  const given = /^Bearer (.+)$/.exec(c.req.header("Authorization") ?? "")?.[1] ?? "";
  // Compared as digests: equal length, constant time, and nothing learnt from how long the given token is.
  if (!timingSafeEqual(digest(given), digest(token))) {
    throw new AppError(401, "metrics_token", "The metrics need Authorization: Bearer <METRICS_TOKEN>.", undefined, {
      "WWW-Authenticate": 'Bearer realm="metrics"',
    });
  }
  collectProcessMetrics();
  c.header("Content-Type", registry.contentType);
  c.header("Cache-Control", "no-store");
  return c.body(await registry.metrics());
});
