/**
 * Writes one board's projection rows in a single SQL statement: for each table, a data-modifying
 * CTE deletes the board's rows whose key is no longer there (only when a key this process wrote is
 * gone, or it does not know what it wrote), and another upserts the rows that are new or changed
 * since this process last wrote them (all of them when it does not know).
 * One statement means one round trip and no transaction held open across awaits — on the
 * embedded database the write queue waits for a projection only as long as it executes.
 */
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client.js";
import {
  projectedActions,
  projectedComments,
  projectedCycleSteps,
  projectedDecisions,
  projectedGoalHistory,
  projectedGoalLinks,
  projectedGoals,
  projectedIndicators,
  projectedIndicatorValues,
  projectedMeetings,
  projectedMilestones,
  projectedPhases,
  searchEntries,
} from "../db/schema.js";
import type { ProjectionRows } from "./extract.js";

type TableName = keyof ProjectionRows;

/** Column names and SQL types of a table (generated columns left out), from the Drizzle schema. */
function describe(table: PgTable, keyProperty: string | null) {
  const columns = Object.entries(getTableColumns(table))
    .filter(([, column]) => !column.generated)
    .map(([property, column]) => ({ property, name: column.name, type: column.getSQLType() }));
  const config = getTableConfig(table);
  const primaryKey =
    config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
  const keyColumn = keyProperty ? (columns.find((c) => c.property === keyProperty)?.name ?? null) : null;
  return { name: config.name, columns, primaryKey, keyProperty, keyColumn };
}

const TABLES: Record<TableName, ReturnType<typeof describe>> = {
  actions: describe(projectedActions, "actionId"),
  goals: describe(projectedGoals, "goalId"),
  meetings: describe(projectedMeetings, null),
  decisions: describe(projectedDecisions, "decisionId"),
  search: describe(searchEntries, "entryId"),
  comments: describe(projectedComments, "commentId"),
  goalHistory: describe(projectedGoalHistory, "entryId"),
  goalLinks: describe(projectedGoalLinks, "linkId"),
  indicators: describe(projectedIndicators, "indicatorId"),
  indicatorValues: describe(projectedIndicatorValues, "valueKey"),
  phases: describe(projectedPhases, "phaseId"),
  milestones: describe(projectedMilestones, "milestoneId"),
  cycle: describe(projectedCycleSteps, "focusBoardId"),
};
const NAMES = Object.keys(TABLES) as TableName[];

/** What was written for a board: per table, row key → serialised row. */
export type WrittenRows = Record<TableName, Map<string, string>>;

const id = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function writeRows(
  db: Db,
  boardId: string,
  rows: ProjectionRows,
  seq: number,
  previous: WrittenRows | undefined,
): Promise<WrittenRows> {
  const written = {} as WrittenRows;
  const ctes: SQL[] = [];
  for (const [i, name] of NAMES.entries()) {
    const t = TABLES[name];
    written[name] = new Map();
    const changed: Record<string, unknown>[] = [];
    for (const row of rows[name] as Record<string, unknown>[]) {
      const key = t.keyProperty ? String(row[t.keyProperty]) : "";
      const serialised = JSON.stringify(row);
      written[name].set(key, serialised);
      if (previous?.[name].get(key) === serialised) continue;
      changed.push(Object.fromEntries(t.columns.map((c) => [c.name, row[c.property] ?? null])));
    }
    // Rows to delete only when some this process wrote are gone (or it does not know what is there):
    // most refreshes change a row or two, and a board uses few of the tables.
    const gone = !previous || [...previous[name].keys()].some((key) => !written[name].has(key));
    // As text: a key may be a uuid column (a roadmap's focus board id), compared with the JSON's strings.
    const keyExpr = t.keyColumn ? `${id(t.keyColumn)}::text` : "''";
    if (gone)
      ctes.push(
        sql`${sql.raw(`d${i}`)} as (delete from ${sql.raw(id(t.name))} where board_id = ${boardId}::uuid and ${sql.raw(keyExpr)} not in (select jsonb_array_elements_text(${JSON.stringify([...written[name].keys()])}::jsonb)))`,
      );
    if (changed.length === 0) continue;
    const names = t.columns.map((c) => id(c.name)).join(", ");
    const types = t.columns.map((c) => `${id(c.name)} ${c.type}`).join(", ");
    const updates = t.columns
      .filter((c) => !t.primaryKey.includes(c.name))
      .map((c) => `${id(c.name)} = excluded.${id(c.name)}`)
      .join(", ");
    ctes.push(
      sql`${sql.raw(`u${i}`)} as (insert into ${sql.raw(`${id(t.name)} (${names})`)} select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) as r(${sql.raw(types)}) on conflict (${sql.raw(t.primaryKey.map(id).join(", "))}) do update set ${sql.raw(updates)})`,
    );
  }
  const head = ctes.length > 0 ? sql`with ${sql.join(ctes, sql`, `)} ` : sql``;
  await db.execute(sql`${head}insert into board_projections (board_id, seq) values (${boardId}::uuid, ${seq})
    on conflict (board_id) do update set seq = excluded.seq, projected_at = now()`);
  return written;
}
