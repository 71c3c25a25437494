/**
 * Keeping history when the log is compacted: before the log rows are deleted, the rows being
 * folded are replayed on the previous snapshot, person by person, and what each changed is kept
 * with the new state as a version (board_versions), written in the compaction's transaction.
 * Versions older than the retention period are dropped in the same transaction.
 */
import { and, desc, eq, gt, lt, lte } from "drizzle-orm";
import * as Y from "yjs";
import type { BoardKind } from "../../shared/boards/spec.js";
import type { HistoryChange } from "../../shared/history/changes.js";
import type { Db } from "../db/client.js";
import { boards, boardVersions, docSnapshots, docUpdates } from "../db/schema.js";
import { diffReadings, foldChanges } from "./diff.js";
import { LAYOUTS, readEntries, readEntry, touchedEntries } from "./quick-read.js";

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
export const MAX_RUNS = 500;

interface LogRow {
  seq: number;
  update: Uint8Array;
  authorId: string | null;
  createdAt: Date;
}

/**
 * The people behind a version, in order of first change. The server's own updates (a board
 * stamped with its layout on load: author null) count only when nobody else changed anything.
 */
export function authorsOf(earlier: (string | null)[], more: (string | null)[]): (string | null)[] {
  const all = [...new Set([...earlier, ...more])];
  const people = all.filter((id) => id !== null);
  return people.length > 0 ? people : all;
}

/** What a compaction will keep as history, worked out before its transaction (it reads and replays the log). */
export interface PreparedVersion {
  authors: (string | null)[];
  changes: HistoryChange[];
  startedAt: Date;
  endedAt: Date;
}

/**
 * Reads the log rows a compaction up to `uptoSeq` will fold and describes them; null when there
 * are none (nothing changed since the last snapshot). Outside the compaction's transaction: the
 * replay is CPU work that must not hold the database (PGlite has one connection), and nobody
 * else deletes a board's log rows (only its room compacts it, never two at once).
 */
export async function prepareVersion(db: Db, boardId: string, uptoSeq: number): Promise<PreparedVersion | null> {
  const [board] = await db.select({ kind: boards.kind }).from(boards).where(eq(boards.id, boardId));
  if (!board) return null;
  const [snapshot] = await db
    .select({ seq: docSnapshots.seq, state: docSnapshots.state })
    .from(docSnapshots)
    .where(eq(docSnapshots.boardId, boardId));
  const rows: LogRow[] = await db
    .select({
      seq: docUpdates.seq,
      update: docUpdates.update,
      authorId: docUpdates.authorId,
      createdAt: docUpdates.createdAt,
    })
    .from(docUpdates)
    .where(and(eq(docUpdates.boardId, boardId), gt(docUpdates.seq, snapshot?.seq ?? 0), lte(docUpdates.seq, uptoSeq)))
    .orderBy(docUpdates.seq);
  if (rows.length === 0) return null;
  return {
    authors: authorsOf(
      [],
      rows.map((r) => r.authorId),
    ),
    changes: await describeRows(board.kind, snapshot?.state ?? null, rows),
    startedAt: (rows[0] as LogRow).createdAt,
    endedAt: (rows[rows.length - 1] as LogRow).createdAt,
  };
}

/**
 * In the compaction's transaction: the prepared changes become a new version, or fold into the
 * open one when it started less than the version interval ago; `sessionEnd` closes it. Versions
 * past the retention go.
 */
export async function writeVersion(
  tx: Db,
  boardId: string,
  prepared: PreparedVersion | null,
  /** The board's state as stored in a version (state-codec.ts); null exactly when `prepared` is. */
  state: Uint8Array | null,
  uptoSeq: number,
  sessionEnd: boolean,
  options: HistoryOptions,
): Promise<void> {
  const [latest] = await tx
    .select()
    .from(boardVersions)
    .where(eq(boardVersions.boardId, boardId))
    .orderBy(desc(boardVersions.endedAt))
    .limit(1);
  if (!prepared || !state) {
    if (sessionEnd && latest?.open)
      await tx.update(boardVersions).set({ open: false }).where(eq(boardVersions.id, latest.id));
    return;
  }
  if (latest?.open && prepared.startedAt.getTime() - latest.startedAt.getTime() < options.versionIntervalMs) {
    const list = [...latest.changes];
    const overflow = foldChanges(list, prepared.changes);
    await tx
      .update(boardVersions)
      .set({
        seq: uptoSeq,
        state,
        authorIds: authorsOf(latest.authorIds, prepared.authors),
        changes: list,
        moreChanges: latest.moreChanges + overflow,
        endedAt: prepared.endedAt,
        open: !sessionEnd,
      })
      .where(eq(boardVersions.id, latest.id));
  } else {
    if (latest?.open) await tx.update(boardVersions).set({ open: false }).where(eq(boardVersions.id, latest.id));
    const list: HistoryChange[] = [];
    const overflow = foldChanges(list, prepared.changes);
    await tx.insert(boardVersions).values({
      boardId,
      seq: uptoSeq,
      state,
      authorIds: prepared.authors,
      changes: list,
      moreChanges: overflow,
      startedAt: prepared.startedAt,
      endedAt: prepared.endedAt,
      open: !sessionEnd,
    });
  }
  const cutoff = new Date(Date.now() - options.retentionMs);
  await tx.delete(boardVersions).where(and(eq(boardVersions.boardId, boardId), lt(boardVersions.endedAt, cutoff)));
}

/** Replaying yields to the event loop this often, so a long log never holds up the board's members. */
const SLICE_MS = 5;

/**
 * The changes the rows make, run by run of one author; never throws (history must not stop a
 * compaction). About 0.1 ms per run on a card with a page of text, in slices of SLICE_MS.
 */
export async function describeRows(
  kind: BoardKind,
  snapshot: Uint8Array | null,
  rows: { update: Uint8Array; authorId: string | null }[],
): Promise<HistoryChange[]> {
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
    // Only what each run touched is read again: a card moved on a board of 500 is one card read.
    const layout = LAYOUTS[kind];
    let fields = layout.fields(doc);
    const entries = readEntries(doc, kind);
    const changes: HistoryChange[] = [];
    let slice = performance.now();
    for (const run of joined) {
      if (performance.now() - slice > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      let touched: ReturnType<typeof touchedEntries> = { entries: new Set(), roots: new Set() };
      doc.transact((tr) => {
        for (const update of run.updates) Y.applyUpdate(doc, update);
        touched = touchedEntries(doc, tr);
      });
      if (layout.fieldRoots.some((r) => touched.roots.has(r))) {
        const now = layout.fields(doc);
        changes.push(...diffReadings({ fields, items: [] }, { fields: now, items: [] }, run.by));
        fields = now;
      }
      for (const key of touched.entries) {
        if (!((key.split("\u0000")[0] as string) in layout.itemRoots)) continue;
        const after = readEntry(doc, kind, key);
        changes.push(
          ...diffReadings({ fields: {}, items: entries.get(key) ?? [] }, { fields: {}, items: after }, run.by),
        );
        if (after.length > 0) entries.set(key, after);
        else entries.delete(key);
      }
    }
    return changes;
  } catch {
    return [];
  } finally {
    doc.destroy();
  }
}
