/**
 * Board kind `plan` (lokal samverkansplan): purpose, meeting cadence, rich-text sections, the
 * partnership's goals with status and perspectives, and the contact routes between the
 * organisations. The plan's title is the board's title (one place: the boards table).
 */
import * as Y from "yjs";
import { z } from "zod";
import {
  BoardInputError,
  byRank,
  ensureRichText,
  newId,
  newRecord,
  rankAtEnd,
  rankBetween,
  ranked,
  read,
  readRichText,
  recordEntries,
  writeFields,
  type YRecord,
} from "./access.js";
import { commentsSpec } from "./comments.js";
import {
  dateSchema,
  organizationIdSchema,
  type Perspective,
  perspectivesSchema,
  rankSchema,
  requiredText,
  text,
} from "./fields.js";
import {
  type GoalFollowUp,
  type GoalLink,
  goalFollowUpSchema,
  goalLinkSchema,
  readGoalHistory,
  readGoalLinks,
} from "./goal-history.js";
import { type BoardSpec, map, metaSpec, records, richtext, value } from "./spec.js";

import { GOAL_LEVELS, GOAL_STATUSES, type GoalLevel, type GoalStatus } from "./vocabulary.js";

export { GOAL_LEVELS, GOAL_STATUSES, type GoalLevel, type GoalStatus };

export const sectionSpec = map({
  heading: value(requiredText(200)),
  rank: value(rankSchema),
  body: richtext(50_000),
});

export const goalSpec = map({
  title: value(requiredText(300)),
  level: value(z.enum(GOAL_LEVELS)),
  perspectives: value(perspectivesSchema),
  status: value(z.enum(GOAL_STATUSES)),
  comment: value(text(2000)),
  rank: value(rankSchema),
  /** The organisation that owns the goal. */
  organizationId: value(organizationIdSchema.nullable()),
  targetDate: value(dateSchema.nullable()),
  /** Follow-ups, appended (goal-history.ts); the latest one's status is the goal's. */
  history: records(value(goalFollowUpSchema), 200),
  /** Focus areas and actions that serve the goal. */
  links: records(value(goalLinkSchema), 100),
});

export const contactSpec = map({
  organizationId: value(organizationIdSchema.nullable()),
  organizationName: value(requiredText(200)),
  route: value(requiredText(300)),
  purpose: value(text(500)),
  rank: value(rankSchema),
});

export const planSpec: BoardSpec = {
  kind: "plan",
  version: 2,
  roots: {
    meta: metaSpec("plan", 2),
    plan: map({ purpose: richtext(20_000), meetingCadence: value(text(500)), period: value(text(100)) }),
    sections: records(sectionSpec, 100),
    goals: records(goalSpec, 200),
    contacts: records(contactSpec, 200),
    comments: commentsSpec,
  },
};

export interface Section {
  id: string;
  heading: string;
  rank: string;
  body: Y.XmlFragment | undefined;
}
export interface Goal {
  id: string;
  title: string;
  level: GoalLevel;
  perspectives: Perspective[];
  /** The latest follow-up's status, or the plain field when there is none. */
  status: GoalStatus;
  comment: string;
  rank: string;
  organizationId: string | null;
  targetDate: string | null;
  /** Oldest first. */
  history: GoalFollowUp[];
  links: GoalLink[];
}
export interface Contact {
  id: string;
  organizationId: string | null;
  organizationName: string;
  route: string;
  purpose: string;
  rank: string;
}
export interface PlanContent {
  purpose: Y.XmlFragment | undefined;
  meetingCadence: string;
  period: string;
  sections: Section[];
  goals: Goal[];
  contacts: Contact[];
}

const root = (doc: Y.Doc, name: "plan" | "sections" | "goals" | "contacts") => doc.getMap<unknown>(name);

export function readPlan(doc: Y.Doc): PlanContent {
  const plan = root(doc, "plan");
  return {
    purpose: readRichText(plan, "purpose"),
    meetingCadence: read(plan, "meetingCadence", z.string(), ""),
    period: read(plan, "period", z.string(), ""),
    sections: recordEntries(root(doc, "sections"))
      .map(([id, s]) => ({
        id,
        heading: read(s, "heading", z.string(), ""),
        rank: read(s, "rank", rankSchema, "a0"),
        body: readRichText(s, "body"),
      }))
      .sort(byRank),
    goals: recordEntries(root(doc, "goals"))
      .map(([id, g]) => readGoal(id, g))
      .sort(byRank),
    contacts: recordEntries(root(doc, "contacts"))
      .map(([id, c]) => ({
        id,
        organizationId: read(c, "organizationId", organizationIdSchema.nullable(), null),
        organizationName: read(c, "organizationName", z.string(), ""),
        route: read(c, "route", z.string(), ""),
        purpose: read(c, "purpose", z.string(), ""),
        rank: read(c, "rank", rankSchema, "a0"),
      }))
      .sort(byRank),
  };
}

