import { describe, expect, it } from "vitest";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import * as Y from "yjs";
import { BoardInputError } from "../../shared/boards/access.js";
import * as focus from "../../shared/boards/focus.js";
import { openBoard, schemaVersionOf } from "../../shared/boards/index.js";
import * as minutes from "../../shared/boards/minutes.js";
import * as plan from "../../shared/boards/plan.js";
import { richTextSchema } from "../../shared/richtext/schema.js";
import { richTextToPlain, writePlainParagraphs } from "../../shared/richtext/text.js";
import { updatesOf } from "../helpers/yjs.js";

const USER = "11111111-1111-4111-8111-111111111111";
const USER_2 = "22222222-2222-4222-8222-222222222222";
const ORG = "33333333-3333-4333-8333-333333333333";
const BOARD = "44444444-4444-4444-8444-444444444444";
const NOW = new Date("2026-03-12T12:00:00.000Z");

/** A fresh document holding exactly what `doc` holds, as a peer would after syncing. */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Read content as plain data: rich text as y-prosemirror JSON. */
function plain(value: unknown): unknown {
  if (value instanceof Y.XmlFragment) return yXmlFragmentToProsemirrorJSON(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

const richDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Mål" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Se " },
        { type: "text", text: "vårdguiden", marks: [{ type: "link", attrs: { href: "https://www.1177.se" } }] },
        { type: "hard_break" },
        { type: "text", text: "viktigt", marks: [{ type: "strong" }] },
      ],
    },
  ],
};

/** `richDoc` as y-prosemirror reads it back from a fragment (marks gain `attrs: {}`). */
function richDocAsStored() {
  const fragment = new Y.Doc().getXmlFragment("x");
  prosemirrorJSONToYXmlFragment(richTextSchema, richDoc, fragment);
  const json = yXmlFragmentToProsemirrorJSON(fragment);
  expect(json.content).toHaveLength(2);
  return json;
}

