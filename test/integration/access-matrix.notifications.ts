/** The access matrix's rows for notifications, mail and invitation resend; spread into CASES. */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { notificationSettings, notifications, users } from "../../server/db/schema.js";
import { uniqueEmail } from "../helpers/factories.js";
import type { Actor, Case, Ctx } from "./access-matrix.cases.js";

const by = (all: number, overrides: Partial<Record<Actor, number>> = {}): Record<Actor, number> => ({
  admin: all,
  convener: all,
  member: all,
  observer: all,
  outsider: all,
  anonymous: 401,
  ...overrides,
});

export function notificationCases(emails: Record<Exclude<Actor, "anonymous">, string>): Record<string, Case> {
  const memberId = async (ctx: Ctx) => {
    const [u] = await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, emails.member));
    return u?.id as string;
  };
  /** A notification of the member's: only they mark it read; to anyone else it does not exist. */
  const membersNotification = async (ctx: Ctx) => {
    const [row] = await ctx.database.db
      .insert(notifications)
      .values({ recipientId: await memberId(ctx), kind: "minutes_sealed", link: "/", title: "Möte" })
      .returning({ id: notifications.id });
    return { id: row?.id as string };
  };
  /** The member's unsubscribe token: whoever holds the mail's link uses it, signed in or not. */
  const unsubscribeToken = async (ctx: Ctx) => {
    const userId = await memberId(ctx);
    await ctx.database.db
      .insert(notificationSettings)
      .values({ userId, unsubscribeToken: randomBytes(24).toString("base64url") })
      .onConflictDoNothing();
    const [s] = await ctx.database.db
      .select({ token: notificationSettings.unsubscribeToken })
      .from(notificationSettings)
      .where(eq(notificationSettings.userId, userId));
    return { token: s?.token as string };
  };

  return {
    "POST /api/workspaces/:workspaceId/invitations/:invitationId/resend": {
      params: async (ctx) => {
        const res = await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/invitations`, {
          email: uniqueEmail("igen"),
          role: "member",
          organizationId: ctx.orgId,
        });
        return { workspaceId: ctx.workspaceId, invitationId: res.body.id as string };
      },
      invalid: { again: true },
      expect: by(403, { admin: 404, convener: 200, outsider: 404 }),
    },
    "GET /api/me/notifications": { expect: by(200) },
    "GET /api/me/notifications/unread-count": { expect: by(200) },
    "POST /api/me/notifications/read-all": { invalid: { all: true }, expect: by(204) },
    "POST /api/me/notifications/:id/read": {
      params: membersNotification,
      invalid: { at: "now" },
      expect: by(404, { member: 204 }),
    },
    "GET /api/me/notification-settings": { expect: by(200) },
    "PUT /api/me/notification-settings": {
      body: () => ({ locale: "sv", emailOff: ["minutes_sealed"] }),
      invalid: { locale: "fi" },
      expect: by(200),
    },
    // Administration answers 404 to everyone but the admin, as /api/admin does throughout.
    "GET /api/admin/mail-outbox": { expect: by(404, { admin: 200 }) },
    "GET /unsubscribe/:token": { params: unsubscribeToken, expect: { ...by(200), anonymous: 200 } },
    // A form post from the confirm page, or a mail program's one-click post: not JSON.
    "POST /unsubscribe/:token": {
      params: unsubscribeToken,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      expect: { ...by(200), anonymous: 200 },
    },
  };
}
