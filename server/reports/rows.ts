/** Raw SQL answers as rows: postgres-js returns an array, PGlite an object with `rows`. */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";

export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/**
 * Whether a table exists: the report's optional sections (indicators, status history, roadmap)
 * read projections other features own, and are left out where those are not installed.
 */
export async function hasTable(db: Db, name: string): Promise<boolean> {
  const [row] = rowsOf<{ present: boolean }>(
    await db.execute(sql`select to_regclass(${`public.${name}`}) is not null as present`),
  );
  return row?.present === true;
}
