/**
 * Calendar subscriptions: one secret link per person and partnership, for calendar apps that
 * cannot sign in. Creating a new link replaces the old one; the person's membership and account
 * are checked on every fetch, so leaving the partnership ends the feed.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { calendarFeeds, users, workspaceMembers, workspaces } from "../db/schema.js";
import type { Audit } from "./audit.js";
import { hashToken, newToken } from "./tokens.js";

export function createCalendarFeeds(db: Db, audit: Audit) {
  return {
    /** A new secret for this person's feed (the previous link stops working). */
    async renew(userId: string, workspaceId: string): Promise<string> {
      const token = newToken();
      await db.transaction(async (tx) => {
        await tx
          .delete(calendarFeeds)
          .where(and(eq(calendarFeeds.userId, userId), eq(calendarFeeds.workspaceId, workspaceId)));
        await tx.insert(calendarFeeds).values({ tokenHash: hashToken(token), userId, workspaceId });
        await audit({ action: "calendar_feed.renewed", actorId: userId, workspaceId }, tx);
      });
      return token;
    },

    async revoke(userId: string, workspaceId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .delete(calendarFeeds)
          .where(and(eq(calendarFeeds.userId, userId), eq(calendarFeeds.workspaceId, workspaceId)));
        await audit({ action: "calendar_feed.revoked", actorId: userId, workspaceId }, tx);
      });
    },

    /** The partnership a feed link shows, while its owner is still an active member; else null. */
    async resolve(token: string): Promise<{ workspaceId: string; workspaceName: string } | null> {
      if (token.length > 128) return null;
      const [row] = await db
        .select({ workspaceId: workspaces.id, workspaceName: workspaces.name })
        .from(calendarFeeds)
        .innerJoin(users, eq(users.id, calendarFeeds.userId))
        .innerJoin(
          workspaceMembers,
          and(
            eq(workspaceMembers.userId, calendarFeeds.userId),
            eq(workspaceMembers.workspaceId, calendarFeeds.workspaceId),
          ),
        )
        .innerJoin(workspaces, eq(workspaces.id, calendarFeeds.workspaceId))
        .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(users.deactivatedAt)));
      return row ?? null;
    },
  };
}

export type CalendarFeeds = ReturnType<typeof createCalendarFeeds>;
