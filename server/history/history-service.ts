/**
 * Reading and using a board's history: its versions newest first, one version's content, the
 * changes that touched one item, restoring a version as a new change, and forgetting versions
 * whose text must not be kept (an identity number removed from the board).
 */
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import * as Y from "yjs";
import type {
  HistoryPage,
  ItemHistoryAnswer,
  People,
  RestoreAnswer,
  VersionAnswer,
  VersionSummary,
} from "../../shared/api/history.js";
import type { BoardKind } from "../../shared/boards/spec.js";
import { changeTexts, type HistoryChange } from "../../shared/history/changes.js";
import type { Db } from "../db/client.js";
import { boards, boardVersions, users } from "../db/schema.js";
import type { BoardEditor } from "../docs/board-editor.js";
import { conflict, notFound } from "../errors.js";
import type { Audit } from "../services/audit.js";
import { createEditConflicts } from "./edit-conflicts.js";
import { readBoard, readingText } from "./reading.js";
import { replaceContent } from "./restore-content.js";
import { applyPackedState } from "./state-codec.js";

export interface HistoryBoard {
  id: string;
  kind: BoardKind;
  workspaceId: string;
}

type VersionRow = typeof boardVersions.$inferSelect;

const summary = (v: Omit<VersionRow, "state">): VersionSummary => ({
  id: v.id,
  startedAt: v.startedAt.toISOString(),
  endedAt: v.endedAt.toISOString(),
  authorIds: v.authorIds,
  changes: v.changes,
  moreChanges: v.moreChanges,
});

const summaryColumns = {
  id: boardVersions.id,
  boardId: boardVersions.boardId,
  seq: boardVersions.seq,
  authorIds: boardVersions.authorIds,
  changes: boardVersions.changes,
  moreChanges: boardVersions.moreChanges,
  startedAt: boardVersions.startedAt,
  endedAt: boardVersions.endedAt,
  open: boardVersions.open,
};

