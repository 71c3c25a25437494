/** Entry point, the only place that wires things: config → database → migrations → app → listen → shutdown. */
import { LIMITS } from "../shared/protocol/limits.js";
import { createApp } from "./app.js";
import type { BoardRelay } from "./cluster/board-relay.js";
import { claimOnce } from "./cluster/claim.js";
import type { RedisLink } from "./cluster/redis-link.js";
import { sharedCompaction } from "./cluster/shared-compaction.js";
import type { SocketCounter } from "./cluster/socket-count.js";
import { loadConfig } from "./config.js";
import { type Database, type DatabaseEvent, DatabaseOpenError, openDatabase } from "./db/client.js";
import { latestShippedMigration } from "./db/migration-status.js";
import { createDocStore, type DocStore } from "./docs/doc-store.js";
import { IDENTITY_RULE_VERSION, scanOnce } from "./docs/identity-scan.js";
import { StorageHealth } from "./docs/storage-health.js";
import { DEFAULT_HISTORY } from "./history/record-version.js";
import { listen, type RunningServer } from "./http-server.js";
import { createLogger } from "./logger.js";
import { addDependency, collectProcessMetrics } from "./metrics/instruments.js";
import { discoverIssuer, discoveryFailure, type OidcClient } from "./oidc/discovery.js";
import { releaseMemoryWhenIdle } from "./ops/idle-memory.js";
import { warmUp } from "./realtime/warm-up.js";
import { warmUpLive } from "./realtime/warm-up-live.js";
import { createRealtime, type Realtime } from "./realtime/ws-server.js";
import { DEFAULT_WEB_DIR, isWebBuilt } from "./routes/web.js";
import { seedDemoAtStart } from "./seed/seed-at-start.js";
import { createServices } from "./services/index.js";

/** Boards stored or compacted this recently (a shutdown compacts every open one) are preloaded at start. */
const PRELOAD_ACTIVE_WITHIN_MS = 15 * 60_000;
const PRELOAD_MAX_BOARDS = 20;
const PRELOAD_BUDGET_MS = 3_000;

const result = loadConfig(process.env);
if (!result.ok) {
  console.error(
    `Samverkan cannot start: the configuration is invalid.\n${result.problems.map((p) => `  - ${p}`).join("\n")}`,
  );
  console.error("See .env.example for every variable and its format.");
  process.exit(2);
}
const config = result.config;
const logger = createLogger(config.logLevel);
if (config.metricsToken) collectProcessMetrics();

let database: Database | undefined;
let http: RunningServer | undefined;
let realtime: Realtime | undefined;
let purge: NodeJS.Timeout | undefined;
let redis: RedisLink | undefined;
/** Whether board edits can be stored: the database process's events and the write queue report here. */
const health = new StorageHealth();

function fail(message: string): never {
  console.error(`Samverkan cannot start: ${message}`);
  process.exit(1);
}

// Signals are taken from the first moment: a stop during start-up (a supervisor, a quick restart)
// waits for the step under way and then shuts down in order — the database closed, its lock
// released — instead of dying with the database process still opening the directory.
let started = false;
let stopping = false;
let stopAsked: string | null = null;
const onSignal = (signal: string) => {
  if (started) void shutdown(signal);
  else stopAsked ??= signal;
};
process.once("SIGTERM", () => onSignal("SIGTERM"));
process.once("SIGINT", () => onSignal("SIGINT"));
/** Between start-up steps: a stop asked for meanwhile is carried out now. */
async function checkpoint(): Promise<void> {
  if (stopAsked) await shutdown(stopAsked);
}

// The OpenID provider is found before anything is opened: a wrong or unreachable issuer stops the start.
let oidc: OidcClient | undefined;
if (config.oidc) {
  try {
    oidc = await discoverIssuer(config.oidc);
  } catch (error) {
    fail(discoveryFailure(config.oidc, error));
  }
}
await checkpoint();

// Several processes (REDIS_URL): Redis must answer at start; a wrong or unreachable URL stops it here.
// Loaded only then: one process does without the Redis client.
let cluster: { relay: BoardRelay; nextSeq: (last: number) => number; sockets: SocketCounter } | undefined;
if (config.redisUrl) {
  try {
    const [{ connectRedis }, { takeSlot, slotSequence }, { createBoardRelay }, { createSocketCounter }] =
      await Promise.all([
        import("./cluster/redis-link.js"),
        import("./cluster/sequence.js"),
        import("./cluster/board-relay.js"),
        import("./cluster/socket-count.js"),
      ]);
    redis = await connectRedis(config.redisUrl, logger);
    const link = redis;
    addDependency("redis", () => link.up);
    const slot = await takeSlot(redis);
    cluster = {
      relay: createBoardRelay(redis, logger),
      nextSeq: slotSequence(slot),
      sockets: createSocketCounter(redis, LIMITS.maxSocketsPerUser, logger),
    };
  } catch (error) {
    await redis?.close();
    fail((error as Error).message.replaceAll("\n", " "));
  }
}
await checkpoint();

