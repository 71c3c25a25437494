/**
 * Projections of roadmap (färdplan) boards, for the follow-up report: phases with their span and
 * activities, milestones with their links, and each focus area's step in the improvement cycle.
 * Derived by server/projections/ like the rest: never edited directly. Re-exported by schema.ts.
 */
import { boolean, date, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { boards, workspaces } from "./schema.js";

const boardRef = () =>
  uuid("board_id")
    .notNull()
    .references(() => boards.id, { onDelete: "cascade" });
const workspaceRef = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

export const projectedPhases = pgTable(
  "projected_phases",
  {
    boardId: boardRef(),
    phaseId: text("phase_id").notNull(),
    workspaceId: workspaceRef(),
    title: text("title").notNull(),
    term: text("term").notNull(),
    /** The phase's own dates, else its term's (HT: Jul–Dec, VT: Jan–Jun); null when it has neither. */
    startsOn: date("starts_on", { mode: "string" }),
    endsOn: date("ends_on", { mode: "string" }),
    rank: text("rank").notNull(),
    activities: integer("activities").notNull(),
    activitiesDone: integer("activities_done").notNull(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.phaseId] }), index("projected_phases_workspace_idx").on(t.workspaceId)],
);

export const projectedMilestones = pgTable(
  "projected_milestones",
  {
    boardId: boardRef(),
    milestoneId: text("milestone_id").notNull(),
    workspaceId: workspaceRef(),
    title: text("title").notNull(),
    date: date("date", { mode: "string" }),
    done: boolean("done").notNull(),
    /** Copied from the document without foreign keys, like the other projections. */
    meetingBoardId: uuid("meeting_board_id"),
    decisionPointId: uuid("decision_point_id"),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.milestoneId] }),
    index("projected_milestones_workspace_idx").on(t.workspaceId, t.date),
  ],
);

/** A focus area's step in the improvement cycle, as one roadmap records it. */
export const projectedCycleSteps = pgTable(
  "projected_cycle_steps",
  {
    boardId: boardRef(),
    focusBoardId: uuid("focus_board_id").notNull(),
    workspaceId: workspaceRef(),
    step: text("step").notNull(),
    note: text("note").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.focusBoardId] }),
    index("projected_cycle_steps_workspace_idx").on(t.workspaceId),
  ],
);
