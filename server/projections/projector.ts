/**
 * Keeps the SQL projections of board content in step with the documents, without ever crowding
 * out live editing:
 * - a changed board is refreshed 250 ms after its edits settle, at most 10 s behind during
 *   continuous editing, and not more than once a second;
 * - one refresh runs at a time, and after each the next waits nineteen times as long as it took
 *   (at most a twentieth of the time goes to projections: they are work the live boards do not need,
 *   and an embedded database holds up the write queue while it runs one), but never more than 2 s:
 *   one refresh slowed by a loaded machine or a database hiccup must not hold every board's overview
 *   back for minutes; when many boards wait, the longest-waiting goes first;
 * - a refresh reads the live room's document when the board is open, else storage, and writes
 *   only the rows that changed since this process last wrote them (write-rows.ts).
 * `catchUp` projects boards whose stored state moved on while no projection ran (a crash between
 * commit and refresh, a new migration); `rebuild` redoes every board.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import * as Y from "yjs";
import { PROJECTION_LOCK, tryBoardLock } from "../cluster/shared-compaction.js";
import type { Db } from "../db/client.js";
import { boardProjections, boards, docUpdates, projectedActions, projectedComments } from "../db/schema.js";
import { createDocStore } from "../docs/doc-store.js";
import type { Logger } from "../logger.js";
import { extractRows } from "./extract.js";
import { type WrittenRows, writeRows } from "./write-rows.js";

export interface LiveDoc {
  doc: Y.Doc;
  /** The highest update sequence of the board known to be stored. */
  seq: number;
}

/**
 * Actions whose owner was set or changed by a refresh (not a board's first projection), with who
 * wrote the board's updates since the last refresh (as far as the update log still has them).
 */
export type OwnersChanged = (
  board: { id: string; workspaceId: string; title: string },
  changes: { actionId: string; title: string; ownerId: string }[],
  authorIds: string[],
) => void;

/** People a refresh found newly mentioned in a comment (not on an earlier refresh, not by themselves). */
export type MentionsAdded = (
  board: { id: string; workspaceId: string; title: string },
  mentions: {
    commentId: string;
    targetId: string;
    targetKind: string;
    targetTitle: string;
    authorId: string;
    userIds: string[];
  }[],
) => void;

export interface ProjectorOptions {
  db: Db;
  logger?: Logger;
  quietMs?: number;
  maxWaitMs?: number;
  minIntervalMs?: number;
  /** After a refresh that took t ms, the next one starts no sooner than t × this… */
  pace?: number;
  /** …and no later than this after it. */
  maxPauseMs?: number;
  /**
   * Several processes write the boards (REDIS_URL): a refresh reads the board as stored (a live
   * room may lack another process's edits), writes whole rows (another process may have written
   * since), and runs under the board's advisory lock, one process at a time.
   */
  shared?: boolean;
}

/** Boards whose last written rows are remembered for difference writes. */
const REMEMBERED_BOARDS = 2_000;