// While the database starts (the embedded one in a process of its own), this thread runs the live
// editing path until it is optimised: the first meeting after a restart gets warm code.
const warmingLive = warmUpLive(logger);

try {
  database = await openDatabase(config.database);
} catch (error) {
  fail(error instanceof DatabaseOpenError ? error.message : `cannot open the database: ${(error as Error).message}`);
}
database.onEvent(onDatabaseEvent);
await checkpoint();

try {
  await database.migrate();
} catch (error) {
  await database.close().catch(() => {});
  fail(`applying database migrations failed: ${(error as Error).message}`);
}
await checkpoint();

const services = createServices(database.db, config, undefined, logger, redis);
const history = { ...DEFAULT_HISTORY, retentionMs: config.historyRetentionMs };
let store: DocStore = createDocStore(database.db, history);
if (redis) {
  // Compaction from what is stored, one process at a time per board (cluster/shared-compaction.ts).
  store = sharedCompaction(database.db, store, history);
  const { relayAccessEvents } = await import("./cluster/access-relay.js");
  await relayAccessEvents(services.events, redis, logger);
  const { relayBells } = await import("./cluster/bell-relay.js");
  await relayBells(services.notifier, redis, logger);
}

// SEED_DEMO=true: the demo partnership, only into an instance without accounts (server/seed).
if (config.seedDemo) {
  try {
    await seedDemoAtStart({ db: database.db, services, store, logger });
  } catch (error) {
    await database.close().catch(() => {});
    fail(`seeding the demo partnership failed: ${(error as Error).message}`);
  }
}

logger.debug({ ms: Math.round(await warmUp(store, services)) }, "warmed up");
logger.debug({ ms: Math.round(await warmingLive) }, "live editing path warmed up");
const app = createApp({
  config,
  db: database.db,
  logger,
  services,
  latestMigration: latestShippedMigration(),
  ...(oidc ? { oidc } : {}),
  ...(redis ? { redis } : {}),
});
if (!isWebBuilt(DEFAULT_WEB_DIR)) logger.warn("the web app is not built (npm run build); serving the API only");
// Expired sessions are refused on use; this only keeps the table small. Audit events older than
// AUDIT_RETENTION_DAYS are deleted (gallring) on the same hourly round, and board versions past the
// history retention (compaction prunes a board's own, but a board nobody edits is never compacted).
purge = setInterval(() => {
  void services.sessions.purgeExpired().catch((err) => logger.warn({ err }, "session purge failed"));
  void services.history.prune().catch((err) => logger.warn({ err }, "history purge failed"));
  void services.outbox.purge().catch((err) => logger.warn({ err }, "mail outbox purge failed"));
  void services.auditLog
    .purgeExpired()
    .then((n) => n > 0 && logger.info({ events: n }, "audit events past their retention deleted"))
    .catch((err) => logger.warn({ err }, "audit purge failed"));
}, 3_600_000);
purge.unref();

// After a restart, the boards people were working on are in memory again before they reconnect
// (a meeting reconnects all at once): loaded before listening, for at most PRELOAD_BUDGET_MS;
// whatever is left loads right after.
const live = createRealtime({ config, services, store, logger, health, ...(cluster ? { cluster } : {}) });
realtime = live;
const preloading = store
  .recentlyActive(new Date(Date.now() - PRELOAD_ACTIVE_WITHIN_MS), PRELOAD_MAX_BOARDS)
  .then((boards) => live.manager.preload(boards))
  .then((n) => n > 0 && logger.info({ boards: n }, "boards preloaded"))
  .catch((err) => logger.warn({ err }, "preloading boards failed"));
await Promise.race([preloading, new Promise((resolve) => setTimeout(resolve, PRELOAD_BUDGET_MS).unref())]);
await checkpoint();

