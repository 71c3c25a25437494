/**
 * Board kind `minutes` (protokoll: approved by its justerare and sealed): one meeting — its type, time, place,
 * convener and approvers (justerare), attendees by organisation, and agenda items numbered by §
 * with notes (rich text), decisions and action items. Decisions and action items are plain values
 * keyed by id: each is written whole, so concurrent edits of one decision keep one whole version.
 */
import * as Y from "yjs";
import { z } from "zod";
import {
  BoardInputError,
  byRank,
  ensureMap,
  ensureRichText,
  inputError,
  newId,
  newRecord,
  rankAtEnd,
  ranked,
  read,
  readMap,
  readRichText,
  recordEntries,
  valueEntries,
  writeFields,
  type YRecord,
} from "./access.js";
import {
  boardIdSchema,
  dateSchema,
  dateTimeSchema,
  itemIdSchema,
  organizationIdSchema,
  rankSchema,
  requiredText,
  text,
  userIdSchema,
} from "./fields.js";
import { type BoardSpec, map, metaSpec, records, richtext, value } from "./spec.js";

import { MEETING_TYPES, type MeetingType } from "./vocabulary.js";

export { MEETING_TYPES, type MeetingType };

export const attendeeSchema = z.strictObject({
  name: requiredText(200),
  userId: userIdSchema.nullable().default(null),
  organizationId: organizationIdSchema.nullable().default(null),
  organizationName: text(200).default(""),
  role: text(100).default(""),
  present: z.boolean(),
  rank: rankSchema,
});
export type Attendee = z.infer<typeof attendeeSchema> & { id: string };

export const decisionSchema = z.strictObject({ text: requiredText(2000), rank: rankSchema });
export type Decision = z.infer<typeof decisionSchema> & { id: string };

export const actionItemSchema = z.strictObject({
  title: requiredText(200),
  ownerId: userIdSchema.nullable().default(null),
  dueDate: dateSchema.nullable().default(null),
  /** The focus-area board the action belongs on, and the action created there. */
  focusBoardId: boardIdSchema.nullable().default(null),
  actionId: itemIdSchema.nullable().default(null),
  rank: rankSchema,
});
export type ActionItem = z.infer<typeof actionItemSchema> & { id: string };

export const agendaItemSpec = map({
  /** The § number; numbering continues across the partnership's meetings within a year. */
  number: value(z.number().int().min(1).max(100_000).nullable()),
  title: value(requiredText(300)),
  rank: value(rankSchema),
  notes: richtext(50_000),
  decisions: records(value(decisionSchema), 50),
  actionItems: records(value(actionItemSchema), 50),
});

export const meetingSpec = map({
  type: value(z.enum(MEETING_TYPES)),
  startsAt: value(dateTimeSchema.nullable()),
  endsAt: value(dateTimeSchema.nullable()),
  place: value(text(200)),
  convenerId: value(userIdSchema.nullable()),
  approverIds: value(z.array(userIdSchema).max(10)),
});

export const minutesSpec: BoardSpec = {
  kind: "minutes",
  version: 1,
  roots: {
    meta: metaSpec("minutes", 1),
    meeting: meetingSpec,
    attendees: records(value(attendeeSchema), 200),
    items: records(agendaItemSpec, 200),
  },
};

export interface AgendaItem {
  id: string;
  number: number | null;
  title: string;
  rank: string;
  notes: Y.XmlFragment | undefined;
  decisions: Decision[];
  actionItems: ActionItem[];
}
export interface Meeting {
  type: MeetingType;
  startsAt: string | null;
  endsAt: string | null;
  place: string;
  convenerId: string | null;
  approverIds: string[];
}
export interface MinutesContent {
  meeting: Meeting;
  attendees: Attendee[];
  items: AgendaItem[];
}

const meetingRoot = (doc: Y.Doc) => doc.getMap<unknown>("meeting");
const attendeesRoot = (doc: Y.Doc) => doc.getMap<unknown>("attendees");
const itemsRoot = (doc: Y.Doc) => doc.getMap<unknown>("items");

export function readMinutes(doc: Y.Doc): MinutesContent {
  const m = meetingRoot(doc);
  return {
    meeting: {
      type: read(m, "type", z.enum(MEETING_TYPES), "collaboration"),
      startsAt: read(m, "startsAt", dateTimeSchema.nullable(), null),
      endsAt: read(m, "endsAt", dateTimeSchema.nullable(), null),
      place: read(m, "place", z.string(), ""),
      convenerId: read(m, "convenerId", userIdSchema.nullable(), null),
      approverIds: read(m, "approverIds", z.array(userIdSchema), []),
    },
    attendees: valueEntries(attendeesRoot(doc), attendeeSchema).sort(byRank),
    items: recordEntries(itemsRoot(doc))
      .map(([id, item]) => ({
        id,
        number: read(item, "number", z.number().int().nullable(), null),
        title: read(item, "title", z.string(), ""),
        rank: read(item, "rank", rankSchema, "a0"),
        notes: readRichText(item, "notes"),
        decisions: valueEntries(readMap(item, "decisions"), decisionSchema).sort(byRank),
        actionItems: valueEntries(readMap(item, "actionItems"), actionItemSchema).sort(byRank),
      }))
      .sort(byRank),
  };
}

