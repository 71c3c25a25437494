/**
 * Follow-up reports (uppföljningsrapport, slutrapport; issue 19): a partnership's report for a
 * period, generated from its data, its texts edited while a draft, then frozen with the SHA-256 of
 * the archival PDF. A frozen report never changes; a new version is a new row. Re-exported by schema.ts.
 */
import { date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, updatedAt } from "./columns.js";
import { users, workspaces } from "./schema.js";

export const reportKind = pgEnum("report_kind", ["followup", "final"]);
export const reportState = pgEnum("report_state", ["draft", "frozen"]);

export const followUpReports = pgTable(
  "follow_up_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: reportKind("kind").notNull(),
    title: text("title").notNull(),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodTo: date("period_to", { mode: "string" }).notNull(),
    /** 1 for the first report of a kind and period; a new version of a frozen report counts on. */
    version: integer("version").notNull(),
    state: reportState("state").notNull(),
    /** What the partnership's data said when generated (server/reports/content.ts ReportContent). */
    content: jsonb("content").notNull(),
    /** The texts people wrote: summary, and per goal a justification and utvecklingsområden overriding the data's. */
    texts: jsonb("texts").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    frozenBy: uuid("frozen_by").references(() => users.id, { onDelete: "set null" }),
    frozenAt: timestamp("frozen_at", { withTimezone: true }),
    /** The archival PDF made when frozen, and its SHA-256 (hex) for verifying a copy. */
    pdf: bytea("pdf"),
    pdfSha256: text("pdf_sha256"),
  },
  (t) => [index("follow_up_reports_workspace_idx").on(t.workspaceId, t.periodTo)],
);
