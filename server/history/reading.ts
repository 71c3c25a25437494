/**
 * A board read as a flat list of items and board-level fields, through the typed helpers in
 * shared/boards: what history compares between versions, what a version's read-only view shows,
 * and the text `forget` searches.
 */
import type * as Y from "yjs";
import { readFocus } from "../../shared/boards/focus.js";
import { readFollowup } from "../../shared/boards/followup.js";
import { readMinutes } from "../../shared/boards/minutes.js";
import { readPlan } from "../../shared/boards/plan.js";
import { readRoadmap } from "../../shared/boards/roadmap.js";
import type { BoardKind } from "../../shared/boards/spec.js";
import type { BoardField, ItemType } from "../../shared/history/changes.js";
import { richTextToPlain } from "../../shared/richtext/text.js";

export interface ReadItem {
  id: string;
  type: ItemType;
  /** The agenda item a decision or minutes action item belongs to. */
  parentId: string | null;
  title: string;
  status: string | null;
  ownerId: string | null;
  dueDate: string | null;
  /** Everything else in the item, as text (a change here is "edited"). */
  body: string;
}

export interface BoardReading {
  fields: Partial<Record<BoardField, string>>;
  /** In the board's own order. */
  items: ReadItem[];
}

const lines = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim() !== "").join("\n");

function item(type: ItemType, id: string, title: string, rest: Partial<ReadItem> = {}): ReadItem {
  return { id, type, parentId: null, title, status: null, ownerId: null, dueDate: null, body: "", ...rest };
}

export function readBoard(doc: Y.Doc, kind: BoardKind): BoardReading {
  if (kind === "focus") {
    const focus = readFocus(doc);
    return {
      fields: {
        description: richTextToPlain(focus.description),
        targetGroup: focus.targetGroup,
        perspectives: focus.perspectives.join(", "),
      },
      items: focus.actions.map((a) =>
        item("action", a.id, a.title, {
          status: a.status,
          ownerId: a.ownerId,
          dueDate: a.dueDate,
          body: lines(
            richTextToPlain(a.description),
            ...Object.values(a.pdsaNotes),
            ...a.measurements.map((m) => `${m.label}: ${m.value} ${m.unit} (${m.date})`),
          ),
        }),
      ),
    };
  }
  if (kind === "plan") {
    const plan = readPlan(doc);
    return {
      fields: { purpose: richTextToPlain(plan.purpose), meetingCadence: plan.meetingCadence, period: plan.period },
      items: [
        ...plan.sections.map((s) => item("section", s.id, s.heading, { body: richTextToPlain(s.body) })),
        ...plan.goals.map((g) => item("goal", g.id, g.title, { status: g.status, body: g.comment })),
        ...plan.contacts.map((c) => item("contact", c.id, c.organizationName, { body: lines(c.route, c.purpose) })),
      ],
    };
  }
  if (kind === "followup") {
    const f = readFollowup(doc);
    const units = new Map(f.units.map((u) => [u.id, u.name]));
    const occasions = new Map(f.occasions.map((o) => [o.id, `${o.label} (${o.date})`]));
    return {
      fields: { description: f.description },
      items: f.indicators.map((i) =>
        item("indicator", i.id, i.name, {
          body: lines(
            i.method,
            ...i.values.map(
              (v) =>
                `${units.get(v.unitId)}, ${occasions.get(v.occasionId)}: ${v.value}${v.respondents === null ? "" : ` (n=${v.respondents})`}`,
            ),
          ),
        }),
      ),
    };
  }
  if (kind === "roadmap") {
    const roadmap = readRoadmap(doc);
    return {
      fields: {},
      items: [
        ...roadmap.phases.flatMap((p) => [
          item("phase", p.id, p.title, {
            body: lines(p.term, p.startDate, p.endDate, p.description),
          }),
          ...p.activities.map((a) =>
            item("activity", a.id, a.text, { parentId: p.id, status: a.done ? "done" : "open" }),
          ),
        ]),
        ...roadmap.milestones.map((m) =>
          item("milestone", m.id, m.title, {
            status: m.done ? "done" : "open",
            dueDate: m.date,
            body: lines(m.meetingBoardId, m.decisionPointId),
          }),
        ),
        ...roadmap.cycle.map((c) =>
          item("cycleStep", c.focusBoardId, c.focusBoardId, { status: c.step, body: c.note }),
        ),
      ],
    };
  }
  const { meeting, attendees, items } = readMinutes(doc);
  return {
    fields: {
      meeting: lines(meeting.startsAt, meeting.endsAt, meeting.place),
      attendees: attendees
        .map((a) => `${a.name}${a.organizationName ? ` (${a.organizationName})` : ""}${a.present ? "" : " –"}`)
        .join("\n"),
    },
    items: items.flatMap((i) => [
      item("agendaItem", i.id, i.title, {
        body: lines(i.number === null ? null : `§ ${i.number}`, richTextToPlain(i.notes)),
      }),
      ...i.decisions.map((d) => item("decision", d.id, d.text, { parentId: i.id })),
      ...i.actionItems.map((a) =>
        item("actionItem", a.id, a.title, { parentId: i.id, ownerId: a.ownerId, dueDate: a.dueDate }),
      ),
    ]),
  };
}

/** All the text of a reading, for `forget`'s predicate. */
export function readingText(reading: BoardReading): string {
  return lines(
    ...Object.values(reading.fields),
    ...reading.items.flatMap((i) => [i.title, i.body, i.ownerId, i.dueDate, i.status]),
  );
}
