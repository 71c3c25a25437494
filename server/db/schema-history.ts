/**
 * The relational schema, continued: a board's history (versions kept by compaction for the
 * retention period). Re-exported by schema.ts (the one schema).
 */
import { bigint, boolean, index, jsonb, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import type { HistoryChange } from "../../shared/history/changes.js";
import { bytea } from "./columns.js";
import { boards } from "./schema.js";

/**
 * One version of a board: its whole (garbage-collected) Yjs state at `seq`, who edited since the
 * version before, and what they changed, in structured form. Written inside the compaction
 * transaction; while `open`, later compactions within the version interval fold into it.
 */
export const boardVersions = pgTable(
  "board_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    boardId: uuid("board_id")
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    /** The last update (doc_updates.seq) this version includes. */
    seq: bigint("seq", { mode: "number" }).notNull(),
    /** Yjs V2 update encoding, gzip-compressed (server/history/state-codec.ts). */
    state: bytea("state").notNull(),
    /** Users who made the changes, in order of first change (ids; names are looked up when read). */
    authorIds: jsonb("author_ids").$type<(string | null)[]>().notNull(),
    changes: jsonb("changes").$type<HistoryChange[]>().notNull(),
    /** Changes that did not fit in `changes` (capped per version). */
    moreChanges: bigint("more_changes", { mode: "number" }).notNull().default(0),
    /** When the first and the last change of this version were stored. */
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }).notNull(),
    /** Still taking in changes (the editing session goes on and the version interval has not passed). */
    open: boolean("open").notNull().default(true),
  },
  (t) => [index("board_versions_board_idx").on(t.boardId, t.endedAt)],
);
