/**
 * The relational schema, continued: decision points (beslutspunkter). A follow-up or final report
 * goes to a named body (styrgrupp, socialnämnd, kommunstyrelsen…) with a yes/no checklist and a
 * decision. Governance data like the minutes' approval, so relational and audited, not a board.
 * Re-exported by schema.ts (the one schema).
 */
import { sql } from "drizzle-orm";
import { customType, date, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns.js";
import { boards, users, workspaces } from "./schema.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const decisionPointKind = pgEnum("decision_point_kind", ["follow_up", "final", "other"]);
export const decisionPointBody = pgEnum("decision_point_body", [
  "steering_group",
  "social_committee",
  "executive_board",
  "other",
]);
export const decisionOutcome = pgEnum("decision_outcome", ["approved_closed", "tabled", "approved_with_changes"]);
export const checklistAnswer = pgEnum("checklist_answer", ["yes", "no", "unanswered"]);

/** One decision point; `outcome` set means decided, and then it is locked until a convener reopens it. */
export const decisionPoints = pgTable(
  "decision_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: decisionPointKind("kind").notNull(),
    body: decisionPointBody("body").notNull(),
    /** The body's name when `body` is "other" (free text); empty otherwise. */
    bodyName: text("body_name").notNull().default(""),
    plannedOn: date("planned_on", { mode: "string" }),
    outcome: decisionOutcome("outcome"),
    decidedOn: date("decided_on", { mode: "string" }),
    decisionNote: text("decision_note").notNull().default(""),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    /** Recorded from a meeting's §: the minutes board, its agenda item, and the § number at the time. */
    sourceBoardId: uuid("source_board_id").references(() => boards.id, { onDelete: "set null" }),
    sourceItemId: text("source_item_id"),
    sourceParagraph: integer("source_paragraph"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    document: tsvector("document")
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('swedish', "title"), 'A') || setweight(to_tsvector('swedish', "body_name" || ' ' || "decision_note"), 'B')`,
      ),
  },
  (t) => [
    index("decision_points_workspace_idx").on(t.workspaceId, t.plannedOn),
    index("decision_points_document_idx").using("gin", t.document),
    index("decision_points_source_idx").on(t.sourceBoardId),
  ],
);

/** The checklist (e.g. "Har projektets mål uppnåtts?"), each item answered yes / no with a comment. */
export const decisionChecklistItems = pgTable(
  "decision_checklist_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionPointId: uuid("decision_point_id")
      .notNull()
      .references(() => decisionPoints.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    answer: checklistAnswer("answer").notNull().default("unanswered"),
    comment: text("comment").notNull().default(""),
  },
  (t) => [index("decision_checklist_items_point_idx").on(t.decisionPointId, t.position)],
);
