/** Tells readiness whether every migration shipped in `migrations/` has been applied to this database. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { max } from "drizzle-orm";
import { bigint, pgSchema, serial, text } from "drizzle-orm/pg-core";
import { type Db, MIGRATIONS_FOLDER } from "./client.js";

// Drizzle's own bookkeeping table; declared here, not in schema.ts, so drizzle-kit never manages it.
const drizzleMigrations = pgSchema("drizzle").table("__drizzle_migrations", {
  id: serial("id").primaryKey(),
  hash: text("hash").notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});

interface Journal {
  entries: { when: number; tag: string }[];
}

/** The newest migration this build ships, read from drizzle-kit's journal. */
export function latestShippedMigration(folder = MIGRATIONS_FOLDER): number {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as Journal;
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}

/** True when the database has the newest shipped migration; throws only if the database is unreachable. */
export async function migrationsApplied(db: Db, latestShipped: number): Promise<boolean> {
  const exists = await db.$count(drizzleMigrations).then(
    () => true,
    (error: { code?: string; cause?: { code?: string } }) => {
      // 42P01 undefined_table / 3F000 invalid_schema_name: nothing has been migrated yet.
      const code = error.code ?? error.cause?.code;
      if (code === "42P01" || code === "3F000") return false;
      throw error;
    },
  );
  if (!exists) return false;
  const [row] = await db.select({ latest: max(drizzleMigrations.createdAt) }).from(drizzleMigrations);
  return Number(row?.latest ?? 0) >= latestShipped;
}
