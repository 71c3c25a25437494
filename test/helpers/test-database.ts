/** A fresh, migrated database per test file: in-memory PGlite, or a uniquely named PostgreSQL database that is dropped after. */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type Database, openDatabase } from "../../server/db/client.js";

export type DatabaseKind = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when DATABASE_URL points at a server (as in CI). */
export function databaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * Whether a suite that needs PostgreSQL itself (several processes share one database) can run;
 * without DATABASE_URL it says so, as the browser suite does without Chromium. CI always sets it.
 */
export function postgresConfigured(suite: string): boolean {
  if (process.env.DATABASE_URL) return true;
  console.warn(`\n  ⚠ ${suite}: SKIPPED without DATABASE_URL (PostgreSQL); CI runs it\n`);
  return false;
}

/** The database the HTTP and realtime suites run on: PostgreSQL when configured, else PGlite. */
export function defaultDatabaseKind(): DatabaseKind {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

export async function createTestDatabase(kind: DatabaseKind = defaultDatabaseKind()): Promise<Database> {
  if (kind === "pglite") {
    const database = await openDatabase({ kind: "pglite-memory" });
    await database.migrate();
    return database;
  }
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error("DATABASE_URL is not set; cannot create a PostgreSQL test database");
  const name = `samverkan_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const dropper = postgres(baseUrl, { max: 1, onnotice: () => {} });
    try {
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await dropper.end();
    }
  };
  let database: Database | undefined;
  try {
    database = await openDatabase({ kind: "postgres", url: url.toString() });
    await database.migrate();
  } catch (error) {
    await database?.close();
    await drop();
    throw error;
  }
  const opened = database;
  return {
    ...opened,
    async close() {
      await opened.close();
      await drop();
    },
  };
}

/** Empties every table of ours between tests in one file, so tests share the slow-to-start database. */
export async function truncateAll(database: Database): Promise<void> {
  const rows = await database.db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const names = (Array.isArray(rows) ? rows : (rows as { rows: { tablename: string }[] }).rows).map(
    (r) => `"${r.tablename}"`,
  );
  if (names.length > 0) await database.db.execute(sql.raw(`truncate ${names.join(", ")} restart identity cascade`));
}
