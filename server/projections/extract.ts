/**
 * Turns one board's document into the rows its projections hold: actions, goals, the meeting,
 * decisions and search entries. Pure: reads through the typed helpers in shared/boards, so the
 * projections see a board exactly as the web app does.
 */
import type * as Y from "yjs";
import { readFocus } from "../../shared/boards/focus.js";
import { readMinutes } from "../../shared/boards/minutes.js";
import { readPlan } from "../../shared/boards/plan.js";
import { phaseSpan, readRoadmap } from "../../shared/boards/roadmap.js";
import type { BoardKind } from "../../shared/boards/spec.js";
import { richTextToPlain } from "../../shared/richtext/text.js";
import type {
  projectedActions,
  projectedComments,
  projectedCycleSteps,
  projectedDecisions,
  projectedGoals,
  projectedMeetings,
  projectedMilestones,
  projectedPhases,
  searchEntries,
} from "../db/schema.js";
import { extractComments } from "./extract-comments.js";
import { emptyFollowupRows, extractFollowup, extractGoalFollowUps, type FollowupRows } from "./extract-followup.js";

export interface BoardRecord {
  id: string;
  workspaceId: string;
  kind: BoardKind;
  title: string;
}

export interface ProjectionRows extends FollowupRows {
  actions: (typeof projectedActions.$inferInsert)[];
  goals: (typeof projectedGoals.$inferInsert)[];
  meetings: (typeof projectedMeetings.$inferInsert)[];
  decisions: (typeof projectedDecisions.$inferInsert)[];
  search: Omit<typeof searchEntries.$inferInsert, "document">[];
  comments: (typeof projectedComments.$inferInsert)[];
  phases: (typeof projectedPhases.$inferInsert)[];
  milestones: (typeof projectedMilestones.$inferInsert)[];
  cycle: (typeof projectedCycleSteps.$inferInsert)[];
}

/** A tsvector holds at most 1 MiB; no single entry needs more than this much text to be found. */
const MAX_BODY = 200_000;
const join = (...parts: (string | null | undefined)[]) =>
  parts
    .filter((p): p is string => !!p && p.trim() !== "")
    .join("\n")
    .slice(0, MAX_BODY);

export function extractRows(board: BoardRecord, doc: Y.Doc): ProjectionRows {
  const rows: ProjectionRows = {
    actions: [],
    goals: [],
    meetings: [],
    decisions: [],
    search: [],
    comments: [],
    ...emptyFollowupRows(),
    phases: [],
    milestones: [],
    cycle: [],
  };
  const base = { boardId: board.id, workspaceId: board.workspaceId };
  if (board.kind === "focus") extractFocus(doc, base, rows, board.title);
  else if (board.kind === "plan") extractPlan(doc, base, rows, board.title);
  else if (board.kind === "followup") {
    extractFollowup(doc, base, rows, rows.search, join);
    const entry = rows.search.find((s) => s.entryId === "");
    if (entry) entry.title = board.title;
  } else if (board.kind === "roadmap") extractRoadmap(doc, base, rows, board.title);
  else extractMinutes(doc, base, rows, board.title);
  return rows;
}

type Base = { boardId: string; workspaceId: string };

function extractFocus(doc: Y.Doc, base: Base, rows: ProjectionRows, title: string) {
  const focus = readFocus(doc);
  rows.search.push({
    ...base,
    entryId: "",
    kind: "board",
    title,
    body: join(focus.targetGroup, richTextToPlain(focus.description)),
  });
  for (const a of focus.actions) {
    rows.actions.push({
      ...base,
      actionId: a.id,
      title: a.title,
      status: a.status,
      rank: a.rank,
      ownerId: a.ownerId,
      organizationId: a.organizationId,
      dueDate: a.dueDate,
      pdsaPhase: a.pdsaPhase,
      sourceBoardId: a.source?.boardId ?? null,
      sourceItemId: a.source?.itemId ?? null,
      sourceParagraph: a.source?.paragraph ?? null,
    });
    rows.search.push({
      ...base,
      entryId: a.id,
      kind: "action",
      title: a.title,
      body: join(richTextToPlain(a.description), ...Object.values(a.pdsaNotes), ...a.measurements.map((m) => m.label)),
    });
  }
  const targets = new Map(focus.actions.map((a) => [a.id, { kind: "action" as const, title: a.title }]));
  extractComments(doc, base, rows, targets, join);
}

