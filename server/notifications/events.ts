/**
 * What happens in the service that someone is told about: minutes closed (the approvers),
 * minutes sealed (the partnership's members), an action's owner set or changed (the new owner),
 * an invitation (the invited address), a mention in a comment (those mentioned). Each is called after the change has committed and never
 * fails it: a problem here is logged, the change stands.
 */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { workspaceMembers, workspaces } from "../db/schema.js";
import type { Logger } from "../logger.js";
import type { Notifier } from "./notifier.js";

export interface BoardRef {
  id: string;
  workspaceId: string;
  title: string;
}

export interface OwnerChange {
  actionId: string;
  title: string;
  ownerId: string;
}

const boardPath = (id: string) => `/boards/${encodeURIComponent(id)}`;
const actionPath = (boardId: string, actionId: string) =>
  `${boardPath(boardId)}?${new URLSearchParams({ action: actionId })}`;
/** The thread opens at the comment: a goal's on the plan, an action's in its card. */
const targetPath = (boardId: string, kind: string, targetId: string, commentId: string) =>
  `${boardPath(boardId)}?${new URLSearchParams({ [kind === "goal" ? "goal" : "action"]: targetId, comment: commentId })}`;

export interface Mention {
  commentId: string;
  targetId: string;
  targetKind: string;
  targetTitle: string;
  userIds: string[];
}

export function createNotificationEvents(deps: { db: Db; notifier: Notifier; logger?: Logger | undefined }) {
  const { db, notifier, logger } = deps;

  async function safely(what: string, task: () => Promise<void>): Promise<void> {
    try {
      await task();
      notifier.flushMail();
    } catch (err) {
      logger?.error({ err }, `notification failed (${what}); the change itself stands`);
    }
  }

  return {
    minutesClosed: (board: BoardRef, approverIds: string[]) =>
      safely("minutes closed", () =>
        notifier.notify(approverIds, {
          kind: "minutes_to_approve",
          workspaceId: board.workspaceId,
          link: boardPath(board.id),
          title: board.title,
        }),
      ),

    minutesSealed: (board: BoardRef, actorId: string) =>
      safely("minutes sealed", async () => {
        const members = await db
          .select({ userId: workspaceMembers.userId })
          .from(workspaceMembers)
          .where(and(eq(workspaceMembers.workspaceId, board.workspaceId), ne(workspaceMembers.userId, actorId)));
        await notifier.notify(
          members.map((m) => m.userId),
          { kind: "minutes_sealed", workspaceId: board.workspaceId, link: boardPath(board.id), title: board.title },
        );
      }),

    /** `authorIds`: who made the changes; someone who took an action on themselves is not told. */
    ownersChanged: (board: BoardRef, changes: OwnerChange[], authorIds: string[] = []) =>
      safely("action owner", async () => {
        for (const change of changes) {
          if (authorIds.length === 1 && authorIds[0] === change.ownerId) continue;
          // Only a member of the partnership hears about it (an owner id may be stale).
          const [member] = await db
            .select({ userId: workspaceMembers.userId })
            .from(workspaceMembers)
            .where(
              and(eq(workspaceMembers.workspaceId, board.workspaceId), eq(workspaceMembers.userId, change.ownerId)),
            );
          if (!member) continue;
          await notifier.notify([change.ownerId], {
            kind: "action_assigned",
            workspaceId: board.workspaceId,
            link: actionPath(board.id, change.actionId),
            title: change.title,
          });
        }
      }),

    /** People newly mentioned in comments; only members of the partnership hear about it. */
    mentioned: (board: BoardRef, mentions: Mention[]) =>
      safely("mention", async () => {
        const ids = [...new Set(mentions.flatMap((m) => m.userIds))];
        const members = await db
          .select({ userId: workspaceMembers.userId })
          .from(workspaceMembers)
          .where(and(eq(workspaceMembers.workspaceId, board.workspaceId), inArray(workspaceMembers.userId, ids)));
        const inPartnership = new Set(members.map((m) => m.userId));
        for (const mention of mentions) {
          await notifier.notify(
            mention.userIds.filter((id) => inPartnership.has(id)),
            {
              kind: "mentioned",
              workspaceId: board.workspaceId,
              link: targetPath(board.id, mention.targetKind, mention.targetId, mention.commentId),
              title: mention.targetTitle,
            },
          );
        }
      }),

    invited: (inv: { email: string; workspaceId: string; url: string }) =>
      safely("invitation", async () => {
        const [w] = await db
          .select({ name: workspaces.name })
          .from(workspaces)
          .where(eq(workspaces.id, inv.workspaceId));
        const title = w?.name ?? "";
        const { userId, locale } = await notifier.localeOfAddress(inv.email);
        if (userId) {
          // The bell links to the home page, where their invitations are answered; the mail carries the link.
          await notifier.notify([userId], {
            kind: "invited",
            workspaceId: inv.workspaceId,
            link: "/",
            title,
            mailUrl: inv.url,
          });
        } else {
          await notifier.mailAddress(inv.email, "invited", title, inv.url, locale);
        }
      }),
  };
}

export type NotificationEvents = ReturnType<typeof createNotificationEvents>;
