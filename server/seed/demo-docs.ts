/**
 * Builds the demo boards' Yjs documents from the content data, through the typed board helpers in
 * shared/boards only. The minutes and the focus areas are linked both ways: an action item in the
 * minutes names the focus board and action it created, and that action's `source` names the
 * minutes board, agenda item and §.
 */
import * as Y from "yjs";
import {
  addAction,
  addMeasurement,
  focusDescription,
  getAction,
  PDSA_PHASES,
  setFocusDetails,
  setPdsaNote,
} from "../../shared/boards/focus.js";
import { type BoardKind, openBoard } from "../../shared/boards/index.js";
import {
  addActionItem,
  addAgendaItem,
  addAttendee,
  addDecision,
  agendaNotes,
  setMeeting,
} from "../../shared/boards/minutes.js";
import { addContact, addGoal, addSection, planPurpose, sectionBody, setPlanDetails } from "../../shared/boards/plan.js";
import { writePlainParagraphs } from "../../shared/richtext/text.js";
import type { DemoCalendar } from "./demo-calendar.js";
import { type ActionSeed, type AgendaKey, FOCUS_AREAS, type FocusKey, type FocusSeed } from "./demo-focus.js";
import { buildFollowupDoc, seedGoalFollowUps } from "./demo-followup.js";
import { AGENDA, ATTENDEES, attendeeRole, MEETING_HOURS, MEETING_PLACE } from "./demo-minutes.js";
import { DEMO_ORGANIZATIONS, type DemoPersonKey, type OrgKey } from "./demo-people.js";
import { PLAN_CADENCE, PLAN_CONTACTS, PLAN_GOALS, PLAN_PURPOSE, PLAN_SECTIONS, planPeriod } from "./demo-plan.js";

export interface DemoIds {
  users: Record<DemoPersonKey, string>;
  orgs: Record<OrgKey, string>;
  boards: { plan: string; minutes: string; focus: Record<FocusKey, string>; followup: string };
}

export interface DemoDoc {
  boardId: string;
  kind: BoardKind;
  doc: Y.Doc;
}

type AgendaIndex = Map<AgendaKey, { itemId: string; number: number }>;

function opened(kind: BoardKind): Y.Doc {
  const doc = new Y.Doc();
  const result = openBoard(doc, kind);
  if (!result.ok) throw new Error(`a new ${kind} document did not open: ${result.reason}`);
  return doc;
}

/** Every demo board's document: the plan, the four focus areas and the meeting's minutes. */
export function buildDemoDocs(ids: DemoIds, calendar: DemoCalendar): DemoDoc[] {
  // Actions decided at the meeting get their ids first, so the minutes can point at them.
  const decided = new Map<ActionSeed, string>();
  for (const area of FOCUS_AREAS)
    for (const action of area.actions) if (action.decidedUnder) decided.set(action, crypto.randomUUID());

  const { doc: minutes, agenda } = buildMinutes(ids, calendar, decided);
  const plan = buildPlan(ids, calendar);
  // A year of follow-up (demo-followup.ts): the goals' status histories, then the measurements.
  const goalIds = seedGoalFollowUps(plan, { ...ids, focus: ids.boards.focus }, calendar);
  const followup = opened("followup");
  buildFollowupDoc(followup, { ...ids, planId: ids.boards.plan }, goalIds, calendar);
  return [
    { boardId: ids.boards.plan, kind: "plan", doc: plan },
    ...FOCUS_AREAS.map((area) => ({
      boardId: ids.boards.focus[area.key],
      kind: "focus" as const,
      doc: buildFocus(area, ids, calendar, decided, agenda),
    })),
    { boardId: ids.boards.minutes, kind: "minutes", doc: minutes },
    { boardId: ids.boards.followup, kind: "followup", doc: followup },
  ];
}

