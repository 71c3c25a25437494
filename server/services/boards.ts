/** Board records (kind, title, archive). Their content lives in Yjs documents, not here. */
import { and, asc, eq, isNull } from "drizzle-orm";
import type { BoardKind } from "../../shared/api/workspaces.js";
import type { Db } from "../db/client.js";
import { boards, docUpdates } from "../db/schema.js";
import type { Projector } from "../projections/projector.js";
import type { AccessEvents } from "./access-events.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";

type BoardRow = typeof boards.$inferSelect;

export function boardView(board: BoardRow) {
  return {
    id: board.id,
    workspaceId: board.workspaceId,
    kind: board.kind,
    title: board.title,
    createdAt: board.createdAt,
    updatedAt: board.updatedAt,
  };
}

export function createBoards(db: Db, audit: Audit, now: Clock, events: AccessEvents, projections: Projector) {
  return {
    async list(workspaceId: string) {
      const rows = await db
        .select()
        .from(boards)
        .where(and(eq(boards.workspaceId, workspaceId), isNull(boards.archivedAt)))
        .orderBy(asc(boards.kind), asc(boards.title));
      return rows.map(boardView);
    },

    /** `content`, when given, is the board's first stored update (a carried-over agenda). */
    async create(
      actorId: string,
      workspaceId: string,
      input: { kind: BoardKind; title: string },
      content?: Uint8Array,
    ) {
      const at = now();
      const board = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(boards)
          .values({
            workspaceId,
            kind: input.kind,
            title: input.title,
            createdBy: actorId,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        if (!row) throw new Error("insert returned no row");
        if (content)
          await tx.insert(docUpdates).values({ boardId: row.id, seq: 1, update: content, authorId: actorId });
        await audit(
          {
            action: "board.created",
            actorId,
            workspaceId,
            targetType: "board",
            targetId: row.id,
            data: { kind: row.kind, ...(content ? { carriedOver: true } : {}) },
          },
          tx,
        );
        return row;
      });
      projections.touch(board.id);
      return boardView(board);
    },

    async rename(boardId: string, title: string) {
      const [board] = await db
        .update(boards)
        .set({ title, updatedAt: now() })
        .where(eq(boards.id, boardId))
        .returning();
      if (!board) throw new Error("board vanished during rename");
      projections.touch(board.id);
      return boardView(board);
    },

    /** Archived, not erased: the content and its history stay in the database. */
    async archive(actorId: string, board: BoardRow) {
      await db.transaction(async (tx) => {
        await tx.update(boards).set({ archivedAt: now() }).where(eq(boards.id, board.id));
        await audit(
          {
            action: "board.archived",
            actorId,
            workspaceId: board.workspaceId,
            targetType: "board",
            targetId: board.id,
          },
          tx,
        );
      });
      events.emit({ type: "board", boardId: board.id });
    },
  };
}

export type Boards = ReturnType<typeof createBoards>;
