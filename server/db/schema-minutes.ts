/**
 * The relational schema, continued: the approval state of meeting minutes, their sealed archive
 * records, and personal calendar subscriptions. Re-exported by schema.ts (the one schema).
 */
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, updatedAt } from "./columns.js";
import { boards, users, workspaces } from "./schema.js";

// ── Minutes approval (justering) and the sealed archive ──────────────────────────────────────

export const minutesState = pgEnum("minutes_state", ["draft", "closed", "approved", "sealed"]);

/** Where one meeting's minutes are in draft → closed → approved → sealed; no row means draft. */
export const minutesStatus = pgTable("minutes_status", {
  boardId: uuid("board_id")
    .primaryKey()
    .references(() => boards.id, { onDelete: "cascade" }),
  state: minutesState("state").notNull(),
  /** The approvers (justerare) named when the meeting was closed: who must approve this round. */
  approverIds: uuid("approver_ids").array().notNull(),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  closedBy: uuid("closed_by").references(() => users.id, { onDelete: "set null" }),
  /** An addendum (tillägg) corrects these sealed minutes: they are never edited themselves. */
  addendumTo: uuid("addendum_to").references(() => boards.id, { onDelete: "restrict" }),
  updatedAt: updatedAt(),
});

/** Approvals of the current round; reopening the minutes deletes them (the audit trail keeps them). */
export const minutesApprovals = pgTable(
  "minutes_approvals",
  {
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.userId] })],
);

/**
 * The immutable archive record of sealed minutes: canonical JSON, PDF/A and Markdown with their
 * SHA-256, chained per partnership by `previous_sha256`. Only `registration_number` (diarienummer)
 * may be filled in later; it is not part of the hashed record.
 */
export const sealedMinutes = pgTable(
  "sealed_minutes",
  {
    boardId: uuid("board_id")
      .primaryKey()
      .references(() => boards.id, { onDelete: "restrict" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "restrict" }),
    sequence: integer("sequence").notNull(),
    recordJson: text("record_json").notNull(),
    jsonSha256: text("json_sha256").notNull(),
    pdf: bytea("pdf").notNull(),
    pdfSha256: text("pdf_sha256").notNull(),
    markdown: text("markdown").notNull(),
    markdownSha256: text("markdown_sha256").notNull(),
    previousSha256: text("previous_sha256"),
    sealedAt: timestamp("sealed_at", { withTimezone: true }).notNull(),
    sealedBy: uuid("sealed_by").references(() => users.id, { onDelete: "set null" }),
    registrationNumber: text("registration_number"),
  },
  (t) => [
    uniqueIndex("sealed_minutes_sequence_idx").on(t.workspaceId, t.sequence),
    index("sealed_minutes_json_sha_idx").on(t.jsonSha256),
    index("sealed_minutes_pdf_sha_idx").on(t.pdfSha256),
    index("sealed_minutes_markdown_sha_idx").on(t.markdownSha256),
  ],
);

/**
 * Personal calendar subscriptions: a secret link per person and partnership that a calendar app
 * polls without a session. Stored as a hash; access is re-checked on every fetch.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("calendar_feeds_person_idx").on(t.userId, t.workspaceId)],
);