function withDoc<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc({ gc: true });
  try {
    applyPackedState(doc, state);
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Every text a stored version holds: the board read as the app shows it (rich text as plain
 * text), and every value of every root as JSON (so nothing the reading leaves out escapes).
 */
function versionText(state: Uint8Array, kind: BoardKind): string {
  return withDoc(state, (doc) => {
    const raw = [...doc.share.keys()].map((name) => JSON.stringify(doc.getMap(name).toJSON()));
    return [readingText(readBoard(doc, kind)), ...raw].join("\n");
  });
}

export function createHistory(deps: {
  db: Db;
  audit: Audit;
  boardEditor: BoardEditor;
  isLocked: (boardId: string) => Promise<boolean>;
  retentionMs: number;
}) {
  const { db, audit, boardEditor } = deps;
  /** Edits that lost a conflict (edit-conflicts.ts), shown with an item's history. */
  const conflicts = createEditConflicts(db);

  /** Names of the people these changes mention: their authors and the owners they were given. */
  async function people(ids: Iterable<string | null>): Promise<People> {
    const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
    if (wanted.length === 0) return {};
    const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
    return Object.fromEntries(rows.map((r) => [r.id, r.name]));
  }
  const mentioned = (changes: HistoryChange[]) => changes.flatMap((c) => [c.by, c.kind === "assigned" ? c.to : null]);

  async function version(boardId: string, versionId: string): Promise<VersionRow> {
    const [row] = await db
      .select()
      .from(boardVersions)
      .where(and(eq(boardVersions.boardId, boardId), eq(boardVersions.id, versionId)));
    if (!row) throw notFound("Version");
    return row;
  }

  return {
    /** Keeps the edits a room reports Yjs dropped in a conflict (server/realtime/lost-writes.ts). */
    recordConflicts: conflicts.record,

    /** Versions of a board, newest first, `limit` at a time; `before` is the previous page's `next`. */
    async list(boardId: string, query: { limit: number; before?: string | undefined }): Promise<HistoryPage> {
      const rows = await db
        .select(summaryColumns)
        .from(boardVersions)
        .where(
          and(
            eq(boardVersions.boardId, boardId),
            query.before ? lt(boardVersions.endedAt, new Date(query.before)) : undefined,
          ),
        )
        .orderBy(desc(boardVersions.endedAt), desc(boardVersions.seq))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      return {
        versions: page.map(summary),
        retentionDays: Math.round(deps.retentionMs / 86_400_000),
        people: await people(page.flatMap((v) => [...v.authorIds, ...mentioned(v.changes)])),
        next: rows.length > query.limit ? (page[page.length - 1] as VersionRow).endedAt.toISOString() : null,
      };
    },

    /** One version: what changed in it and the board as it was, as text for a read-only view. */
    async get(board: HistoryBoard, versionId: string): Promise<VersionAnswer> {
      const row = await version(board.id, versionId);
      return {
        version: summary(row),
        content: withDoc(row.state, (doc) => readBoard(doc, board.kind)),
        people: await people([...row.authorIds, ...mentioned(row.changes)]),
      };
    },

    /** Every recorded change of one item (a card, a goal, an agenda item …), newest first. */
    async item(boardId: string, itemId: string): Promise<ItemHistoryAnswer> {
      const rows = await db
        .select({ id: boardVersions.id, endedAt: boardVersions.endedAt, changes: boardVersions.changes })
        .from(boardVersions)
        .where(
          and(
            eq(boardVersions.boardId, boardId),
            sql`${boardVersions.changes} @> ${JSON.stringify([{ itemId }])}::jsonb`,
          ),
        )
        .orderBy(desc(boardVersions.endedAt))
        .limit(100);
      const entries = rows.flatMap((r) =>
        r.changes
          .filter((c) => c.kind !== "fieldEdited" && c.itemId === itemId)
          .reverse()
          .map((change) => ({ versionId: r.id, at: r.endedAt.toISOString(), change })),
      );
      const lost = await conflicts.forItem(boardId, itemId);
      // An item with no recorded change (never there, or only changed before the retention period).
      if (entries.length === 0 && lost.length === 0) throw notFound("Item history");
      return {
        entries,
        conflicts: lost,
        people: await people([
          ...entries.flatMap((e) => mentioned([e.change])),
          ...lost.flatMap((c) => [c.lostBy, c.keptBy]),
        ]),
      };
    },

    /**
     * Makes the board what the version held, as a new change by `actorId` made through the live
     * room (everyone on the board sees it at once); the log and the other versions stay as they
     * are. Refused for minutes that are closed, approved or sealed.
     */
    async restore(
      actor: { id: string; ip: string | null },
      board: HistoryBoard,
      versionId: string,
    ): Promise<RestoreAnswer> {
      if (board.kind === "minutes" && (await deps.isLocked(board.id))) {
        throw conflict("board_locked", "These minutes are closed for approval or sealed; they cannot be changed.");
      }
      const row = await version(board.id, versionId);
      const target = new Y.Doc({ gc: true });
      try {
        applyPackedState(target, row.state);
        await boardEditor.edit(board.id, board.kind, actor.id, (doc) => replaceContent(doc, target, board.kind));
        // The change itself is stored by the room's write queue; this is the only SQL write here.
        await audit({
          action: "board.restored",
          actorId: actor.id,
          workspaceId: board.workspaceId,
          targetType: "board",
          targetId: board.id,
          ip: actor.ip,
          data: { versionId: row.id, versionEndedAt: row.endedAt.toISOString() },
        });
        return { restored: { versionId: row.id }, content: readBoard(target, board.kind) };
      } finally {
        target.destroy();
      }
    },

    /**
     * Drops every stored version of the board whose text (its content, or the titles its changes
     * name) `matches`, e.g. one holding a personal identity number that was removed from the
     * board. Runs in `tx` when given. Returns how many versions were dropped.
     */
    async forget(boardId: string, matches: (text: string) => boolean, tx: Db = db): Promise<number> {
      const rows = await tx
        .select({ id: boardVersions.id, state: boardVersions.state, changes: boardVersions.changes })
        .from(boardVersions)
        .where(eq(boardVersions.boardId, boardId));
      if (rows.length === 0) return conflicts.forget(boardId, matches, tx).then(() => 0);
      const [board] = await tx.select({ kind: boards.kind }).from(boards).where(eq(boards.id, boardId));
      const kind = board?.kind ?? "focus";
      const doomed = rows
        .filter((r) => matches([versionText(r.state, kind), ...r.changes.flatMap(changeTexts)].join("\n")))
        .map((r) => r.id);
      if (doomed.length > 0) await tx.delete(boardVersions).where(inArray(boardVersions.id, doomed));
      await conflicts.forget(boardId, matches, tx);
      return doomed.length;
    },

    /** Drops versions of every board whose last change is older than the retention period. */
    async prune(now = new Date()): Promise<number> {
      const gone = await db
        .delete(boardVersions)
        .where(lt(boardVersions.endedAt, new Date(now.getTime() - deps.retentionMs)))
        .returning({ id: boardVersions.id });
      await conflicts.prune(new Date(now.getTime() - deps.retentionMs));
      return gone.length;
    },
  };
}

export type History = ReturnType<typeof createHistory>;
