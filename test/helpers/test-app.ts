/** Builds the real app over a real test database, and optionally serves it on an ephemeral port. */
import { createApp } from "../../server/app.js";
import type { Config } from "../../server/config.js";
import type { Database } from "../../server/db/client.js";
import { latestShippedMigration } from "../../server/db/migration-status.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { listen, type RunningServer } from "../../server/http-server.js";
import { createLogger } from "../../server/logger.js";
import type { OidcClient } from "../../server/oidc/discovery.js";
import { attachRealtime, type Realtime, type RealtimeOptions } from "../../server/realtime/ws-server.js";
import { type Clock, systemClock } from "../../server/services/clock.js";
import { createServices } from "../../server/services/index.js";
import { testConfig } from "./test-config.js";

export function buildTestApp(
  database: Database,
  overrides: Partial<Config> = {},
  now: Clock = systemClock,
  webDir = "/nonexistent-web-build",
  /** The discovered OpenID provider, for the OIDC suites. */
  oidc?: OidcClient,
) {
  const config = testConfig(overrides);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const services = createServices(database.db, config, now, logger);
  const app = createApp({
    config,
    db: database.db,
    services,
    logger,
    latestMigration: latestShippedMigration(),
    // API suites never depend on whether a developer has built the web app.
    webDir,
    ...(oidc ? { oidc } : {}),
  });
  return { app, config, services };
}

export type TestServer = RunningServer & ReturnType<typeof buildTestApp> & { realtime: Realtime };

/** The real app and the realtime engine on an ephemeral port; `close()` shuts both down like main.ts. */
export async function startTestServer(
  database: Database,
  overrides: Partial<Config> = {},
  now: Clock = systemClock,
  realtimeOptions: Partial<Omit<RealtimeOptions, "config" | "services" | "logger">> = {},
  /** For browser suites: the web build to serve, and a port chosen beforehand (the origin must be known). */
  web: { dir?: string; port?: number; oidc?: OidcClient } = {},
): Promise<TestServer> {
  const built = buildTestApp(database, overrides, now, web.dir, web.oidc);
  const running = await listen(built.app, { port: web.port ?? 0, host: "127.0.0.1" });
  const realtime = attachRealtime(running.server, {
    config: built.config,
    services: built.services,
    store: createDocStore(database.db),
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    ...realtimeOptions,
  });
  return {
    ...running,
    ...built,
    realtime,
    async close(timeoutMs?: number) {
      built.services.notifier.stopWaiting();
      const httpClosed = running.close(timeoutMs);
      await realtime.close();
      await httpClosed;
      await built.services.projections.flush();
      await built.services.projections.stop();
      await built.services.digest.stop();
      await built.services.outbox.stop();
    },
  };
}
