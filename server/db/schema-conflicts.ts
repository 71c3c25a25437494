/**
 * The relational schema, continued: edits that lost a conflict (issue 21). When two people set the
 * same field without seeing each other's change, Yjs keeps one value and drops the other before any
 * version is stored; the room reports the dropped one (server/realtime/lost-writes.ts) and it is
 * kept here, for the item's history, as long as board versions are. Re-exported by schema.ts.
 */
import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { boards, users } from "./schema.js";

export const editConflicts = pgTable(
  "edit_conflicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    /** The record on the board (an action, goal, agenda item …); null for a board-level field. */
    itemId: text("item_id"),
    /** The field's key in the record (nested keys joined with "."). */
    field: text("field").notNull(),
    lostValue: jsonb("lost_value").$type<unknown>(),
    /** Who wrote the value that was dropped and the one that was kept, when the server knows. */
    lostBy: uuid("lost_by").references(() => users.id, { onDelete: "set null" }),
    keptValue: jsonb("kept_value").$type<unknown>(),
    keptBy: uuid("kept_by").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("edit_conflicts_item_idx").on(t.boardId, t.itemId, t.at)],
);
