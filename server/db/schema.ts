/** The relational schema: identity, membership, boards, the Yjs update log and the audit trail. */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { bytea, createdAt, updatedAt } from "./columns.js";

export const memberRole = pgEnum("member_role", ["convener", "member", "observer"]);
export const boardKind = pgEnum("board_kind", ["plan", "focus", "minutes", "followup", "roadmap"]);
export const organizationKind = pgEnum("organization_kind", [
  "municipality",
  "primary_care",
  "region",
  "civil_society",
  "other",
]);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed; the unique index is on this exact value. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    isAdmin: boolean("is_admin").notNull().default(false),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    /** The absolute end, however active the session is. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failed sign-ins per e-mail address, whether or not an account has it, so that unknown
 * addresses and wrong passwords are throttled — and answered — exactly alike.
 */
export const loginThrottle = pgTable("login_throttle", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: organizationKind("kind").notNull().default("other"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("organizations_name_idx").on(sql`lower(${t.name})`)],
);

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "restrict" }),
    role: memberRole("role").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("workspace_members_user_idx").on(t.userId)],
);

/** Invitation links: single use, expiring, bound to an e-mail, a role and a home organisation. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: memberRole("role").notNull(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    /** SHA-256 of the token in the link; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("invitations_token_idx").on(t.tokenHash), index("invitations_workspace_idx").on(t.workspaceId)],
);

export const boards = pgTable(
  "boards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: boardKind("kind").notNull(),
    title: text("title").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Boards are archived, not erased: minutes are records and plans have history. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [index("boards_workspace_idx").on(t.workspaceId)],
);

/** Append-only log of Yjs updates; `seq` orders them within a board. */
export const docUpdates = pgTable(
  "doc_updates",
  {
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    update: bytea("update").notNull(),
    /** From the session that sent it, never from the Yjs client id. */
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.seq] })],
);

/** One compacted state per board, covering the log up to and including `seq`. */
export const docSnapshots = pgTable("doc_snapshots", {
  boardId: uuid("board_id")
    .primaryKey()
    .references(() => boards.id, { onDelete: "cascade" }),
  seq: bigint("seq", { mode: "number" }).notNull(),
  state: bytea("state").notNull(),
  updatedAt: updatedAt(),
});

/** Append-only trail of security-relevant events. Never holds passwords, tokens or cookies. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_events_workspace_idx").on(t.workspaceId, t.at),
    index("audit_events_actor_idx").on(t.actorId, t.at),
  ],
);

// ── Projections of board content ──────────────────────────────────────────────────────────────
// Derived from the Yjs documents by server/projections/: never edited directly, rebuilt with
// `npm run projections:rebuild`. Person and organisation ids are copied from the document without
// foreign keys: the document may still name someone who has since left the partnership.

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const boardRef = () =>
  uuid("board_id")
    .notNull()
    .references(() => boards.id, { onDelete: "cascade" });
const workspaceRef = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

/** Which stored state of each board the projections reflect. */
export const boardProjections = pgTable("board_projections", {
  boardId: uuid("board_id")
    .primaryKey()
    .references(() => boards.id, { onDelete: "cascade" }),
  seq: bigint("seq", { mode: "number" }).notNull(),
  projectedAt: timestamp("projected_at", { withTimezone: true }).notNull().defaultNow(),
});

export const projectedActions = pgTable(
  "projected_actions",
  {
    boardId: boardRef(),
    actionId: text("action_id").notNull(),
    workspaceId: workspaceRef(),
    title: text("title").notNull(),
    status: text("status").notNull(),
    rank: text("rank").notNull(),
    ownerId: uuid("owner_id"),
    organizationId: uuid("organization_id"),
    dueDate: date("due_date", { mode: "string" }),
    pdsaPhase: text("pdsa_phase"),
    sourceBoardId: uuid("source_board_id"),
    sourceItemId: text("source_item_id"),
    sourceParagraph: integer("source_paragraph"),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.actionId] }),
    index("projected_actions_workspace_idx").on(t.workspaceId, t.status),
    index("projected_actions_owner_idx").on(t.workspaceId, t.ownerId),
  ],
);

