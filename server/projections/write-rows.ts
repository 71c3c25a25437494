/**
 * Writes one board's projection rows, as a difference from what this process last wrote for it:
 * rows that disappeared or changed are deleted by key, changed and new rows inserted. A board not
 * written before in this process (or whose last write failed) is replaced whole. A card's title
 * edit thus costs two small statements instead of clearing and refilling five tables.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import {
  boardProjections,
  projectedActions,
  projectedDecisions,
  projectedGoals,
  projectedMeetings,
  searchEntries,
} from "../db/schema.js";
import type { ProjectionRows } from "./extract.js";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const TABLES = {
  actions: { table: projectedActions, key: projectedActions.actionId, keyOf: (r: { actionId: string }) => r.actionId },
  goals: { table: projectedGoals, key: projectedGoals.goalId, keyOf: (r: { goalId: string }) => r.goalId },
  meetings: { table: projectedMeetings, key: null, keyOf: () => "" },
  decisions: {
    table: projectedDecisions,
    key: projectedDecisions.decisionId,
    keyOf: (r: { decisionId: string }) => r.decisionId,
  },
  search: { table: searchEntries, key: searchEntries.entryId, keyOf: (r: { entryId: string }) => r.entryId },
} as const;
type TableName = keyof typeof TABLES;
const NAMES = Object.keys(TABLES) as TableName[];

/** What was written for a board: per table, row key → serialised row. */
export type WrittenRows = Record<TableName, Map<string, string>>;

const CHUNK = 500;

function serialise(rows: ProjectionRows): { written: WrittenRows; byKey: Record<TableName, Map<string, object>> } {
  const written = {} as WrittenRows;
  const byKey = {} as Record<TableName, Map<string, object>>;
  for (const name of NAMES) {
    written[name] = new Map();
    byKey[name] = new Map();
    for (const row of rows[name] as object[]) {
      const key = (TABLES[name].keyOf as (r: object) => string)(row);
      written[name].set(key, JSON.stringify(row));
      byKey[name].set(key, row);
    }
  }
  return { written, byKey };
}

export async function writeRows(
  db: Db,
  boardId: string,
  rows: ProjectionRows,
  seq: number,
  previous: WrittenRows | undefined,
): Promise<WrittenRows> {
  const { written, byKey } = serialise(rows);
  await db.transaction(async (tx) => {
    for (const name of NAMES) {
      const { table, key } = TABLES[name];
      const before = previous?.[name];
      const now = written[name];
      let insert: object[];
      if (!before) {
        await tx.delete(table).where(eq(table.boardId, boardId));
        insert = [...byKey[name].values()];
      } else {
        const stale = [...before.keys()].filter((k) => now.get(k) !== before.get(k));
        const fresh = [...now.keys()].filter((k) => now.get(k) !== before.get(k));
        if (stale.length > 0) await deleteKeys(tx, name, boardId, stale);
        insert = fresh.map((k) => byKey[name].get(k) as object);
        if (key === null && stale.length === 0 && fresh.length === 0) continue;
      }
      for (let i = 0; i < insert.length; i += CHUNK) {
        await tx.insert(table).values(insert.slice(i, i + CHUNK) as never);
      }
    }
    await tx
      .insert(boardProjections)
      .values({ boardId, seq })
      .onConflictDoUpdate({ target: boardProjections.boardId, set: { seq, projectedAt: sql`now()` } });
  });
  return written;
}

async function deleteKeys(tx: Tx, name: TableName, boardId: string, keys: string[]) {
  const { table, key } = TABLES[name];
  if (key === null) {
    await tx.delete(table).where(eq(table.boardId, boardId));
    return;
  }
  for (let i = 0; i < keys.length; i += CHUNK) {
    await tx.delete(table).where(and(eq(table.boardId, boardId), inArray(key, keys.slice(i, i + CHUNK))));
  }
}
