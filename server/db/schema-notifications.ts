/**
 * The relational schema, continued: notifications (the bell), each person's notification
 * settings (language, which kinds come by e-mail), the mail outbox and the daily digest's runs.
 * Re-exported by schema.ts (the one schema).
 */
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";
import { users, workspaces } from "./schema.js";

/** One notification to one person: a title and a link only, never board content beyond titles. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** invited | action_assigned | minutes_to_approve | minutes_sealed | actions_overdue | mentioned */
    kind: text("kind").notNull(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    /** A path in the web app (paths.boardAt format), e.g. /boards/:id?action=… */
    link: text("link").notNull(),
    title: text("title").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notifications_recipient_idx").on(t.recipientId, t.createdAt)],
);

/** A person's choices; no row means Swedish and every kind by e-mail. */
export const notificationSettings = pgTable("notification_settings", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** "sv" | "en"; null: Swedish. */
  locale: text("locale"),
  /** Kinds this person does not want by e-mail (they still appear under the bell). */
  emailOff: jsonb("email_off").$type<string[]>().notNull().default([]),
  /** Random; the one-click unsubscribe link in every mail carries it (works without signing in). */
  unsubscribeToken: text("unsubscribe_token").notNull().unique(),
});

/**
 * Mail waiting to be sent: whatever triggers a mail only writes a row here, so it never waits
 * for or fails with the SMTP server. The sender retries with back-off, then marks it failed.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    recipientId: uuid("recipient_id").references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    /** pending | sent | failed */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt)],
);

/** The overdue digest went to this person on this (Swedish) day: at most once, across restarts. */
export const notificationDigests = pgTable(
  "notification_digests",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
