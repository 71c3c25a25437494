/** Opens the database — PGlite on disk or in memory, or PostgreSQL — and returns one typed Drizzle handle. */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { type DatabaseConfig, redactUrl } from "../config.js";
import { PROJECT_ROOT } from "../project-root.js";
import { type DataDirLock, DataDirLockedError, lockDataDir } from "./data-dir-lock.js";
import { type PgliteEvent, PgliteProcess, type RestartPolicy } from "./pglite-process.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseEvent = PgliteEvent;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Applies pending migrations from `migrations/`; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * This server is shutting down and will be gone by `deadline` (ms since the epoch): a server
   * starting on the same PGlite directory meanwhile waits for it instead of refusing.
   */
  stopping(deadline: number): Promise<void>;
  /**
   * The embedded database's process dying, being started again, back ("up") or given up
   * ("failed": main.ts exits). PostgreSQL reports nothing here: postgres.js reconnects by itself,
   * and failed queries say it (unavailable.ts).
   */
  onEvent(listener: (event: DatabaseEvent) => void): () => void;
}

export interface OpenOptions {
  /** How the embedded database's process is started again after it died (tests shorten it). */
  restart?: Partial<RestartPolicy>;
}

/** A failure the operator can fix; main.ts prints its message as one line, without a stack. */
export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

export const MIGRATIONS_FOLDER = path.join(PROJECT_ROOT, "migrations");

/** An arbitrary constant that serialises migrations across processes sharing one PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_312_004_117;

export function openDatabase(
  config: DatabaseConfig | { kind: "pglite-memory" },
  options: OpenOptions = {},
): Promise<Database> {
  if (config.kind === "postgres") return openPostgres(config.url);
  return openPglite(config.kind === "pglite" ? config.dataDir : undefined, options);
}

/**
 * Each kind's driver is loaded only when that kind is opened: a server on PostgreSQL never loads
 * PGlite's driver (nor PGlite), one on PGlite never loads the PostgreSQL client.
 */
async function openPostgres(url: string): Promise<Database> {
  const [{ default: postgres }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    connect_timeout: 10,
    // Keep a stable name so operators can tell our connections apart in pg_stat_activity.
    connection: { application_name: "samverkan" },
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseOpenError(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${describe(error)}`);
  }
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async migrate() {
      // A dedicated single-connection client: the advisory lock is per session, and a pool could unlock on another one.
      const single = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await single`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
        await single.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
    stopping: async () => {},
    onEvent: () => () => {},
  };
}

async function openPglite(dataDir: string | undefined, options: OpenOptions): Promise<Database> {
  const [{ drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  let lock: DataDirLock | undefined;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    try {
      lock = await lockDataDir(dataDir);
    } catch (error) {
      if (error instanceof DataDirLockedError) throw new DatabaseOpenError(error.message);
      throw new DatabaseOpenError(`Cannot lock the data directory ${path.resolve(dataDir)}: ${describe(error)}`);
    }
  }
  let client: PgliteProcess;
  try {
    // In its own process: PGlite runs every query synchronously on the thread that calls it. The
    // lock names each process (also one started again after a crash) before it opens the directory.
    client = await PgliteProcess.open(dataDir ? path.resolve(dataDir, "pgdata") : undefined, {
      ...(lock ? { onSpawn: (pid: number) => (lock as DataDirLock).alsoHeldBy(pid) } : {}),
      ...(options.restart ? { restart: options.restart } : {}),
    });
  } catch (error) {
    await lock?.release();
    throw new DatabaseOpenError(`Cannot open the embedded database in ${dataDir ?? "memory"}: ${describe(error)}`);
  }
  // drizzle-orm's PGlite driver only calls query() and transaction(), which the process provides.
  const driverClient = client as unknown as PGlite;
  const db = drizzlePglite(driverClient, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async migrate() {
      await migratePglite(drizzlePglite(driverClient), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async close() {
      // Its process has exited (or was never started again) before the lock lets another server in.
      await client.close();
      await lock?.release();
    },
    stopping: async (deadline) => {
      await lock?.stopping(deadline);
    },
    onEvent: (listener) => client.onEvent(listener),
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