function buildPlan(ids: DemoIds, calendar: DemoCalendar): Y.Doc {
  const doc = opened("plan");
  writePlainParagraphs(planPurpose(doc), PLAN_PURPOSE);
  setPlanDetails(doc, { meetingCadence: PLAN_CADENCE, period: planPeriod(calendar.year) });
  for (const section of PLAN_SECTIONS) {
    const id = addSection(doc, section.heading);
    writePlainParagraphs(sectionBody(doc, id), section.body);
  }
  for (const goal of PLAN_GOALS) addGoal(doc, goal);
  for (const contact of PLAN_CONTACTS) {
    addContact(doc, {
      organizationId: ids.orgs[contact.org],
      organizationName: DEMO_ORGANIZATIONS[contact.org].name,
      route: contact.route,
      purpose: contact.purpose,
    });
  }
  return doc;
}

function buildMinutes(
  ids: DemoIds,
  calendar: DemoCalendar,
  decided: Map<ActionSeed, string>,
): { doc: Y.Doc; agenda: AgendaIndex } {
  const doc = opened("minutes");
  setMeeting(doc, {
    type: "collaboration",
    startsAt: calendar.meetingTime(MEETING_HOURS.start),
    endsAt: calendar.meetingTime(MEETING_HOURS.end),
    place: MEETING_PLACE,
    convenerId: ids.users.convener,
    approverIds: [ids.users.doctor],
  });
  for (const seed of ATTENDEES) {
    const who = attendeeRole(seed);
    addAttendee(doc, {
      name: who.name,
      userId: "person" in seed ? ids.users[seed.person] : null,
      organizationId: ids.orgs[who.org],
      organizationName: DEMO_ORGANIZATIONS[who.org].name,
      role: who.title,
      present: seed.present,
    });
  }
  const agenda: AgendaIndex = new Map();
  AGENDA.forEach((item, index) => {
    const number = index + 1;
    const itemId = addAgendaItem(doc, { title: item.title, number });
    writePlainParagraphs(agendaNotes(doc, itemId), item.notes);
    for (const decision of item.decisions) addDecision(doc, itemId, decision);
    agenda.set(item.key, { itemId, number });
  });
  for (const area of FOCUS_AREAS) {
    for (const action of area.actions) {
      const actionId = decided.get(action);
      const under = action.decidedUnder && agenda.get(action.decidedUnder);
      if (!actionId || !under) continue;
      addActionItem(doc, under.itemId, {
        title: action.title,
        ownerId: action.owner ? ids.users[action.owner] : null,
        dueDate: action.dueInDays === null ? null : calendar.date(action.dueInDays),
        focusBoardId: ids.boards.focus[area.key],
        actionId,
      });
    }
  }
  return { doc, agenda };
}

function buildFocus(
  area: FocusSeed,
  ids: DemoIds,
  calendar: DemoCalendar,
  decided: Map<ActionSeed, string>,
  agenda: AgendaIndex,
): Y.Doc {
  const doc = opened("focus");
  setFocusDetails(doc, { targetGroup: area.targetGroup, perspectives: area.perspectives });
  writePlainParagraphs(focusDescription(doc), area.description);
  for (const action of area.actions) {
    const under = action.decidedUnder ? agenda.get(action.decidedUnder) : undefined;
    const id = addAction(
      doc,
      {
        id: decided.get(action),
        title: action.title,
        status: action.status,
        ownerId: action.owner ? ids.users[action.owner] : null,
        organizationId: ids.orgs[action.org],
        dueDate: action.dueInDays === null ? null : calendar.date(action.dueInDays),
        pdsaPhase: action.pdsa ?? null,
        source: under ? { boardId: ids.boards.minutes, itemId: under.itemId, paragraph: under.number } : null,
      },
      calendar.instant(under ? calendar.meetingDay : -action.createdDaysAgo),
    );
    // There is no description accessor for actions; the fragment addAction created is reached through getAction.
    const description = getAction(doc, id)?.description;
    if (!description) throw new Error(`action "${action.title}" has no description fragment`);
    writePlainParagraphs(description, action.description);
    for (const phase of PDSA_PHASES) {
      const note = action.notes?.[phase];
      if (note) setPdsaNote(doc, id, phase, note);
    }
    for (const m of action.measurements ?? []) {
      addMeasurement(doc, id, {
        label: m.label,
        value: m.value,
        unit: m.unit,
        date: calendar.date(-m.daysAgo),
        kind: m.kind,
        example: true,
      });
    }
  }
  return doc;
}
