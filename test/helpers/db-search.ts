/**
 * Where a string occurs anywhere in the database: every text, varchar, json, jsonb, tsvector and
 * bytea column of every table in the public schema (bytea matched on the string's UTF-8 bytes).
 * Returns "table.column" for each column holding it.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../server/db/client.js";

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function findInDatabase(db: Db, needle: string): Promise<string[]> {
  const columns = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    await db.execute(sql`
      select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea') or c.udt_name = 'tsvector')`),
  );
  const hits: string[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const col = sql.identifier(column);
    const tab = sql.identifier(table);
    const where =
      type === "bytea"
        ? sql`position(convert_to(${needle}, 'UTF8') in ${col}) > 0`
        : sql`strpos(${col}::text, ${needle}) > 0`;
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${tab} where ${where}`));
    if ((row?.n ?? 0) > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}
