/**
 * Projections of follow-up content (issue 19): goals' status histories and links (plan boards)
 * and indicators with their values per unit and occasion (followup boards), for the follow-up
 * report and the steering view to query. Rebuilt from the documents like the other projections.
 */
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { boards, workspaces } from "./schema.js";

const boardRef = () =>
  uuid("board_id")
    .notNull()
    .references(() => boards.id, { onDelete: "cascade" });
const workspaceRef = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

/** One row per follow-up of a goal: its status from `date`, who set it, why, and what remains. */
export const projectedGoalHistory = pgTable(
  "projected_goal_history",
  {
    boardId: boardRef(),
    entryId: text("entry_id").notNull(),
    workspaceId: workspaceRef(),
    goalId: text("goal_id").notNull(),
    status: text("status").notNull(),
    date: date("date", { mode: "string" }).notNull(),
    setBy: uuid("set_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    justification: text("justification").notNull(),
    remaining: text("remaining").notNull(),
    example: boolean("example").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.entryId] }),
    index("projected_goal_history_goal_idx").on(t.workspaceId, t.goalId, t.date),
  ],
);

/** A goal served by a focus area (action_id null) or one of its actions; read both ways. */
export const projectedGoalLinks = pgTable(
  "projected_goal_links",
  {
    boardId: boardRef(),
    linkId: text("link_id").notNull(),
    workspaceId: workspaceRef(),
    goalId: text("goal_id").notNull(),
    focusBoardId: uuid("focus_board_id").notNull(),
    actionId: text("action_id"),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.linkId] }),
    index("projected_goal_links_focus_idx").on(t.workspaceId, t.focusBoardId),
  ],
);

export const projectedIndicators = pgTable(
  "projected_indicators",
  {
    boardId: boardRef(),
    indicatorId: text("indicator_id").notNull(),
    workspaceId: workspaceRef(),
    name: text("name").notNull(),
    unit: text("unit").notNull(),
    unitLabel: text("unit_label").notNull(),
    direction: text("direction").notNull(),
    target: doublePrecision("target"),
    /** The range values must be in (the unit's own limits included). */
    rangeMin: doublePrecision("range_min"),
    rangeMax: doublePrecision("range_max"),
    method: text("method").notNull(),
    /** [{ boardId, goalId }] */
    goals: jsonb("goals").notNull(),
    focusBoardIds: uuid("focus_board_ids").array().notNull(),
    rank: text("rank").notNull(),
    example: boolean("example").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.indicatorId] }),
    index("projected_indicators_workspace_idx").on(t.workspaceId),
  ],
);

/** One aggregated value per indicator × unit × occasion, with the unit's and occasion's names. */
export const projectedIndicatorValues = pgTable(
  "projected_indicator_values",
  {
    boardId: boardRef(),
    /** indicatorId/cellKey: the row's key within its board. */
    valueKey: text("value_key").notNull(),
    workspaceId: workspaceRef(),
    indicatorId: text("indicator_id").notNull(),
    unitId: text("unit_id").notNull(),
    unitName: text("unit_name").notNull(),
    organizationId: uuid("organization_id"),
    occasionId: text("occasion_id").notNull(),
    occasionLabel: text("occasion_label").notNull(),
    occasionKind: text("occasion_kind").notNull(),
    occasionDate: date("occasion_date", { mode: "string" }).notNull(),
    value: doublePrecision("value").notNull(),
    respondents: integer("respondents"),
    enteredBy: uuid("entered_by"),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull(),
    example: boolean("example").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.valueKey] }),
    index("projected_indicator_values_indicator_idx").on(t.workspaceId, t.indicatorId, t.occasionDate),
  ],
);
