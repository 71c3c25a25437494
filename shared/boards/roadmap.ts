/**
 * Board kind `roadmap` (färdplan): phases by period (dates, or a term such as "HT 2023"), each with
 * its activities; milestones with a date, done or not, optionally linked to a meeting (a minutes
 * board) and to a decision point; and each focus area's place in the improvement cycle
 * (identifiera → arbetsgrupper → planera aktiviteter → genomföra → utvärdera → förbättra), keyed by
 * the focus board's id.
 */
import * as Y from "yjs";
import { z } from "zod";
import {
  BoardInputError,
  byRank,
  newId,
  newRecord,
  rankAtEnd,
  ranked,
  read,
  readMap,
  recordEntries,
  valueEntries,
  writeFields,
  type YRecord,
} from "./access.js";
import { boardIdSchema, dateSchema, rankSchema, requiredText, text } from "./fields.js";
import { type BoardSpec, map, metaSpec, records, value } from "./spec.js";

/** The improvement cycle of Askersund's färdplan, in order. */
export const CYCLE_STEPS = ["identify", "working_groups", "plan", "carry_out", "evaluate", "improve"] as const;
export type CycleStep = (typeof CYCLE_STEPS)[number];

/** A term: "HT 2023" (autumn, höstterminen) or "VT 2024" (spring, vårterminen). */
export const TERM = /^(HT|VT) (\d{4})$/;
export const termSchema = z
  .string()
  .trim()
  .max(20, "At most 20 characters.")
  .refine((t) => t === "" || TERM.test(t), "A term is written HT 2023 or VT 2024.");

export const activitySchema = z.strictObject({ text: requiredText(300), rank: rankSchema, done: z.boolean() });
export type Activity = z.infer<typeof activitySchema> & { id: string };

export const phaseSpec = map({
  title: value(requiredText(200)),
  term: value(termSchema),
  startDate: value(dateSchema.nullable()),
  endDate: value(dateSchema.nullable()),
  description: value(text(2000)),
  rank: value(rankSchema),
  activities: records(value(activitySchema), 100),
});

export const milestoneSpec = map({
  title: value(requiredText(200)),
  date: value(dateSchema.nullable()),
  done: value(z.boolean()),
  /** A meeting: the minutes board that records it. */
  meetingBoardId: value(boardIdSchema.nullable()),
  decisionPointId: value(z.uuid("Not a valid decision point id.").nullable()),
});

export const cycleEntrySpec = map({
  step: value(z.enum(CYCLE_STEPS)),
  note: value(text(500)),
});

export const roadmapSpec: BoardSpec = {
  kind: "roadmap",
  version: 1,
  roots: {
    meta: metaSpec("roadmap", 1),
    phases: records(phaseSpec, 50),
    milestones: records(milestoneSpec, 200),
    /** Keyed by the focus board's id. */
    cycle: records(cycleEntrySpec, 200),
  },
};

export interface Phase {
  id: string;
  title: string;
  term: string;
  startDate: string | null;
  endDate: string | null;
  description: string;
  rank: string;
  activities: Activity[];
}
export interface Milestone {
  id: string;
  title: string;
  date: string | null;
  done: boolean;
  meetingBoardId: string | null;
  decisionPointId: string | null;
}
export interface CycleEntry {
  focusBoardId: string;
  step: CycleStep;
  note: string;
}
export interface RoadmapContent {
  phases: Phase[];
  /** By date (undated last), then title. */
  milestones: Milestone[];
  cycle: CycleEntry[];
}

type RootName = "phases" | "milestones" | "cycle";
const root = (doc: Y.Doc, name: RootName) => doc.getMap<unknown>(name);

/** The dates a term covers: HT = 1 July – 31 December, VT = 1 January – 30 June. */
export function termDates(term: string): { start: string; end: string } | null {
  const m = TERM.exec(term.trim());
  if (!m) return null;
  const year = m[2];
  return m[1] === "HT"
    ? { start: `${year}-07-01`, end: `${year}-12-31` }
    : { start: `${year}-01-01`, end: `${year}-06-30` };
}

/** A phase's span: its own dates, else its term's; null when it has neither. */
export function phaseSpan(p: Pick<Phase, "term" | "startDate" | "endDate">): { start: string; end: string } | null {
  const fromTerm = termDates(p.term);
  const start = p.startDate ?? fromTerm?.start ?? null;
  const end = p.endDate ?? fromTerm?.end ?? (p.startDate ? (fromTerm?.end ?? p.startDate) : null);
  if (!start || !end) return null;
  return { start, end: end < start ? start : end };
}

export function readRoadmap(doc: Y.Doc): RoadmapContent {
  const phases = recordEntries(root(doc, "phases"))
    .map(([id, p]) => ({
      id,
      title: read(p, "title", z.string(), ""),
      term: read(p, "term", z.string(), ""),
      startDate: read(p, "startDate", dateSchema.nullable(), null),
      endDate: read(p, "endDate", dateSchema.nullable(), null),
      description: read(p, "description", z.string(), ""),
      rank: read(p, "rank", rankSchema, "a0"),
      activities: valueEntries(readMap(p, "activities"), activitySchema).sort(byRank),
    }))
    .sort(byRank);
  const milestones = recordEntries(root(doc, "milestones"))
    .map(([id, m]) => ({
      id,
      title: read(m, "title", z.string(), ""),
      date: read(m, "date", dateSchema.nullable(), null),
      done: read(m, "done", z.boolean(), false),
      meetingBoardId: read(m, "meetingBoardId", boardIdSchema.nullable(), null),
      decisionPointId: read(m, "decisionPointId", z.uuid().nullable(), null),
    }))
    .sort((a, b) =>
      a.date === b.date
        ? a.title.localeCompare(b.title, "sv") || (a.id < b.id ? -1 : 1)
        : a.date === null
          ? 1
          : b.date === null
            ? -1
            : a.date < b.date
              ? -1
              : 1,
    );
  const cycle = recordEntries(root(doc, "cycle")).map(([focusBoardId, c]) => ({
    focusBoardId,
    step: read(c, "step", z.enum(CYCLE_STEPS), "identify"),
    note: read(c, "note", z.string(), ""),
  }));
  return { phases, milestones, cycle };
}

