/** Builds the real app over a real test database, and optionally serves it on an ephemeral port. */
import { createApp } from "../../server/app.js";
import type { Config } from "../../server/config.js";
import type { Database } from "../../server/db/client.js";
import { latestShippedMigration } from "../../server/db/migration-status.js";
import { listen, type RunningServer } from "../../server/http-server.js";
import { createLogger } from "../../server/logger.js";
import { type Clock, systemClock } from "../../server/services/clock.js";
import { createServices } from "../../server/services/index.js";
import { testConfig } from "./test-config.js";

export function buildTestApp(database: Database, overrides: Partial<Config> = {}, now: Clock = systemClock) {
  const config = testConfig(overrides);
  const services = createServices(database.db, config, now);
  const app = createApp({
    config,
    db: database.db,
    services,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    latestMigration: latestShippedMigration(),
  });
  return { app, config, services };
}

export async function startTestServer(
  database: Database,
  overrides: Partial<Config> = {},
): Promise<RunningServer & ReturnType<typeof buildTestApp>> {
  const built = buildTestApp(database, overrides);
  const running = await listen(built.app, { port: 0, host: "127.0.0.1" });
  return { ...running, ...built };
}
