/** Liveness (the process answers) and readiness (the database answers and is fully migrated; Redis, when configured, is connected). */
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { migrationsApplied } from "../db/migration-status.js";
import { unavailableReason } from "../db/unavailable.js";
import { errorBody, unavailableBody } from "../middleware/error-handler.js";
import type { AppEnv } from "../types.js";

export const healthRoutes = new Hono<AppEnv>()
  .get("/healthz", (c) => c.json({ status: "ok" }))
  .get("/readyz", async (c) => {
    const { db, latestMigration } = c.var.deps;
    try {
      await db.execute(sql`select 1`);
    } catch (err) {
      // The same code the API answers while the database is down; whatever the failure, not ready.
      c.var.log.warn({ err }, "readiness: database unreachable");
      return c.json(unavailableBody(unavailableReason(err) ?? "database does not answer"), 503);
    }
    if (!(await migrationsApplied(db, latestMigration).catch(() => false))) {
      return c.json(
        errorBody("migrations_pending", "The database schema is not up to date; run npm run db:migrate."),
        503,
      );
    }
    const { redis } = c.var.deps;
    if (redis && !redis.up) {
      // Live boards still work on this process alone; edits reach the others once Redis is back.
      return c.json(
        errorBody("redis_unavailable", "Redis is unavailable; this process cannot reach the others right now.", {
          reason: redis.reason ?? "not connected",
        }),
        503,
      );
    }
    return c.json({ status: "ready" });
  });
