/**
 * Handing a person's open actions to someone else, when they leave a partnership or are removed
 * from it: every action they own that is not done, on every focus board of the partnership, gets
 * the new owner (or none). The change is made in each board's document through the board editor,
 * so everyone on the board sees it live, and it is stored like any client's update, authored by
 * the convener who made it.
 */
import { and, count, eq, isNull, ne } from "drizzle-orm";
import { readFocus, updateAction } from "../../shared/boards/focus.js";
import type { Db } from "../db/client.js";
import { boards, projectedActions, users, workspaceMembers } from "../db/schema.js";
import type { BoardEditor } from "../docs/board-editor.js";
import { badRequest, notFound } from "../errors.js";
import type { Projector } from "../projections/projector.js";
import type { Audit } from "./audit.js";

export function createHandover(db: Db, audit: Audit, boardEditor: BoardEditor, projections: Projector) {
  return {
    /**
     * Open actions per owner in the partnership (from the projections, so a change of the last
     * second may be missing), members and former members alike, with whether they are members.
     */
    async openActionsByOwner(workspaceId: string) {
      const rows = await db
        .select({
          userId: projectedActions.ownerId,
          name: users.name,
          count: count(),
          member: workspaceMembers.userId,
        })
        .from(projectedActions)
        .innerJoin(boards, eq(boards.id, projectedActions.boardId))
        .leftJoin(users, eq(users.id, projectedActions.ownerId))
        .leftJoin(
          workspaceMembers,
          and(
            eq(workspaceMembers.workspaceId, projectedActions.workspaceId),
            eq(workspaceMembers.userId, projectedActions.ownerId),
          ),
        )
        .where(
          and(
            eq(projectedActions.workspaceId, workspaceId),
            ne(projectedActions.status, "done"),
            isNull(boards.archivedAt),
          ),
        )
        .groupBy(projectedActions.ownerId, users.name, workspaceMembers.userId);
      return rows
        .filter((r): r is typeof r & { userId: string } => r.userId !== null)
        .map((r) => ({ userId: r.userId, name: r.name ?? "", count: r.count, member: r.member !== null }));
    },

    /**
     * Gives every open action of `fromUserId` to `toUserId` (a member), or to nobody; returns how
     * many changed. `fromUserId` need not be a member any more: someone who left is handed over too.
     */
    async handOver(
      actorId: string,
      workspaceId: string,
      fromUserId: string,
      toUserId: string | null,
    ): Promise<{ handedOver: number; boards: number }> {
      const [from] = await db.select({ id: users.id }).from(users).where(eq(users.id, fromUserId));
      if (!from) throw notFound("Member");
      if (toUserId !== null) {
        if (toUserId === fromUserId) throw badRequest("same_person", "Choose someone else to hand the actions to.");
        const [member] = await db
          .select({ userId: workspaceMembers.userId })
          .from(workspaceMembers)
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, toUserId)));
        if (!member) throw badRequest("not_member", "Actions can be handed only to a member of the partnership.");
      }
      const focusBoards = await db
        .select({ id: boards.id })
        .from(boards)
        .where(and(eq(boards.workspaceId, workspaceId), eq(boards.kind, "focus"), isNull(boards.archivedAt)));
      let handedOver = 0;
      let changedBoards = 0;
      for (const board of focusBoards) {
        let here = 0;
        await boardEditor.edit(board.id, "focus", actorId, (doc) => {
          here = 0;
          for (const action of readFocus(doc).actions) {
            if (action.ownerId !== fromUserId || action.status === "done") continue;
            updateAction(doc, action.id, { ownerId: toUserId });
            here++;
          }
        });
        if (here > 0) {
          handedOver += here;
          changedBoards++;
          // Projected now, so the counts a convener reads next already show the new owners.
          await projections.project(board.id).catch(() => projections.touch(board.id));
        }
      }
      // The boards' updates are stored by their rooms (not in a SQL transaction of ours): the audit
      // row follows them, and records what was actually changed.
      await audit({
        action: "member.actions_handed_over",
        actorId,
        workspaceId,
        targetType: "user",
        targetId: fromUserId,
        data: { to: toUserId, actions: handedOver, boards: changedBoards },
      });
      return { handedOver, boards: changedBoards };
    },
  };
}

export type Handover = ReturnType<typeof createHandover>;
