/**
 * Keeps the SQL projections of board content in step with the documents. A board's projection is
 * refreshed shortly after its edits settle (250 ms quiet, at most 2 s behind during continuous
 * editing), from the live room's document when the board is open, else from storage. Each refresh
 * replaces all of the board's rows in one transaction. One refresh runs at a time, so a busy
 * meeting cannot crowd out the database. `catchUp` projects boards whose stored state moved on
 * while no projection ran (a crash between commit and refresh, a new migration); `rebuild` redoes
 * every board.
 */
import { eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../db/client.js";
import {
  boardProjections,
  boards,
  projectedActions,
  projectedDecisions,
  projectedGoals,
  projectedMeetings,
  searchEntries,
} from "../db/schema.js";
import { createDocStore } from "../docs/doc-store.js";
import type { Logger } from "../logger.js";
import { type BoardRecord, extractRows } from "./extract.js";

export interface LiveDoc {
  doc: Y.Doc;
  /** The highest update sequence of the board known to be stored. */
  seq: number;
}

export interface ProjectorOptions {
  db: Db;
  logger?: Logger;
  quietMs?: number;
  maxWaitMs?: number;
}

const CHUNK = 500;

export function createProjector({ db, logger, quietMs = 250, maxWaitMs = 2_000 }: ProjectorOptions) {
  const store = createDocStore(db);
  let liveDoc: (boardId: string) => LiveDoc | undefined = () => undefined;
  const timers = new Map<string, { timer: NodeJS.Timeout; since: number }>();
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function projectNow(boardId: string): Promise<boolean> {
    const [board] = await db
      .select({ id: boards.id, workspaceId: boards.workspaceId, kind: boards.kind, title: boards.title })
      .from(boards)
      .where(eq(boards.id, boardId));
    if (!board) return false; // deleted: its rows went with it
    const { doc, seq, owned } = await documentOf(boardId);
    try {
      await write(board, extractRows(board, doc), seq);
    } finally {
      if (owned) doc.destroy();
    }
    return true;
  }

  async function documentOf(boardId: string): Promise<LiveDoc & { owned: boolean }> {
    const live = liveDoc(boardId);
    if (live) return { ...live, owned: false };
    const loaded = await store.load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return { doc, seq: loaded.lastSeq, owned: true };
  }

  async function write(board: BoardRecord, rows: ReturnType<typeof extractRows>, seq: number) {
    await db.transaction(async (tx) => {
      for (const table of [projectedActions, projectedGoals, projectedMeetings, projectedDecisions, searchEntries]) {
        await tx.delete(table).where(eq(table.boardId, board.id));
      }
      const insert = async <T>(table: Parameters<typeof tx.insert>[0], values: T[]) => {
        for (let i = 0; i < values.length; i += CHUNK) {
          await tx.insert(table).values(values.slice(i, i + CHUNK) as never);
        }
      };
      await insert(projectedActions, rows.actions);
      await insert(projectedGoals, rows.goals);
      await insert(projectedMeetings, rows.meetings);
      await insert(projectedDecisions, rows.decisions);
      await insert(searchEntries, rows.search);
      await tx
        .insert(boardProjections)
        .values({ boardId: board.id, seq })
        .onConflictDoUpdate({ target: boardProjections.boardId, set: { seq, projectedAt: sql`now()` } });
    });
  }

  /** Runs `task` after every earlier one; a failure is logged and does not stop the line. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task, task);
    chain = run.catch(() => {});
    return run;
  }

  function project(boardId: string): Promise<boolean> {
    return serial(() => projectNow(boardId));
  }

  function fire(boardId: string) {
    timers.delete(boardId);
    if (stopped) return;
    project(boardId).catch((err) =>
      logger?.error({ err, boardId }, "projecting a board failed; it is retried on its next change"),
    );
  }

  return {
    /** How the realtime layer lends its live documents (so open boards are not read back from storage). */
    attachLive(fn: (boardId: string) => LiveDoc | undefined) {
      liveDoc = fn;
    },

    /** The board changed: refresh its projection once the changes settle. */
    touch(boardId: string) {
      if (stopped) return;
      const now = Date.now();
      const pending = timers.get(boardId);
      if (pending) clearTimeout(pending.timer);
      const since = pending?.since ?? now;
      const wait = Math.max(0, Math.min(quietMs, since + maxWaitMs - now));
      const timer = setTimeout(() => fire(boardId), wait);
      timer.unref();
      timers.set(boardId, { timer, since });
    },

    /** Refreshes one board now (after any refresh already running). */
    project,

    /** Projects every board whose stored state is ahead of its projection; returns how many. */
    async catchUp(): Promise<number> {
      const stale = await db.execute<{ id: string }>(sql`
        select b.id from ${boards} b
        left join ${boardProjections} p on p.board_id = b.id
        where p.board_id is null
           or p.seq < greatest(
             coalesce((select max(u.seq) from doc_updates u where u.board_id = b.id), 0),
             coalesce((select s.seq from doc_snapshots s where s.board_id = b.id), 0))`);
      const ids = (Array.isArray(stale) ? stale : (stale as { rows: { id: string }[] }).rows).map((r) => r.id);
      for (const id of ids) await project(id);
      return ids.length;
    },

    /** Rebuilds the projections of every board from its document; returns how many. */
    async rebuild(): Promise<number> {
      const all = await db.select({ id: boards.id }).from(boards);
      for (const { id } of all) await project(id);
      return all.length;
    },

    /** Runs every pending refresh now and waits for them (tests, shutdown). */
    async flush(): Promise<void> {
      const ids = [...timers.keys()];
      for (const id of ids) {
        clearTimeout(timers.get(id)?.timer);
        timers.delete(id);
      }
      await Promise.allSettled(ids.map((id) => project(id)));
      await chain;
    },

    /** Stops scheduling; what is running finishes. */
    async stop(): Promise<void> {
      stopped = true;
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
      await chain;
    },

    get pending(): number {
      return timers.size;
    },
  };
}

export type Projector = ReturnType<typeof createProjector>;
