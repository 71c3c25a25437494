/**
 * Keeping history when the log is compacted: inside the compaction's transaction, before the log
 * rows are deleted, the rows being folded are replayed on the previous snapshot, person by person,
 * and what each changed is kept with the new state as a version (board_versions). Versions older
 * than the retention period are dropped in the same transaction.
 */
import { and, desc, eq, gt, lt, lte } from "drizzle-orm";
import * as Y from "yjs";
import type { BoardKind } from "../../shared/boards/spec.js";
import type { HistoryChange } from "../../shared/history/changes.js";
import type { Db } from "../db/client.js";
import { boards, boardVersions, docSnapshots, docUpdates } from "../db/schema.js";
import { diffReadings, foldChanges } from "./diff.js";
import { readBoard } from "./reading.js";

export interface HistoryOptions {
  /** Versions whose last change is older than this are dropped (HISTORY_RETENTION_DAYS). */
  retentionMs: number;
  /** A version takes in the compactions of this long from its first change; then a new one starts. */
  versionIntervalMs: number;
}

export const DEFAULT_HISTORY: HistoryOptions = { retentionMs: 90 * 86_400_000, versionIntervalMs: 10 * 60_000 };

/**
 * Replaying is capped: a compaction of more than this many runs of one person's updates compares
 * the board only at this many points (later runs joined, each credited to its last author).
 */
export const MAX_RUNS = 100;

interface LogRow {
  seq: number;
  update: Uint8Array;
  authorId: string | null;
  createdAt: Date;
}

export async function recordVersion(
  tx: Db,
  boardId: string,
  state: Uint8Array,
  uptoSeq: number,
  sessionEnd: boolean,
  options: HistoryOptions,
): Promise<void> {
  const [board] = await tx.select({ kind: boards.kind }).from(boards).where(eq(boards.id, boardId));
  if (!board) return;
  const [snapshot] = await tx
    .select({ seq: docSnapshots.seq, state: docSnapshots.state })
    .from(docSnapshots)
    .where(eq(docSnapshots.boardId, boardId));
  const rows: LogRow[] = await tx
    .select({
      seq: docUpdates.seq,
      update: docUpdates.update,
      authorId: docUpdates.authorId,
      createdAt: docUpdates.createdAt,
    })
    .from(docUpdates)
    .where(and(eq(docUpdates.boardId, boardId), gt(docUpdates.seq, snapshot?.seq ?? 0), lte(docUpdates.seq, uptoSeq)))
    .orderBy(docUpdates.seq);

  const [latest] = await tx
    .select()
    .from(boardVersions)
    .where(eq(boardVersions.boardId, boardId))
    .orderBy(desc(boardVersions.endedAt))
    .limit(1);
  if (rows.length === 0) {
    if (sessionEnd && latest?.open)
      await tx.update(boardVersions).set({ open: false }).where(eq(boardVersions.id, latest.id));
    return;
  }

  const changes = describeRows(board.kind, snapshot?.state ?? null, rows);
  const authors = [...new Set(rows.map((r) => r.authorId))];
  const first = rows[0] as LogRow;
  const last = rows[rows.length - 1] as LogRow;
  if (latest?.open && first.createdAt.getTime() - latest.startedAt.getTime() < options.versionIntervalMs) {
    const list = [...latest.changes];
    const overflow = foldChanges(list, changes);
    await tx
      .update(boardVersions)
      .set({
        seq: uptoSeq,
        state,
        authorIds: [...new Set([...latest.authorIds, ...authors])],
        changes: list,
        moreChanges: latest.moreChanges + overflow,
        endedAt: last.createdAt,
        open: !sessionEnd,
      })
      .where(eq(boardVersions.id, latest.id));
  } else {
    if (latest?.open) await tx.update(boardVersions).set({ open: false }).where(eq(boardVersions.id, latest.id));
    const list: HistoryChange[] = [];
    const overflow = foldChanges(list, changes);
    await tx.insert(boardVersions).values({
      boardId,
      seq: uptoSeq,
      state,
      authorIds: authors,
      changes: list,
      moreChanges: overflow,
      startedAt: first.createdAt,
      endedAt: last.createdAt,
      open: !sessionEnd,
    });
  }
  const cutoff = new Date(Date.now() - options.retentionMs);
  await tx.delete(boardVersions).where(and(eq(boardVersions.boardId, boardId), lt(boardVersions.endedAt, cutoff)));
}

/** The changes the rows make, run by run of one author; never throws (history must not stop a compaction). */
export function describeRows(
  kind: BoardKind,
  snapshot: Uint8Array | null,
  rows: { update: Uint8Array; authorId: string | null }[],
): HistoryChange[] {
  const runs: { by: string | null; updates: Uint8Array[] }[] = [];
  for (const row of rows) {
    const run = runs[runs.length - 1];
    if (run && run.by === row.authorId) run.updates.push(row.update);
    else runs.push({ by: row.authorId, updates: [row.update] });
  }
  // Over the cap: neighbouring runs are joined so that the board is read at most MAX_RUNS + 1 times.
  const per = Math.ceil(runs.length / MAX_RUNS);
  const joined =
    per <= 1
      ? runs
      : Array.from({ length: Math.ceil(runs.length / per) }, (_, i) => {
          const part = runs.slice(i * per, (i + 1) * per);
          return { by: (part[part.length - 1] as (typeof runs)[number]).by, updates: part.flatMap((r) => r.updates) };
        });
  const doc = new Y.Doc({ gc: true });
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    let before = readBoard(doc, kind);
    const changes: HistoryChange[] = [];
    for (const run of joined) {
      doc.transact(() => {
        for (const update of run.updates) Y.applyUpdate(doc, update);
      });
      const after = readBoard(doc, kind);
      changes.push(...diffReadings(before, after, run.by));
      before = after;
    }
    return changes;
  } catch {
    return [];
  } finally {
    doc.destroy();
  }
}
