/**
 * The relational schema, continued: comments on actions and goals (issue 21), projected from the
 * boards' documents (the comments themselves live there, shared/boards/comments.ts). One row per
 * comment that is not deleted: which card it is on, who wrote it and whom it mentions — the
 * mentions a refresh finds new are the ones notified. Their text is searchable through
 * search_entries (kind `comment`). Re-exported by schema.ts (the one schema).
 */
import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { boards, workspaces } from "./schema.js";

export const projectedComments = pgTable(
  "projected_comments",
  {
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    commentId: text("comment_id").notNull(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The action's or goal's id on the board. */
    targetId: text("target_id").notNull(),
    /** `action` (focus board) or `goal` (plan). */
    targetKind: text("target_kind").notNull(),
    authorId: uuid("author_id").notNull(),
    mentions: uuid("mentions").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.commentId] }),
    index("projected_comments_target_idx").on(t.boardId, t.targetId),
  ],
);