export function setMeeting(doc: Y.Doc, patch: Partial<Meeting>): void {
  writeFields(meetingRoot(doc), meetingSpec, patch);
}

export type NewAttendee = Omit<z.input<typeof attendeeSchema>, "rank">;

export function addAttendee(doc: Y.Doc, input: NewAttendee): string {
  const parsed = attendeeSchema.safeParse({ ...input, rank: rankAtEnd(ranked(attendeesRoot(doc))) });
  if (!parsed.success) throw inputError("attendee", parsed.error.issues[0]);
  const id = newId();
  attendeesRoot(doc).set(id, parsed.data);
  return id;
}

export function setPresence(doc: Y.Doc, attendeeId: string, present: boolean): void {
  const current = attendeeSchema.safeParse(attendeesRoot(doc).get(attendeeId));
  if (!current.success) throw new BoardInputError("attendee", `no attendee ${attendeeId}.`);
  attendeesRoot(doc).set(attendeeId, { ...current.data, present });
}

export function removeAttendee(doc: Y.Doc, attendeeId: string): void {
  attendeesRoot(doc).delete(attendeeId);
}

function itemMap(doc: Y.Doc, id: string): YRecord {
  const item = itemsRoot(doc).get(id);
  if (!(item instanceof Y.Map)) throw new BoardInputError("item", `no agenda item ${id}.`);
  return item as YRecord;
}

export function addAgendaItem(doc: Y.Doc, input: { title: string; number?: number | null; id?: string }): string {
  const id = newId(input.id);
  itemsRoot(doc).set(
    id,
    newRecord(agendaItemSpec, {
      title: input.title,
      number: input.number ?? null,
      rank: rankAtEnd(ranked(itemsRoot(doc))),
    }),
  );
  return id;
}

export function updateAgendaItem(
  doc: Y.Doc,
  id: string,
  patch: { title?: string; number?: number | null; rank?: string },
): void {
  writeFields(itemMap(doc, id), agendaItemSpec, patch);
}

export function agendaNotes(doc: Y.Doc, id: string): Y.XmlFragment {
  return ensureRichText(itemMap(doc, id), "notes");
}

export function removeAgendaItem(doc: Y.Doc, id: string): void {
  itemsRoot(doc).delete(id);
}

function itemList(doc: Y.Doc, itemId: string, list: "decisions" | "actionItems"): YRecord {
  return ensureMap(itemMap(doc, itemId), list);
}

export function addDecision(doc: Y.Doc, itemId: string, decisionText: string): string {
  const list = itemList(doc, itemId, "decisions");
  const parsed = decisionSchema.safeParse({
    text: decisionText,
    rank: rankAtEnd(valueEntries(list, decisionSchema)),
  });
  if (!parsed.success) throw inputError("decision", parsed.error.issues[0]);
  const id = newId();
  list.set(id, parsed.data);
  return id;
}

export function updateDecision(doc: Y.Doc, itemId: string, decisionId: string, decisionText: string): void {
  const list = itemList(doc, itemId, "decisions");
  const current = decisionSchema.safeParse(list.get(decisionId));
  if (!current.success) throw new BoardInputError("decision", `no decision ${decisionId}.`);
  const next = decisionSchema.safeParse({ ...current.data, text: decisionText });
  if (!next.success) throw inputError("decision", next.error.issues[0]);
  list.set(decisionId, next.data);
}

export type NewActionItem = Omit<z.input<typeof actionItemSchema>, "rank">;

export function addActionItem(doc: Y.Doc, itemId: string, input: NewActionItem): string {
  const list = itemList(doc, itemId, "actionItems");
  const parsed = actionItemSchema.safeParse({ ...input, rank: rankAtEnd(valueEntries(list, actionItemSchema)) });
  if (!parsed.success) throw inputError("actionItem", parsed.error.issues[0]);
  const id = newId();
  list.set(id, parsed.data);
  return id;
}

export type ActionItemPatch = Partial<Omit<ActionItem, "id" | "rank">>;

/**
 * Changes fields of an action item by writing the whole value again (never one key of it), so two
 * people editing the same item at once end with one whole version, not a mix of both.
 */
export function updateActionItem(doc: Y.Doc, itemId: string, actionItemId: string, patch: ActionItemPatch): void {
  const list = itemList(doc, itemId, "actionItems");
  const current = actionItemSchema.safeParse(list.get(actionItemId));
  if (!current.success) throw new BoardInputError("actionItem", `no action item ${actionItemId}.`);
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next = actionItemSchema.safeParse({ ...current.data, ...given });
  if (!next.success) throw inputError("actionItem", next.error.issues[0]);
  list.set(actionItemId, next.data);
}

export function removeFromItem(doc: Y.Doc, itemId: string, list: "decisions" | "actionItems", id: string): void {
  itemList(doc, itemId, list).delete(id);
}