function readGoal(id: string, g: YRecord): Goal {
  const history = readGoalHistory(g);
  return {
    id,
    title: read(g, "title", z.string(), ""),
    level: read(g, "level", z.enum(GOAL_LEVELS), "effect"),
    perspectives: read(g, "perspectives", perspectivesSchema, []),
    status: history.at(-1)?.status ?? read(g, "status", z.enum(GOAL_STATUSES), "not_started"),
    comment: read(g, "comment", z.string(), ""),
    rank: read(g, "rank", rankSchema, "a0"),
    organizationId: read(g, "organizationId", organizationIdSchema.nullable(), null),
    targetDate: read(g, "targetDate", dateSchema.nullable(), null),
    history,
    links: readGoalLinks(g),
  };
}

/** The purpose fragment, created on first use (bind it to the editor). */
export function planPurpose(doc: Y.Doc): Y.XmlFragment {
  const plan = root(doc, "plan");
  let fragment = plan.get("purpose");
  if (!(fragment instanceof Y.XmlFragment)) {
    fragment = new Y.XmlFragment();
    plan.set("purpose", fragment);
  }
  return fragment as Y.XmlFragment;
}

export function setPlanDetails(doc: Y.Doc, patch: { meetingCadence?: string; period?: string }): void {
  writeFields(root(doc, "plan"), planSpec.roots.plan as ReturnType<typeof map>, patch);
}

function record(doc: Y.Doc, name: "sections" | "goals" | "contacts", id: string): YRecord {
  const r = root(doc, name).get(id);
  if (!(r instanceof Y.Map)) throw new BoardInputError(name, `no item ${id} on this plan.`);
  return r as YRecord;
}

export function addSection(doc: Y.Doc, heading: string): string {
  const id = newId();
  root(doc, "sections").set(id, newRecord(sectionSpec, { heading, rank: rankAtEnd(ranked(root(doc, "sections"))) }));
  return id;
}

export function sectionBody(doc: Y.Doc, id: string): Y.XmlFragment {
  return ensureRichText(record(doc, "sections", id), "body");
}

export function updateSection(doc: Y.Doc, id: string, patch: { heading?: string; rank?: string }): void {
  writeFields(record(doc, "sections", id), sectionSpec, patch);
}

export type NewGoal = {
  title: string;
  level?: GoalLevel;
  perspectives?: Perspective[];
  status?: GoalStatus;
  comment?: string;
  organizationId?: string | null;
  targetDate?: string | null;
};

export function addGoal(doc: Y.Doc, input: NewGoal): string {
  const id = newId();
  root(doc, "goals").set(
    id,
    newRecord(goalSpec, {
      title: input.title,
      level: input.level ?? "effect",
      perspectives: input.perspectives ?? [],
      status: input.status ?? "not_started",
      comment: input.comment ?? "",
      rank: rankAtEnd(ranked(root(doc, "goals"))),
      organizationId: input.organizationId ?? null,
      targetDate: input.targetDate ?? null,
    }),
  );
  return id;
}

export function updateGoal(doc: Y.Doc, id: string, patch: Partial<Omit<Goal, "id" | "history" | "links">>): void {
  writeFields(record(doc, "goals", id), goalSpec, patch);
}

export type NewContact = { organizationId?: string | null; organizationName: string; route: string; purpose?: string };

export function addContact(doc: Y.Doc, input: NewContact): string {
  const id = newId();
  root(doc, "contacts").set(
    id,
    newRecord(contactSpec, {
      organizationId: input.organizationId ?? null,
      organizationName: input.organizationName,
      route: input.route,
      purpose: input.purpose ?? "",
      rank: rankAtEnd(ranked(root(doc, "contacts"))),
    }),
  );
  return id;
}

export function updateContact(doc: Y.Doc, id: string, patch: Partial<Omit<Contact, "id">>): void {
  writeFields(record(doc, "contacts", id), contactSpec, patch);
}

export function removePlanItem(doc: Y.Doc, list: "sections" | "goals" | "contacts", id: string): void {
  root(doc, list).delete(id);
}

/**
 * Moves a section, goal or contact route to just after `afterId` (null: first). Only its rank
 * changes (a fractional key between its new neighbours), so someone editing it meanwhile keeps
 * their words and the item keeps its id.
 */
export function movePlanItem(
  doc: Y.Doc,
  list: "sections" | "goals" | "contacts",
  id: string,
  afterId: string | null,
): void {
  const item = record(doc, list, id);
  const others = ranked(root(doc, list)).filter((r) => r.id !== id);
  const at = afterId === null ? -1 : others.findIndex((r) => r.id === afterId);
  if (afterId !== null && at === -1) throw new BoardInputError(list, `no item ${afterId} on this plan.`);
  const rank = rankBetween(others[at]?.rank ?? null, others[at + 1]?.rank ?? null);
  const spec = list === "sections" ? sectionSpec : list === "goals" ? goalSpec : contactSpec;
  writeFields(item, spec, { rank });
}