function extractPlan(doc: Y.Doc, base: Base, rows: ProjectionRows, title: string) {
  const plan = readPlan(doc);
  rows.search.push({
    ...base,
    entryId: "",
    kind: "board",
    title,
    body: join(richTextToPlain(plan.purpose), plan.meetingCadence),
  });
  for (const s of plan.sections) {
    rows.search.push({
      ...base,
      entryId: s.id,
      kind: "section",
      title: s.heading,
      body: join(richTextToPlain(s.body)),
    });
  }
  for (const g of plan.goals) {
    rows.goals.push({
      ...base,
      goalId: g.id,
      title: g.title,
      level: g.level,
      status: g.status,
      perspectives: g.perspectives,
      comment: g.comment,
      rank: g.rank,
      organizationId: g.organizationId,
      targetDate: g.targetDate,
    });
    const followUps = extractGoalFollowUps(g, base, rows);
    rows.search.push({ ...base, entryId: g.id, kind: "goal", title: g.title, body: join(g.comment, ...followUps) });
  }
  const goals = new Map(plan.goals.map((g) => [g.id, { kind: "goal" as const, title: g.title }]));
  extractComments(doc, base, rows, goals, join);
  for (const c of plan.contacts) {
    rows.search.push({
      ...base,
      entryId: c.id,
      kind: "contact",
      title: c.organizationName,
      body: join(c.route, c.purpose),
    });
  }
}

function extractMinutes(doc: Y.Doc, base: Base, rows: ProjectionRows, title: string) {
  const { meeting, attendees, items } = readMinutes(doc);
  const startsAt = meeting.startsAt ? new Date(meeting.startsAt) : null;
  rows.meetings.push({
    ...base,
    type: meeting.type,
    startsAt,
    endsAt: meeting.endsAt ? new Date(meeting.endsAt) : null,
    place: meeting.place,
    convenerId: meeting.convenerId,
    attendees: attendees.length,
    present: attendees.filter((a) => a.present).length,
    lastParagraph: items.reduce<number | null>(
      (max, item) => (item.number !== null && item.number > (max ?? 0) ? item.number : max),
      null,
    ),
  });
  rows.search.push({
    ...base,
    entryId: "",
    kind: "board",
    title,
    body: join(meeting.place, ...attendees.map((a) => `${a.name} ${a.organizationName}`)),
  });
  let position = 0;
  for (const item of items) {
    const heading = item.number === null ? item.title : `§ ${item.number} ${item.title}`;
    for (const d of item.decisions) {
      // Found on its own too, so a search can answer "beslut" and link to the decision's §.
      rows.search.push({ ...base, entryId: d.id, kind: "decision", title: heading, body: join(d.text) });
      rows.decisions.push({
        ...base,
        decisionId: d.id,
        itemId: item.id,
        paragraph: item.number,
        itemTitle: item.title,
        text: d.text,
        position: position++,
        meetingStartsAt: startsAt,
      });
    }
    rows.search.push({
      ...base,
      entryId: item.id,
      kind: "item",
      title: heading,
      body: join(
        richTextToPlain(item.notes),
        ...item.decisions.map((d) => d.text),
        ...item.actionItems.map((a) => a.title),
      ),
    });
  }
}

function extractRoadmap(doc: Y.Doc, base: Base, rows: ProjectionRows, title: string) {
  const roadmap = readRoadmap(doc);
  rows.search.push({ ...base, entryId: "", kind: "board", title, body: join(...roadmap.phases.map((p) => p.title)) });
  for (const p of roadmap.phases) {
    const span = phaseSpan(p);
    rows.phases.push({
      ...base,
      phaseId: p.id,
      title: p.title,
      term: p.term,
      startsOn: span?.start ?? null,
      endsOn: span?.end ?? null,
      rank: p.rank,
      activities: p.activities.length,
      activitiesDone: p.activities.filter((a) => a.done).length,
    });
    rows.search.push({
      ...base,
      entryId: p.id,
      kind: "section",
      title: p.term ? `${p.term}: ${p.title}` : p.title,
      body: join(p.description, ...p.activities.map((a) => a.text)),
    });
  }
  for (const m of roadmap.milestones) {
    rows.milestones.push({
      ...base,
      milestoneId: m.id,
      title: m.title,
      date: m.date,
      done: m.done,
      meetingBoardId: m.meetingBoardId,
      decisionPointId: m.decisionPointId,
    });
  }
  for (const c of roadmap.cycle) rows.cycle.push({ ...base, focusBoardId: c.focusBoardId, step: c.step, note: c.note });
}