describe("board helpers round-trip through Yjs", () => {
  it("focus: details, description, actions with every field, PDSA notes, measurements", () => {
    const doc = new Y.Doc();
    openBoard(doc, "focus");
    focus.setFocusDetails(doc, { targetGroup: "Äldre med hemtjänst", perspectives: ["citizen", "staff"] });
    writePlainParagraphs(focus.focusDescription(doc), "Färre akuta inläggningar\nTrygg hemgång");
    const a = focus.addAction(doc, { title: "Brytpunktssamtal", status: "planned", ownerId: USER, id: "a1" }, NOW);
    const b = focus.addAction(
      doc,
      { title: "Läkemedelsgenomgång", dueDate: "2026-04-30", pdsaPhase: "do", organizationId: ORG },
      NOW,
    );
    focus.updateAction(doc, a, {
      dueDate: "2026-05-01",
      source: { boardId: BOARD, itemId: "item-1", paragraph: 12 },
    });
    focus.setPdsaNote(doc, a, "study", "Mät andel genomförda samtal");
    focus.moveAction(doc, b, "in_progress", null);
    const m1 = focus.addMeasurement(doc, a, { label: "Andel", value: 0.4, date: "2026-01-15", kind: "baseline" });
    const m2 = focus.addMeasurement(doc, a, { label: "Andel", value: 0.6, date: "2026-03-01", kind: "follow_up" });
    const gone = focus.addMeasurement(doc, a, { label: "Fel", value: 1, date: "2026-02-01", kind: "baseline" });
    focus.removeMeasurement(doc, a, gone);
    prosemirrorJSONToYXmlFragment(richTextSchema, richDoc, focus.getAction(doc, a)?.description);

    const copy = copyOf(doc);
    const read = focus.readFocus(copy);
    expect(plain(read)).toEqual(plain(focus.readFocus(doc)));
    expect(richTextToPlain(read.description)).toBe("Färre akuta inläggningar\nTrygg hemgång");
    expect(read.targetGroup).toBe("Äldre med hemtjänst");
    expect(read.perspectives).toEqual(["citizen", "staff"]);
    expect(read.actions.map((x) => [x.id, x.status])).toEqual([
      [a, "planned"],
      [b, "in_progress"],
    ]);
    const [first, second] = read.actions;
    expect(first).toMatchObject({
      title: "Brytpunktssamtal",
      ownerId: USER,
      organizationId: null,
      dueDate: "2026-05-01",
      pdsaPhase: null,
      pdsaNotes: { plan: "", do: "", study: "Mät andel genomförda samtal", act: "" },
      source: { boardId: BOARD, itemId: "item-1", paragraph: 12 },
      createdAt: NOW.toISOString(),
    });
    expect(first?.measurements).toEqual([
      { id: m1, label: "Andel", value: 0.4, unit: "", date: "2026-01-15", kind: "baseline", example: false },
      { id: m2, label: "Andel", value: 0.6, unit: "", date: "2026-03-01", kind: "follow_up", example: false },
    ]);
    expect(yXmlFragmentToProsemirrorJSON(first?.description as Y.XmlFragment)).toEqual(richDocAsStored());
    expect(second).toMatchObject({ dueDate: "2026-04-30", pdsaPhase: "do", organizationId: ORG });

    focus.removeAction(doc, b);
    expect(focus.readFocus(copyOf(doc)).actions.map((x) => x.id)).toEqual([a]);
  });

  it("plan: purpose, details, sections, goals, contacts", () => {
    const doc = new Y.Doc();
    openBoard(doc, "plan");
    writePlainParagraphs(plan.planPurpose(doc), "Gemensam vård för äldre");
    plan.setPlanDetails(doc, { meetingCadence: "Varannan vecka", period: "2026" });
    const s1 = plan.addSection(doc, "Bakgrund");
    const s2 = plan.addSection(doc, "Arbetssätt");
    plan.updateSection(doc, s2, { heading: "Så arbetar vi" });
    prosemirrorJSONToYXmlFragment(richTextSchema, richDoc, plan.sectionBody(doc, s1));
    const g1 = plan.addGoal(doc, { title: "Färre inläggningar", perspectives: ["citizen"], level: "effect" });
    const g2 = plan.addGoal(doc, { title: "Rutin för hemgång", level: "project" });
    plan.updateGoal(doc, g2, { status: "partly_achieved", comment: "Halvvägs" });
    const c1 = plan.addContact(doc, {
      organizationName: "Vårdcentralen",
      route: "Telefon 010-123",
      organizationId: ORG,
    });
    const c2 = plan.addContact(doc, { organizationName: "Hemtjänsten", route: "Journal", purpose: "Akut" });
    plan.updateContact(doc, c1, { purpose: "Läkemedel" });
    const gone = plan.addGoal(doc, { title: "Strykes" });
    plan.removePlanItem(doc, "goals", gone);

    const read = plan.readPlan(copyOf(doc));
    expect(plain(read)).toEqual(plain(plan.readPlan(doc)));
    expect(richTextToPlain(read.purpose)).toBe("Gemensam vård för äldre");
    expect([read.meetingCadence, read.period]).toEqual(["Varannan vecka", "2026"]);
    expect(read.sections.map((s) => [s.id, s.heading])).toEqual([
      [s1, "Bakgrund"],
      [s2, "Så arbetar vi"],
    ]);
    expect(richTextToPlain(read.sections[0]?.body)).toBe("Mål\nSe vårdguiden\nviktigt");
    expect(yXmlFragmentToProsemirrorJSON(read.sections[0]?.body as Y.XmlFragment)).toEqual(richDocAsStored());
    expect(read.goals.map(({ rank: _, ...g }) => g)).toEqual([
      {
        id: g1,
        title: "Färre inläggningar",
        level: "effect",
        perspectives: ["citizen"],
        status: "not_started",
        comment: "",
        organizationId: null,
        targetDate: null,
        history: [],
        links: [],
      },
      {
        id: g2,
        title: "Rutin för hemgång",
        level: "project",
        perspectives: [],
        status: "partly_achieved",
        comment: "Halvvägs",
        organizationId: null,
        targetDate: null,
        history: [],
        links: [],
      },
    ]);
    expect(read.contacts.map(({ rank: _, ...c }) => c)).toEqual([
      {
        id: c1,
        organizationId: ORG,
        organizationName: "Vårdcentralen",
        route: "Telefon 010-123",
        purpose: "Läkemedel",
      },
      { id: c2, organizationId: null, organizationName: "Hemtjänsten", route: "Journal", purpose: "Akut" },
    ]);
  });

  it("minutes: meeting, attendees, agenda items with notes, decisions and action items", () => {
    const doc = new Y.Doc();
    openBoard(doc, "minutes");
    minutes.setMeeting(doc, {
      type: "steering_group",
      startsAt: "2026-03-12T13:00:00+01:00",
      endsAt: "2026-03-12T15:00:00+01:00",
      place: "Solgården",
      convenerId: USER,
      approverIds: [USER_2],
    });
    const p1 = minutes.addAttendee(doc, { name: "Eva", organizationName: "Kommunen", present: false });
    const p2 = minutes.addAttendee(doc, { name: "Omar", userId: USER_2, present: true });
    minutes.setPresence(doc, p1, true);
    minutes.removeAttendee(doc, minutes.addAttendee(doc, { name: "Strykes", present: false }));
    const i1 = minutes.addAgendaItem(doc, { title: "Uppföljning", number: 7 });
    const i2 = minutes.addAgendaItem(doc, { title: "Övrigt" });
    minutes.updateAgendaItem(doc, i2, { number: 8 });
    writePlainParagraphs(minutes.agendaNotes(doc, i1), "Genomgång av åtgärder");
    const d1 = minutes.addDecision(doc, i1, "Att fortsätta");
    minutes.updateDecision(doc, i1, d1, "Att fortsätta arbetet");
    const ai = minutes.addActionItem(doc, i1, { title: "Boka möte", ownerId: USER, dueDate: "2026-03-31" });
    minutes.removeFromItem(doc, i1, "decisions", minutes.addDecision(doc, i1, "Strykes"));

    const read = minutes.readMinutes(copyOf(doc));
    expect(plain(read)).toEqual(plain(minutes.readMinutes(doc)));
    expect(read.meeting).toEqual({
      type: "steering_group",
      startsAt: "2026-03-12T13:00:00+01:00",
      endsAt: "2026-03-12T15:00:00+01:00",
      place: "Solgården",
      convenerId: USER,
      approverIds: [USER_2],
    });
    expect(read.attendees.map(({ rank: _, ...p }) => p)).toEqual([
      {
        id: p1,
        name: "Eva",
        userId: null,
        organizationId: null,
        organizationName: "Kommunen",
        role: "",
        present: true,
      },
      { id: p2, name: "Omar", userId: USER_2, organizationId: null, organizationName: "", role: "", present: true },
    ]);
    expect(read.items.map((i) => [i.id, i.number, i.title])).toEqual([
      [i1, 7, "Uppföljning"],
      [i2, 8, "Övrigt"],
    ]);
    const [item] = read.items;
    expect(richTextToPlain(item?.notes)).toBe("Genomgång av åtgärder");
    expect(item?.decisions.map((d) => [d.id, d.text])).toEqual([[d1, "Att fortsätta arbetet"]]);
    expect(item?.actionItems.map(({ rank: _, ...x }) => x)).toEqual([
      { id: ai, title: "Boka möte", ownerId: USER, dueDate: "2026-03-31", focusBoardId: null, actionId: null },
    ]);
  });
});