try {
  http = await listen(app, { port: config.port, host: config.host });
} catch (error) {
  await database.close().catch(() => {});
  const code = (error as { code?: string }).code;
  fail(
    code === "EADDRINUSE"
      ? `port ${config.port} on ${config.host} is already in use; set PORT to another port.`
      : `cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
  );
}

live.attach(http.server);
// Boards whose stored state moved on without a projection (a crash, a new projection table) catch up in the background.
void services.projections
  .catchUp()
  .then((n) => n > 0 && logger.info({ boards: n }, "projections caught up"))
  .catch((err) => logger.error({ err }, "catching up projections failed"));

// Notification mail goes out from the outbox (retries included); the overdue digest at DIGEST_HOUR.
services.outbox.start();
services.digest.start();

// Once per rule version: where personal identity numbers stored before the guard existed are (server/docs/identity-scan.ts).
// With several processes, the first to claim it in Redis (for 10 minutes: a process killed mid-scan leaves it to the next start).
const claimScan = redis ? claimOnce(redis, `identity-scan:${IDENTITY_RULE_VERSION}`, 600_000) : undefined;
void scanOnce(database.db, services.audit, logger, claimScan).catch((err) =>
  logger.warn({ err }, "scanning for stored identity numbers failed"),
);

// Memory back once quiet (server/ops/idle-memory.ts): the warm-up and any load leave the young generation at its maximum.
releaseMemoryWhenIdle();
started = true;
logger.info(
  { url: http.url, publicOrigin: config.publicOrigin, database: database.kind, redis: redis ? "connected" : undefined },
  `Samverkan listening on ${http.url}`,
);
await checkpoint();

/** The embedded database's process: logged, fed to storage health; given up → the server exits so it is started afresh. */
function onDatabaseEvent(event: DatabaseEvent) {
  switch (event.type) {
    case "down":
      logger.error({ reason: event.reason }, "the embedded database process died; starting it again");
      health.markDown("process", event.reason);
      return;
    case "restarting":
      logger.warn({ attempt: event.attempt, inMs: event.inMs }, "starting the embedded database process again");
      return;
    case "up":
      logger.info({ pid: event.pid }, "the embedded database process is back");
      health.markUp("process");
      return;
    case "failed":
      logger.fatal({ reason: event.reason }, "giving up on the embedded database; exiting");
      void shutdown("database failure", event.reason);
      return;
  }
}

/**
 * Stops in order: no new connections, live boards stored and compacted, then the database. With a
 * `failure` (the database could not be started again) it stores what it still can, quickly, then
 * exits 1 with the reason as one line on stderr, so that a process manager starts it again.
 */
async function shutdown(signal: string, failure?: string): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  logger.info({ signal }, "shutting down");
  const exit = (code: number): never => {
    if (failure) console.error(`Samverkan stopped: ${failure.replaceAll("\n", " ")}`);
    process.exit(code);
  };
  // A server started on the same data directory meanwhile waits for this one to finish.
  await database?.stopping(Date.now() + config.shutdownTimeoutMs).catch(() => {});
  // Whatever hangs, the process is gone within the configured timeout.
  const deadline = setTimeout(() => {
    logger.error("shutdown timed out; exiting");
    exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();
  clearInterval(purge);
  try {
    // Stop accepting first; then close live boards (which stores and compacts them); then the database.
    // A database that is gone for good stores nothing more: a short try, not the whole budget.
    const httpMs = failure ? 500 : Math.max(0, config.shutdownTimeoutMs - 2_000);
    const storeMs = failure ? 500 : Math.max(0, config.shutdownTimeoutMs - 3_000);
    // The bell's long polls answer now, so they do not hold the HTTP server open.
    if (started) services.notifier.stopWaiting();
    const httpClosed = http?.close(httpMs);
    await realtime?.close(storeMs);
    await httpClosed;
    if (started) {
      await services.projections.flush().catch((err) => logger.error({ err }, "final projection refresh failed"));
      await services.projections.stop();
      await services.digest.stop();
      await services.outbox.stop();
    }
    if (realtime) logger.info(realtime.stats(), "realtime stats");
    cluster?.sockets.close();
    await redis?.close();
    await database?.close();
    logger.info("stopped");
    return exit(failure ? 1 : 0);
  } catch (err) {
    logger.error({ err }, "error during shutdown");
    return exit(1);
  }
}

// For measuring a stretch of load (npm run bench): the persistence latency and event-loop delay since the last SIGUSR2.
process.on("SIGUSR2", () => {
  if (realtime && !stopping) logger.info(realtime.takeWindowStats(), "realtime stats window");
});