export const projectedGoals = pgTable(
  "projected_goals",
  {
    boardId: boardRef(),
    goalId: text("goal_id").notNull(),
    workspaceId: workspaceRef(),
    title: text("title").notNull(),
    level: text("level").notNull(),
    status: text("status").notNull(),
    perspectives: text("perspectives").array().notNull(),
    comment: text("comment").notNull(),
    rank: text("rank").notNull(),
    organizationId: uuid("organization_id"),
    targetDate: date("target_date", { mode: "string" }),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.goalId] }), index("projected_goals_workspace_idx").on(t.workspaceId)],
);

export const projectedMeetings = pgTable(
  "projected_meetings",
  {
    boardId: uuid("board_id")
      .primaryKey()
      .references(() => boards.id, { onDelete: "cascade" }),
    workspaceId: workspaceRef(),
    type: text("type").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    place: text("place").notNull(),
    convenerId: uuid("convener_id"),
    attendees: integer("attendees").notNull(),
    present: integer("present").notNull(),
    /** Highest § number in the minutes, for numbering that continues through the year. */
    lastParagraph: integer("last_paragraph"),
  },
  (t) => [index("projected_meetings_workspace_idx").on(t.workspaceId, t.startsAt)],
);

export const projectedDecisions = pgTable(
  "projected_decisions",
  {
    boardId: boardRef(),
    decisionId: text("decision_id").notNull(),
    workspaceId: workspaceRef(),
    itemId: text("item_id").notNull(),
    paragraph: integer("paragraph"),
    itemTitle: text("item_title").notNull(),
    text: text("text").notNull(),
    /** Place in the minutes: agenda item order, then decision order. */
    position: integer("position").notNull(),
    meetingStartsAt: timestamp("meeting_starts_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.decisionId] }),
    index("projected_decisions_workspace_idx").on(t.workspaceId, t.meetingStartsAt),
  ],
);

/** One row per searchable thing: the board itself (entry_id '') and each action, goal, section, agenda item. */
export const searchEntries = pgTable(
  "search_entries",
  {
    boardId: boardRef(),
    entryId: text("entry_id").notNull(),
    workspaceId: workspaceRef(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    document: tsvector("document")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('swedish', "title"), 'A') || setweight(to_tsvector('swedish', "body"), 'B')`,
      ),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.entryId] }),
    index("search_entries_document_idx").using("gin", t.document),
    index("search_entries_workspace_idx").on(t.workspaceId),
  ],
);

// Instance administration (deactivated organisations, a partnership's organisations): schema-admin.ts.
export * from "./schema-admin.js";
// Comments on actions and goals, projected from the boards (issue 21): schema-comments.ts.
export * from "./schema-comments.js";
// Edits that lost a conflict with a concurrent edit (issue 21): schema-conflicts.ts.
export * from "./schema-conflicts.js";
// Decision points (beslutspunkter) with their checklists: schema-decision-points.ts.
export * from "./schema-decision-points.js";
// Follow-up: goals' status histories and links, indicators and their values: schema-followup.ts.
export * from "./schema-followup.js";
// Board history (versions kept by compaction): schema-history.ts.
export * from "./schema-history.js";
// Minutes approval, the sealed archive and calendar subscriptions: schema-minutes.ts.
export * from "./schema-minutes.js";
// Notifications, their settings, the mail outbox and the digest's runs: schema-notifications.ts.
export * from "./schema-notifications.js";
// Sign-in through an OpenID Connect provider: schema-oidc.ts.
export * from "./schema-oidc.js";
// Follow-up reports (uppföljningsrapport, slutrapport): schema-reports.ts.
export * from "./schema-reports.js";
// Projections of roadmap (färdplan) boards: phases, milestones, the improvement cycle: schema-roadmap.ts.
export * from "./schema-roadmap.js";
