/**
 * Notifications: stored for the bell, and mailed (through the outbox) to those who have not
 * turned the kind off. Also each person's settings and the one-click unsubscribe.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { notificationSettings, notifications, users, workspaces } from "../db/schema.js";
import { notFound } from "../errors.js";
import type { Clock } from "../services/clock.js";
import { createBellWaiters } from "./bell-waiters.js";
import { type MailLocale, mailLocale, NOTIFICATION_KINDS, type NotificationKind } from "./kinds.js";
import { composeMail, type MailItem } from "./mail-texts.js";
import type { Outbox } from "./outbox.js";

export interface NewNotification {
  kind: NotificationKind;
  workspaceId: string | null;
  /** A path in the web app, e.g. /boards/:id?action=… */
  link: string;
  title: string;
  /** The digest: the overdue actions, each with its own link path. */
  items?: { title: string; link: string }[];
  /** The mail's link when it is not the app path (an invitation's token URL). */
  mailUrl?: string;
}

export interface Settings {
  locale: MailLocale;
  emailOff: NotificationKind[];
}

const LIST_LIMIT = 50;

export function createNotifier(deps: { db: Db; now: Clock; outbox: Outbox; publicOrigin: string }) {
  const { db, now, outbox, publicOrigin } = deps;
  const url = (path: string) => `${publicOrigin}${path}`;
  const bells = createBellWaiters();
  /** Who else hears that counts may have changed (other processes, cluster/bell-relay.ts). */
  let relay: ((userIds: string[]) => void) | null = null;
  const ping = (userIds: Iterable<string>) => {
    const ids = [...userIds];
    bells.ping(ids);
    if (ids.length > 0) relay?.(ids);
  };
  /** Told by notify(), signalled by flushMail(): after the change has committed, so the count read then is new. */
  const toPing = new Set<string>();

  /** The person's settings row, created on first need (it holds the unsubscribe token). */
  async function settingsRow(userId: string, tx: Db = db) {
    const [row] = await tx.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
    if (row) return row;
    await tx
      .insert(notificationSettings)
      .values({ userId, unsubscribeToken: randomBytes(24).toString("base64url") })
      .onConflictDoNothing();
    const [created] = await tx.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
    if (!created) throw new Error("notification settings row missing");
    return created;
  }

  async function workspaceName(workspaceId: string | null, tx: Db): Promise<string> {
    if (!workspaceId) return "";
    const [w] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
    return w?.name ?? "";
  }

  const unsubscribeUrl = (token: string, kind: NotificationKind) =>
    url(`/unsubscribe/${encodeURIComponent(token)}?kind=${kind}`);

  /**
   * Stores the notification for each (active) recipient and queues their mail, in `tx` when given
   * so it commits with the change it tells about. Never sends anything itself.
   */
  async function notify(recipientIds: string[], n: NewNotification, tx: Db = db): Promise<void> {
    const ids = [...new Set(recipientIds)];
    if (ids.length === 0) return;
    const people = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(inArray(users.id, ids), isNull(users.deactivatedAt)));
    if (people.length === 0) return;
    const at = now();
    await tx.insert(notifications).values(
      people.map((p) => ({
        recipientId: p.id,
        kind: n.kind,
        workspaceId: n.workspaceId,
        link: n.link,
        title: n.title,
        createdAt: at,
      })),
    );
    for (const p of people) toPing.add(p.id);
    if (!outbox.enabled) return;
    const name = await workspaceName(n.workspaceId, tx);
    const mails = [];
    for (const p of people) {
      const s = await settingsRow(p.id, tx);
      if (s.emailOff.includes(n.kind)) continue;
      const unsubscribe = unsubscribeUrl(s.unsubscribeToken, n.kind);
      const items: MailItem[] | undefined = n.items?.map((i) => ({ title: i.title, url: url(i.link) }));
      const mail = composeMail(mailLocale(s.locale), {
        kind: n.kind,
        title: n.title,
        workspaceName: name,
        url: n.mailUrl ?? url(n.link),
        ...(items ? { items } : {}),
        unsubscribeUrl: unsubscribe,
      });
      mails.push({
        to: p.email,
        recipientId: p.id,
        kind: n.kind,
        ...mail,
        headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      });
    }
    await outbox.enqueue(mails, tx);
  }

  return {
    notify,

    /** Mail to an address (an invitation), in the account's language when the address has one. */
    async mailAddress(to: string, kind: NotificationKind, title: string, link: string, locale: MailLocale = "sv") {
      const mail = composeMail(locale, { kind, title, workspaceName: title, url: link });
      await outbox.enqueue([{ to, recipientId: null, kind, ...mail }]);
      outbox.kick();
    },

    /** After the change that notified has committed: send its mail soon, and wake the bells of those told. */
    flushMail: () => {
      outbox.kick();
      ping(toPing);
      toPing.clear();
    },

    /** The bell's long poll (bell-waiters.ts); `stopWaiting` at shutdown. */
    waitForChange: bells.wait,
    stopWaiting: bells.stop,

    /**
     * Several processes: `send` tells the others whose counts may have changed; what they tell
     * this process goes to `pingHere` (returned), waking the bells waiting here.
     */
    relayBells(send: (userIds: string[]) => void): (userIds: string[]) => void {
      relay = send;
      return (userIds) => bells.ping(userIds);
    },

    async list(userId: string) {
      return db
        .select({
          id: notifications.id,
          kind: notifications.kind,
          workspaceId: notifications.workspaceId,
          link: notifications.link,
          title: notifications.title,
          createdAt: notifications.createdAt,
          readAt: notifications.readAt,
        })
        .from(notifications)
        .where(eq(notifications.recipientId, userId))
        .orderBy(desc(notifications.createdAt))
        .limit(LIST_LIMIT);
    },

    async unreadCount(userId: string): Promise<number> {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
      return row?.count ?? 0;
    },

    async markRead(userId: string, id: string): Promise<void> {
      const mine = and(eq(notifications.id, id), eq(notifications.recipientId, userId));
      const [row] = await db.select({ readAt: notifications.readAt }).from(notifications).where(mine);
      if (!row) throw notFound("Notification");
      if (!row.readAt) await db.update(notifications).set({ readAt: now() }).where(mine);
      ping([userId]);
    },

    async markAllRead(userId: string): Promise<void> {
      await db
        .update(notifications)
        .set({ readAt: now() })
        .where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
      ping([userId]);
    },

    async settings(userId: string): Promise<Settings> {
      const s = await settingsRow(userId);
      return { locale: mailLocale(s.locale), emailOff: s.emailOff as NotificationKind[] };
    },

    async saveSettings(userId: string, input: Partial<Settings>): Promise<Settings> {
      await settingsRow(userId);
      await db
        .update(notificationSettings)
        .set({
          ...(input.locale ? { locale: input.locale } : {}),
          ...(input.emailOff ? { emailOff: input.emailOff.filter((k) => NOTIFICATION_KINDS.includes(k)) } : {}),
        })
        .where(eq(notificationSettings.userId, userId));
      return this.settings(userId);
    },

    /** Who the unsubscribe token belongs to (null: not a token of ours). */
    async byUnsubscribeToken(token: string) {
      const [row] = await db
        .select({
          userId: notificationSettings.userId,
          locale: notificationSettings.locale,
          emailOff: notificationSettings.emailOff,
        })
        .from(notificationSettings)
        .where(eq(notificationSettings.unsubscribeToken, token));
      return row ?? null;
    },

    /** One-click unsubscribe: this kind (or every kind) no longer comes by e-mail. */
    async unsubscribe(token: string, kind: NotificationKind | null): Promise<boolean> {
      const row = await this.byUnsubscribeToken(token);
      if (!row) return false;
      const off = kind ? [...new Set([...row.emailOff, kind])] : [...NOTIFICATION_KINDS];
      await db.update(notificationSettings).set({ emailOff: off }).where(eq(notificationSettings.userId, row.userId));
      return true;
    },

    /** The account's mail language for an address (sv when there is no account). */
    async localeOfAddress(email: string): Promise<{ userId: string | null; locale: MailLocale }> {
      const [u] = await db
        .select({ id: users.id, locale: notificationSettings.locale })
        .from(users)
        .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
        .where(eq(users.email, email));
      return { userId: u?.id ?? null, locale: mailLocale(u?.locale) };
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