export function createProjector({
  db,
  logger,
  quietMs = 250,
  maxWaitMs = 10_000,
  minIntervalMs = 1_000,
  pace = 19,
  maxPauseMs = 2_000,
  shared = false,
}: ProjectorOptions) {
  const store = createDocStore(db);
  let liveDoc: (boardId: string) => LiveDoc | undefined = () => undefined;
  let ownersChanged: OwnersChanged | null = null;
  let mentionsAdded: MentionsAdded | null = null;
  /** Boards waiting for a refresh: when it is due, and when they first changed since the last one. */
  const dirty = new Map<string, { dueAt: number; since: number }>();
  const lastDone = new Map<string, number>();
  const written = new Map<string, { rows: WrittenRows; seq: number }>();
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let notBefore = 0;
  let working = false;
  let stopped = false;

  async function projectNow(boardId: string): Promise<boolean> {
    if (!shared) return projectWith(db, boardId);
    const done = await db.transaction(async (tx) => {
      const q = tx as unknown as Db;
      return (await tryBoardLock(q, PROJECTION_LOCK, boardId)) ? projectWith(q, boardId) : null;
    });
    if (done === null) touch(boardId); // another process is refreshing it: once more after it
    return done ?? false;
  }

  async function projectWith(db: Db, boardId: string): Promise<boolean> {
    const [board] = await db
      .select({ id: boards.id, workspaceId: boards.workspaceId, kind: boards.kind, title: boards.title })
      .from(boards)
      .where(eq(boards.id, boardId));
    if (!board) {
      written.delete(boardId); // deleted: its rows went with it
      return false;
    }
    const { doc, seq, owned } = await documentOf(boardId, db);
    try {
      const rows = extractRows(board, doc);
      const last = shared ? undefined : written.get(boardId);
      written.delete(boardId); // unknown until this write succeeds; re-inserted last = most recent
      // What was projected before: as this process wrote it when it knows, else as stored.
      const owners =
        ownersChanged && board.kind === "focus" ? (last ? ownersIn(last) : await ownersBefore(db, boardId)) : null;
      const mentioned =
        mentionsAdded && rows.comments.length > 0
          ? last
            ? mentionsIn(last.rows)
            : await mentionsBefore(db, boardId)
          : null;
      const result = await writeRows(db, boardId, rows, seq, last?.rows);
      if (mentioned && mentionsAdded) {
        const found = rows.comments.flatMap((c) => {
          const before = mentioned.get(c.commentId) ?? [];
          const userIds = (c.mentions ?? []).filter((id) => !before.includes(id) && id !== c.authorId);
          if (userIds.length === 0) return [];
          const targetTitle = rows.search.find((e) => e.entryId === c.commentId)?.title ?? "";
          return [{ ...c, targetTitle, userIds }];
        });
        if (found.length > 0) mentionsAdded(board, found);
      }
      if (owners && ownersChanged) {
        const changes = rows.actions
          .filter((a) => a.ownerId && owners.get(a.actionId) !== a.ownerId)
          .map((a) => ({ actionId: a.actionId, title: a.title, ownerId: a.ownerId as string }));
        if (changes.length > 0) ownersChanged(board, changes, await authorsSince(db, boardId, owners.seq));
      }
      written.set(boardId, { rows: result, seq });
      if (written.size > REMEMBERED_BOARDS) written.delete(written.keys().next().value as string);
    } finally {
      if (owned) doc.destroy();
    }
    lastDone.set(boardId, Date.now());
    return true;
  }

  /** The owners as last projected; null for a board never projected (its first owners are no change). */
  async function ownersBefore(db: Db, boardId: string) {
    const [projected] = await db
      .select({ seq: boardProjections.seq })
      .from(boardProjections)
      .where(eq(boardProjections.boardId, boardId));
    if (!projected) return null;
    const rows = await db
      .select({ actionId: projectedActions.actionId, ownerId: projectedActions.ownerId })
      .from(projectedActions)
      .where(eq(projectedActions.boardId, boardId));
    const owners = new Map(rows.map((r) => [r.actionId, r.ownerId]));
    return Object.assign(owners, { seq: projected.seq });
  }

  /** ownersBefore, from the rows this process last wrote. */
  function ownersIn(last: { rows: WrittenRows; seq: number }) {
    const owners = new Map<string, string | null>();
    for (const [actionId, row] of last.rows.actions) owners.set(actionId, JSON.parse(row).ownerId ?? null);
    return Object.assign(owners, { seq: last.seq });
  }

  /** mentionsBefore, from the rows this process last wrote. */
  function mentionsIn(rows: WrittenRows): Map<string, string[]> {
    const mentions = new Map<string, string[]>();
    for (const [commentId, row] of rows.comments) mentions.set(commentId, JSON.parse(row).mentions ?? []);
    return mentions;
  }

  /** Whom each comment of the board mentioned as last projected. */
  async function mentionsBefore(db: Db, boardId: string): Promise<Map<string, string[]>> {
    const rows = await db
      .select({ commentId: projectedComments.commentId, mentions: projectedComments.mentions })
      .from(projectedComments)
      .where(eq(projectedComments.boardId, boardId));
    return new Map(rows.map((r) => [r.commentId, r.mentions]));
  }

  /** Who wrote the board's stored updates after `seq` (compacted ones are no longer known). */
  async function authorsSince(db: Db, boardId: string, seq: number): Promise<string[]> {
    const rows = await db
      .selectDistinct({ authorId: docUpdates.authorId })
      .from(docUpdates)
      .where(and(eq(docUpdates.boardId, boardId), gt(docUpdates.seq, seq)));
    return rows.flatMap((r) => (r.authorId ? [r.authorId] : []));
  }

  async function documentOf(boardId: string, q: Db = db, preferLive = !shared): Promise<LiveDoc & { owned: boolean }> {
    const live = preferLive ? liveDoc(boardId) : undefined;
    if (live) return { ...live, owned: false };
    const loaded = await (q === db ? store : createDocStore(q)).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return { doc, seq: loaded.lastSeq, owned: true };
  }

  /** Runs `task` after every earlier one; a failure is passed on and does not stop the line. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task, task);
    chain = run.catch(() => {});
    return run;
  }

  function touch(boardId: string) {
    if (stopped) return;
    const now = Date.now();
    const since = dirty.get(boardId)?.since ?? now;
    const settle = Math.min(now + quietMs, since + maxWaitMs);
    dirty.set(boardId, { dueAt: Math.max(settle, (lastDone.get(boardId) ?? 0) + minIntervalMs), since });
    arm();
  }

  function project(boardId: string): Promise<boolean> {
    dirty.delete(boardId);
    return serial(() => projectNow(boardId));
  }

  /** Sets the one timer for the next due board (or for when pacing allows). */
  function arm() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || working || dirty.size === 0) return;
    let due = Number.POSITIVE_INFINITY;
    for (const entry of dirty.values()) due = Math.min(due, entry.dueAt);
    timer = setTimeout(runDue, Math.max(0, due - Date.now(), notBefore - Date.now()));
    timer.unref();
  }

  function runDue() {
    timer = null;
    const now = Date.now();
    let next: string | null = null;
    let nextDue = Number.POSITIVE_INFINITY;
    for (const [id, entry] of dirty) {
      if (entry.dueAt <= now && entry.dueAt < nextDue) {
        next = id;
        nextDue = entry.dueAt;
      }
    }
    if (next === null) return arm();
    const boardId = next;
    working = true;
    const started = performance.now();
    project(boardId)
      .catch((err) => logger?.error({ err, boardId }, "projecting a board failed; it is retried on its next change"))
      .finally(() => {
        working = false;
        notBefore = Date.now() + Math.min((performance.now() - started) * pace, maxPauseMs);
        arm();
      });
  }

  return {
    /** How the realtime layer lends its live documents (so open boards are not read back from storage). */
    attachLive(fn: (boardId: string) => LiveDoc | undefined) {
      liveDoc = fn;
    },

    /** Who hears about actions whose owner a refresh found set or changed (notifications). */
    onOwnersChanged(fn: OwnersChanged) {
      ownersChanged = fn;
    },

    /** Who hears about people newly mentioned in comments (notifications). */
    onMentionsAdded(fn: MentionsAdded) {
      mentionsAdded = fn;
    },

    /** A copy of the board's current content: the live room's if loaded, else as stored. */
    async copyOf(boardId: string): Promise<Y.Doc> {
      const { doc, owned } = await documentOf(boardId, db, true);
      if (owned) return doc;
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return copy;
    },

    /** The board changed: refresh its projection once the changes settle. */
    touch,

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
      written.clear(); // whole rows, whatever this process believes was written
      const all = await db.select({ id: boards.id }).from(boards);
      for (const { id } of all) await project(id);
      return all.length;
    },

    /** Runs every pending refresh now and waits for them (tests, shutdown). */
    async flush(): Promise<void> {
      const ids = [...dirty.keys()];
      await Promise.allSettled(ids.map((id) => project(id)));
      await chain;
    },

    /** Stops scheduling; what is running finishes. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      dirty.clear();
      await chain;
    },

    get pending(): number {
      return dirty.size;
    },
  };
}

export type Projector = ReturnType<typeof createProjector>;
