/**
 * Compaction when several processes write one board. A room's own document may lack what another
 * process stored a moment ago, and its sequence numbers say nothing about the other processes'
 * rows; so the snapshot is built from the database itself, in one transaction: the stored snapshot
 * plus every log row, folded, and exactly those rows deleted. One process at a time per board, by
 * a PostgreSQL advisory lock taken for the transaction; a process that does not get it leaves the
 * compaction to the one that has it (its rows are folded now or by the next compaction).
 */
import { and, eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../db/client.js";
import { docSnapshots, docUpdates } from "../db/schema.js";
import type { DocStore } from "../docs/doc-store.js";
import { type HistoryOptions, prepareVersion, writeVersion } from "../history/record-version.js";
import { packState } from "../history/state-codec.js";

/** First key of the advisory locks this code takes (the second is the board's hash). */
export const COMPACTION_LOCK = 0x53564b01;
export const PROJECTION_LOCK = 0x53564b02;

/** `store` with compaction done from the database under the board's lock. */
export function sharedCompaction(db: Db, store: DocStore, history: HistoryOptions): DocStore {
  return {
    ...store,
    compact: async (boardId, _state, _uptoSeq, options = {}) => {
      await compactFromLog(db, boardId, options.sessionEnd ?? false, history);
    },
  };
}

/** Whether this transaction got the board's advisory lock under `key`. */
export async function tryBoardLock(tx: Db, key: number, boardId: string): Promise<boolean> {
  const result = await tx.execute<{ ok: boolean }>(
    sql`select pg_try_advisory_xact_lock(${key}::int, hashtext(${boardId})) as ok`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: { ok: boolean }[] }).rows;
  return rows[0]?.ok === true;
}

/** Returns false when another process holds the board's compaction lock. */
export async function compactFromLog(
  db: Db,
  boardId: string,
  sessionEnd: boolean,
  history: HistoryOptions,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const q = tx as unknown as Db;
    if (!(await tryBoardLock(q, COMPACTION_LOCK, boardId))) return false;
    const [snapshot] = await q
      .select({ seq: docSnapshots.seq, state: docSnapshots.state })
      .from(docSnapshots)
      .where(eq(docSnapshots.boardId, boardId));
    const log = await q
      .select({ seq: docUpdates.seq, update: docUpdates.update })
      .from(docUpdates)
      .where(eq(docUpdates.boardId, boardId))
      .orderBy(docUpdates.seq);
    if (log.length === 0) {
      if (sessionEnd) await writeVersion(q, boardId, null, null, snapshot?.seq ?? 0, true, history);
      return true;
    }
    const doc = new Y.Doc();
    try {
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const row of log) Y.applyUpdate(doc, row.update);
      const state = Y.encodeStateAsUpdate(doc);
      const upto = log.reduce((max, r) => Math.max(max, r.seq), snapshot?.seq ?? 0);
      const version = await prepareVersion(q, boardId, upto);
      const packed = version ? await packState(Y.encodeStateAsUpdateV2(doc)) : null;
      await writeVersion(q, boardId, version, packed, upto, sessionEnd, history);
      await q
        .insert(docSnapshots)
        .values({ boardId, seq: upto, state })
        .onConflictDoUpdate({ target: docSnapshots.boardId, set: { seq: upto, state, updatedAt: sql`now()` } });
      // Exactly the rows folded (one array parameter, however many): not "up to a seq".
      const folded = `{${log.map((r) => r.seq).join(",")}}`;
      await q
        .delete(docUpdates)
        .where(and(eq(docUpdates.boardId, boardId), sql`${docUpdates.seq} = any(${folded}::bigint[])`));
      return true;
    } finally {
      doc.destroy();
    }
  });
}