function record(doc: Y.Doc, name: RootName, id: string): YRecord {
  const r = root(doc, name).get(id);
  if (!(r instanceof Y.Map)) throw new BoardInputError(name, `no item ${id} on this roadmap.`);
  return r as YRecord;
}

/** A phase ends on or after it starts. */
function checkSpan(start: string | null, end: string | null) {
  if (start && end && end < start) throw new BoardInputError("endDate", "The phase ends before it starts.");
}

export type NewPhase = {
  title: string;
  term?: string;
  startDate?: string | null;
  endDate?: string | null;
  description?: string;
  id?: string;
};

export function addPhase(doc: Y.Doc, input: NewPhase): string {
  checkSpan(input.startDate ?? null, input.endDate ?? null);
  const id = newId(input.id);
  const phases = root(doc, "phases");
  phases.set(
    id,
    newRecord(phaseSpec, {
      title: input.title,
      term: input.term ?? "",
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      description: input.description ?? "",
      rank: rankAtEnd(ranked(phases)),
    }),
  );
  return id;
}

export type PhasePatch = Partial<Omit<Phase, "id" | "activities">>;

export function updatePhase(doc: Y.Doc, id: string, patch: PhasePatch): void {
  const phase = record(doc, "phases", id);
  checkSpan(
    patch.startDate !== undefined ? patch.startDate : read(phase, "startDate", dateSchema.nullable(), null),
    patch.endDate !== undefined ? patch.endDate : read(phase, "endDate", dateSchema.nullable(), null),
  );
  writeFields(phase, phaseSpec, patch);
}

function activities(doc: Y.Doc, phaseId: string): YRecord {
  const phase = record(doc, "phases", phaseId);
  let list = phase.get("activities");
  if (!(list instanceof Y.Map)) {
    list = new Y.Map();
    phase.set("activities", list);
  }
  return list as YRecord;
}

export function addActivity(doc: Y.Doc, phaseId: string, activityText: string, id?: string): string {
  const list = activities(doc, phaseId);
  const activityId = newId(id);
  const parsed = activitySchema.safeParse({ text: activityText, rank: rankAtEnd(ranked(list)), done: false });
  if (!parsed.success) throw new BoardInputError("text", parsed.error.issues[0]?.message ?? "invalid");
  list.set(activityId, parsed.data);
  return activityId;
}

export function updateActivity(
  doc: Y.Doc,
  phaseId: string,
  activityId: string,
  patch: Partial<Omit<Activity, "id">>,
): void {
  const list = activities(doc, phaseId);
  const current = activitySchema.safeParse(list.get(activityId));
  if (!current.success) throw new BoardInputError("activities", `no activity ${activityId} in this phase.`);
  const parsed = activitySchema.safeParse({ ...current.data, ...patch });
  if (!parsed.success) throw new BoardInputError("text", parsed.error.issues[0]?.message ?? "invalid");
  list.set(activityId, parsed.data);
}

export function removeActivity(doc: Y.Doc, phaseId: string, activityId: string): void {
  activities(doc, phaseId).delete(activityId);
}

export type NewMilestone = {
  title: string;
  date?: string | null;
  done?: boolean;
  meetingBoardId?: string | null;
  decisionPointId?: string | null;
  id?: string;
};

export function addMilestone(doc: Y.Doc, input: NewMilestone): string {
  const id = newId(input.id);
  root(doc, "milestones").set(
    id,
    newRecord(milestoneSpec, {
      title: input.title,
      date: input.date ?? null,
      done: input.done ?? false,
      meetingBoardId: input.meetingBoardId ?? null,
      decisionPointId: input.decisionPointId ?? null,
    }),
  );
  return id;
}

export function updateMilestone(doc: Y.Doc, id: string, patch: Partial<Omit<Milestone, "id">>): void {
  writeFields(record(doc, "milestones", id), milestoneSpec, patch);
}

/** Places a focus area (its board id) in the improvement cycle, or moves it to another step. */
export function setCycleStep(doc: Y.Doc, focusBoardId: string, step: CycleStep, note?: string): void {
  const parsed = boardIdSchema.safeParse(focusBoardId);
  if (!parsed.success) throw new BoardInputError("focusBoardId", "Not a valid board id.");
  const cycle = root(doc, "cycle");
  const current = cycle.get(focusBoardId);
  if (current instanceof Y.Map) writeFields(current as YRecord, cycleEntrySpec, { step, note });
  else cycle.set(focusBoardId, newRecord(cycleEntrySpec, { step, note: note ?? "" }));
}

export function removeRoadmapItem(doc: Y.Doc, list: RootName, id: string): void {
  root(doc, list).delete(id);
}
