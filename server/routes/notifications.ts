/**
 * The bell and notification settings of the signed-in person, the one-click unsubscribe (no
 * sign-in: the token is the credential) and the admin's list of mail that could not be sent.
 *
 *   GET  /api/me/notifications                 the newest 50
 *   GET  /api/me/notifications/unread-count    { count }; ?seen=N&wait=S: a long poll, answered
 *                                              when the count is not N any more or after S seconds
 *   POST /api/me/notifications/:id/read        one read (when opened)
 *   POST /api/me/notifications/read-all
 *   GET|PUT /api/me/notification-settings      language and e-mail choices
 *   GET  /api/admin/mail-outbox                failed and waiting mail (admin)
 *   GET|POST /unsubscribe/:token[?kind=]       a confirm page, then unsubscribed
 */
import { Hono } from "hono";
import { html } from "hono/html";
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  notificationSettingsBody,
  unreadCountQuery,
} from "../../shared/api/notifications.js";
import { emptyBody } from "../../shared/api/workspaces.js";
import { forbidden, notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody, queryParams } from "../middleware/validate.js";
import { canInstance } from "../policy/policy.js";
import { isUuid } from "../services/access.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

/** Mounted under /api/me. */
export const myNotificationRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/notifications", async (c) =>
    c.json({ notifications: await c.var.deps.services.notifier.list(currentUser(c).id) }),
  )
  .get("/notifications/unread-count", async (c) => {
    const { wait, seen } = queryParams(c, unreadCountQuery);
    const { notifier } = c.var.deps.services;
    const userId = currentUser(c).id;
    if (!wait || seen === undefined) return c.json({ count: await notifier.unreadCount(userId) });
    // Waiting starts before the count is read: a notification stored in between still wakes it.
    const change = notifier.waitForChange(userId, wait * 1000, c.req.raw.signal);
    const count = await notifier.unreadCount(userId);
    if (count !== seen) {
      change.cancel();
      return c.json({ count });
    }
    await change.done;
    return c.json({ count: await notifier.unreadCount(userId) });
  })
  .post("/notifications/read-all", async (c) => {
    await jsonBody(c, emptyBody);
    await c.var.deps.services.notifier.markAllRead(currentUser(c).id);
    return c.body(null, 204);
  })
  .post("/notifications/:id/read", async (c) => {
    await jsonBody(c, emptyBody);
    const id = c.req.param("id");
    if (!isUuid(id)) throw notFound("Notification");
    await c.var.deps.services.notifier.markRead(currentUser(c).id, id);
    return c.body(null, 204);
  })
  .get("/notification-settings", async (c) => {
    const { notifier, outbox } = c.var.deps.services;
    return c.json({ ...(await notifier.settings(currentUser(c).id)), emailEnabled: outbox.enabled });
  })
  .put("/notification-settings", async (c) => {
    const body = await jsonBody(c, notificationSettingsBody);
    const { notifier, outbox } = c.var.deps.services;
    const saved = await notifier.saveSettings(currentUser(c).id, body);
    return c.json({ ...saved, emailEnabled: outbox.enabled });
  });

/** Mounted under /api/admin. For the administrator only (403 for others, as the instance's audit log). */
export const adminMailRoutes = new Hono<AppEnv>().use(requireUser).get("/mail-outbox", async (c) => {
  if (!canInstance(currentUser(c), "records.read"))
    throw forbidden("Only the administrator sees the mail that could not be sent.");
  return c.json({ mails: await c.var.deps.services.outbox.unsent() });
});

const WORDS = {
  sv: {
    title: "Avsluta e-post från Samverkan",
    ask: (kind: string | null) =>
      kind
        ? `Vill du sluta få e-post om ${KIND_SV[kind as NotificationKind] ?? kind}?`
        : "Vill du sluta få e-post från Samverkan?",
    button: "Avsluta prenumerationen",
    done: "Klart. Du får inte längre de här e-postmeddelandena. Du kan ändra det under Aviseringar i Samverkan.",
    bad: "Länken fungerar inte. Ändra dina val under Aviseringar i Samverkan.",
  },
  en: {
    title: "Unsubscribe from Samverkan e-mail",
    ask: (kind: string | null) =>
      kind ? `Stop e-mails about ${KIND_EN[kind as NotificationKind] ?? kind}?` : "Stop e-mails from Samverkan?",
    button: "Unsubscribe",
    done: "Done. You will no longer get these e-mails. You can change this under Notifications in Samverkan.",
    bad: "This link does not work. Change your choices under Notifications in Samverkan.",
  },
};
const KIND_SV: Record<NotificationKind, string> = {
  invited: "inbjudningar",
  action_assigned: "åtgärder du blir ansvarig för",
  minutes_to_approve: "protokoll att justera",
  minutes_sealed: "arkiverade protokoll",
  actions_overdue: "försenade åtgärder (daglig sammanfattning)",
  mentioned: "kommentarer där du nämns",
};
const KIND_EN: Record<NotificationKind, string> = {
  invited: "invitations",
  action_assigned: "actions you become owner of",
  minutes_to_approve: "minutes to approve",
  minutes_sealed: "sealed minutes",
  actions_overdue: "overdue actions (daily digest)",
  mentioned: "comments that mention you",
};

const page = (lang: "sv" | "en", body: ReturnType<typeof html>) =>
  html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${WORDS[lang].title}</title></head>
<body><main><h1>${WORDS[lang].title}</h1>${body}</main></body></html>`;

const kindOf = (value: string | undefined): NotificationKind | null =>
  NOTIFICATION_KINDS.find((k) => k === value) ?? null;

/** Mounted at /unsubscribe: outside /api, reached from a mail without signing in. */
export const unsubscribeRoutes = new Hono<AppEnv>()
  .get("/:token", async (c) => {
    const row = await c.var.deps.services.notifier.byUnsubscribeToken(c.req.param("token"));
    const lang = row?.locale === "en" ? "en" : "sv";
    const w = WORDS[lang];
    c.header("Cache-Control", "no-store");
    if (!row) return c.html(page(lang, html`<p>${w.bad}</p>`), 404);
    const kind = kindOf(c.req.query("kind"));
    const action = `${c.req.path}${kind ? `?kind=${kind}` : ""}`;
    return c.html(
      page(
        lang,
        html`<p>${w.ask(kind)}</p><form method="post" action="${action}"><button type="submit">${w.button}</button></form>`,
      ),
    );
  })
  // Also the one-click List-Unsubscribe-Post target (a mail program posts without a page).
  .post("/:token", async (c) => {
    const { notifier } = c.var.deps.services;
    const token = c.req.param("token");
    const row = await notifier.byUnsubscribeToken(token);
    const lang = row?.locale === "en" ? "en" : "sv";
    c.header("Cache-Control", "no-store");
    if (!row || !(await notifier.unsubscribe(token, kindOf(c.req.query("kind")))))
      return c.html(page(lang, html`<p>${WORDS[lang].bad}</p>`), 404);
    return c.html(page(lang, html`<p role="status">${WORDS[lang].done}</p>`));
  });