describe("openBoard", () => {
  it("stamps an unversioned document with its kind and layout version, once", () => {
    const doc = new Y.Doc();
    doc.getMap("focus").set("targetGroup", "Äldre");
    expect(schemaVersionOf(doc)).toBe(0);
    expect(openBoard(doc, "focus")).toEqual({ ok: true, upgradedFrom: 0 });
    expect(doc.getMap("meta").toJSON()).toEqual({ kind: "focus", schemaVersion: 1 });
    expect(focus.readFocus(doc).targetGroup).toBe("Äldre");
    expect(updatesOf(doc, () => expect(openBoard(doc, "focus")).toEqual({ ok: true, upgradedFrom: null }))).toEqual([]);
  });

  it("refuses a document of another kind without touching it", () => {
    const doc = new Y.Doc();
    openBoard(doc, "plan");
    const before = Y.encodeStateAsUpdate(doc);
    const updates = updatesOf(doc, () => {
      expect(openBoard(doc, "focus")).toEqual({ ok: false, reason: "other-kind", found: "plan" });
      expect(openBoard(doc, "minutes")).toEqual({ ok: false, reason: "other-kind", found: "plan" });
    });
    expect(updates).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("leaves a document written by a newer version alone", () => {
    const doc = new Y.Doc();
    doc.getMap("meta").set("kind", "minutes");
    doc.getMap("meta").set("schemaVersion", 99);
    const before = Y.encodeStateAsUpdate(doc);
    const open = () => expect(openBoard(doc, "minutes")).toEqual({ ok: false, reason: "newer-version", found: 99 });
    expect(updatesOf(doc, open)).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(doc.getMap("meta").toJSON()).toEqual({ kind: "minutes", schemaVersion: 99 });
  });
});

/** A board with one item of each kind to write to. */
function populated() {
  const doc = new Y.Doc();
  openBoard(doc, "focus");
  const action = focus.addAction(doc, { title: "Brytpunktssamtal" }, NOW);
  const goal = plan.addGoal(doc, { title: "Färre inläggningar" });
  const item = minutes.addAgendaItem(doc, { title: "Uppföljning" });
  return { doc, action, goal, item };
}

const long = (n: number) => "x".repeat(n);
const m = { label: "L", value: 1, date: "2026-01-01", kind: "baseline" } as const;

describe("writers refuse input that does not fit, and write nothing", () => {
  const cases: [string, string, (b: ReturnType<typeof populated>) => unknown][] = [
    ["addAction status", "status", (b) => focus.addAction(b.doc, { title: "T", status: "weird" as never })],
    ["addAction dueDate", "dueDate", (b) => focus.addAction(b.doc, { title: "T", dueDate: "2026-02-30" })],
    ["addAction title", "title", (b) => focus.addAction(b.doc, { title: long(201) })],
    ["addAction blank title", "title", (b) => focus.addAction(b.doc, { title: "   " })],
    ["updateAction dueDate", "dueDate", (b) => focus.updateAction(b.doc, b.action, { dueDate: "2026-13-01" })],
    [
      "updateAction with one bad field of two",
      "pdsaPhase",
      (b) => focus.updateAction(b.doc, b.action, { title: "Ny", pdsaPhase: "sleep" as never }),
    ],
    ["updateAction owner", "ownerId", (b) => focus.updateAction(b.doc, b.action, { ownerId: "not-a-uuid" })],
    ["moveAction status", "status", (b) => focus.moveAction(b.doc, b.action, "weird" as never, null)],
    ["moveAction afterId", "afterId", (b) => focus.moveAction(b.doc, b.action, "done", "nobody")],
    ["setPdsaNote", "study", (b) => focus.setPdsaNote(b.doc, b.action, "study", long(1001))],
    ["addMeasurement kind", "measurement", (b) => focus.addMeasurement(b.doc, b.action, { ...m, kind: "x" as never })],
    ["addMeasurement date", "measurement", (b) => focus.addMeasurement(b.doc, b.action, { ...m, date: "2026-02-29" })],
    // setFocusDetails must check the patch before it creates the description fragment.
    ["setFocusDetails", "perspectives", (b) => focus.setFocusDetails(b.doc, { perspectives: ["citizen", "citizen"] })],
    ["addGoal status", "status", (b) => plan.addGoal(b.doc, { title: "G", status: "weird" as never })],
    ["updateGoal title", "title", (b) => plan.updateGoal(b.doc, b.goal, { title: long(301) })],
    ["addContact route", "route", (b) => plan.addContact(b.doc, { organizationName: "VC", route: "" })],
    ["setMeeting type", "type", (b) => minutes.setMeeting(b.doc, { type: "weird" as never })],
    ["setMeeting startsAt", "startsAt", (b) => minutes.setMeeting(b.doc, { startsAt: "tomorrow" })],
    ["addAttendee name", "attendee", (b) => minutes.addAttendee(b.doc, { name: long(201), present: true })],
    ["addDecision", "decision", (b) => minutes.addDecision(b.doc, b.item, "")],
    [
      "addActionItem dueDate",
      "actionItem",
      (b) => minutes.addActionItem(b.doc, b.item, { title: "Boka", dueDate: "2026-02-30" }),
    ],
    ["updateAgendaItem number", "number", (b) => minutes.updateAgendaItem(b.doc, b.item, { number: 0 })],
  ];

  it.each(cases)("%s", (_name, field, write) => {
    const board = populated();
    const before = Y.encodeStateAsUpdate(board.doc);
    let error: unknown;
    const updates = updatesOf(board.doc, () => {
      try {
        write(board);
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(BoardInputError);
    expect((error as BoardInputError).field).toBe(field);
    expect((error as Error).message).toMatch(new RegExp(`^${field}: .+`));
    expect(updates).toEqual([]);
    expect(Y.encodeStateAsUpdate(board.doc)).toEqual(before);
  });
});

describe("readers tolerate garbage", () => {
  it("reads wrong-typed content with defaults and skips what is not a record", () => {
    const doc = new Y.Doc();
    doc.getMap("meta").set("schemaVersion", "one");
    const root = doc.getMap("focus");
    root.set("description", "not rich text");
    root.set("perspectives", "citizen");
    root.set("targetGroup", 42);
    const actions = doc.getMap("actions");
    actions.set("plain", "not a map");
    const a = new Y.Map<unknown>();
    actions.set("a1", a);
    for (const [k, v] of Object.entries({ title: 7, status: "weird", rank: "!!", dueDate: "2026-02-30" })) a.set(k, v);
    for (const [k, v] of Object.entries({ pdsaNotes: "x", pdsaPhase: 3, source: { boardId: 1 }, createdAt: 5 }))
      a.set(k, v);
    const measurements = new Y.Map<unknown>();
    a.set("measurements", measurements);
    measurements.set("m1", { label: "L" });
    a.set("description", new Y.Map());
    doc.getMap("sections").set("s1", new Y.Array());
    const goal = new Y.Map<unknown>();
    doc.getMap("goals").set("g1", goal);
    goal.set("level", "galaxy");
    goal.set("perspectives", ["martian"]);
    doc.getMap("meeting").set("type", { x: 1 });
    doc.getMap("meeting").set("approverIds", "me");
    doc.getMap("attendees").set("p1", { name: "Eva" });
    const item = new Y.Map<unknown>();
    doc.getMap("items").set("i1", item);
    item.set("decisions", "nope");
    item.set("number", "sju");

    expect(schemaVersionOf(doc)).toBe(0);
    expect(focus.readFocus(doc)).toEqual({
      description: undefined,
      targetGroup: "",
      perspectives: [],
      actions: [
        {
          id: "a1",
          title: "",
          description: undefined,
          status: "idea",
          rank: "a0",
          ownerId: null,
          organizationId: null,
          dueDate: null,
          pdsaPhase: null,
          pdsaNotes: { plan: "", do: "", study: "", act: "" },
          measurements: [],
          source: null,
          createdAt: null,
        },
      ],
    });
    expect(plan.readPlan(doc)).toMatchObject({
      purpose: undefined,
      sections: [],
      goals: [{ id: "g1", title: "", level: "effect", perspectives: [], status: "not_started", rank: "a0" }],
    });
    expect(minutes.readMinutes(doc)).toEqual({
      meeting: { type: "collaboration", startsAt: null, endsAt: null, place: "", convenerId: null, approverIds: [] },
      attendees: [],
      items: [{ id: "i1", number: null, title: "", rank: "a0", notes: undefined, decisions: [], actionItems: [] }],
    });
  });
});
