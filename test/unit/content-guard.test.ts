import { describe, expect, it } from "vitest";
import { yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import * as Y from "yjs";
import { newRecord } from "../../shared/boards/access.js";
import * as focus from "../../shared/boards/focus.js";
import { type BoardKind, openBoard } from "../../shared/boards/index.js";
import * as minutes from "../../shared/boards/minutes.js";
import * as plan from "../../shared/boards/plan.js";
import { writePlainParagraphs } from "../../shared/richtext/text.js";
import { GuardedBoard } from "../helpers/board-guard.js";

const USER = "11111111-1111-4111-8111-111111111111";
const ORG = "33333333-3333-4333-8333-333333333333";
const BOARD = "44444444-4444-4444-8444-444444444444";

/** A record (Y.Map) of a records root, as a client sees it. */
const rec = (doc: Y.Doc, root: string, id: string) => doc.getMap(root).get(id) as Y.Map<unknown>;
/** Every read of the board as plain data (rich text as JSON), to compare server and client. */
function content(kind: BoardKind, doc: Y.Doc): unknown {
  const read =
    kind === "focus" ? focus.readFocus(doc) : kind === "plan" ? plan.readPlan(doc) : minutes.readMinutes(doc);
  return JSON.parse(
    JSON.stringify(read, (_k, v) => (v instanceof Y.XmlFragment ? yXmlFragmentToProsemirrorJSON(v) : v)),
  );
}
const measurement = { label: "Andel", value: 0.4, date: "2026-01-15", kind: "baseline" } as const;

/** Runs helper calls one by one on one client; each update is checked against the server as it stands. */
function writesAll(kind: BoardKind, steps: ((doc: Y.Doc) => unknown)[]): GuardedBoard {
  const board = new GuardedBoard(kind);
  const client = board.client();
  for (const step of steps) board.accept(...board.updates(client, step));
  expect(content(kind, board.server)).toEqual(content(kind, client));
  return board;
}

describe("the content guard accepts everything the board helpers write", () => {
  it("focus", () => {
    let m1 = "";
    const board = writesAll("focus", [
      (d) => openBoard(d, "focus"),
      (d) => focus.setFocusDetails(d, { targetGroup: "Äldre", perspectives: ["citizen", "collaboration"] }),
      (d) => writePlainParagraphs(focus.focusDescription(d), "Trygg hemgång\nFärre inläggningar"),
      (d) => focus.addAction(d, { title: "Brytpunktssamtal", id: "a1", ownerId: USER, dueDate: "2026-04-30" }),
      (d) => focus.addAction(d, { title: "Uppföljning", id: "a2", status: "planned", organizationId: ORG }),
      (d) => focus.updateAction(d, "a1", { pdsaPhase: "do", source: { boardId: BOARD, itemId: "i1", paragraph: 3 } }),
      (d) => focus.setPdsaNote(d, "a1", "plan", "Mät andelen"),
      (d) => focus.moveAction(d, "a1", "planned", "a2"),
      (d) => focus.moveAction(d, "a2", "done", null),
      (d) => {
        m1 = focus.addMeasurement(d, "a1", measurement);
      },
      (d) => focus.addMeasurement(d, "a1", { ...measurement, kind: "follow_up", unit: "%", example: true }),
      (d) => writePlainParagraphs(focus.getAction(d, "a1")?.description as Y.XmlFragment, "Med de närstående"),
      (d) => focus.removeMeasurement(d, "a1", m1),
      (d) => focus.removeAction(d, "a2"),
    ]);
    expect(focus.readFocus(board.server).actions.map((a) => [a.id, a.status, a.measurements.length])).toEqual([
      ["a1", "planned", 1],
    ]);
  });

  it("plan", () => {
    let section = "";
    let goal = "";
    let contact = "";
    const board = writesAll("plan", [
      (d) => openBoard(d, "plan"),
      (d) => writePlainParagraphs(plan.planPurpose(d), "Gemensam vård"),
      (d) => plan.setPlanDetails(d, { meetingCadence: "Varannan vecka", period: "2026" }),
      (d) => {
        section = plan.addSection(d, "Bakgrund");
      },
      (d) => writePlainParagraphs(plan.sectionBody(d, section), "Text om bakgrunden"),
      (d) => plan.updateSection(d, section, { heading: "Vår bakgrund" }),
      (d) => {
        goal = plan.addGoal(d, { title: "Färre inläggningar", perspectives: ["staff"], level: "project" });
      },
      (d) => plan.updateGoal(d, goal, { status: "achieved", comment: "Klart" }),
      (d) => {
        contact = plan.addContact(d, { organizationName: "Vårdcentralen", route: "Telefon", organizationId: ORG });
      },
      (d) => plan.updateContact(d, contact, { purpose: "Läkemedel" }),
      (d) => plan.addSection(d, "Strykes"),
      (d) => plan.removePlanItem(d, "sections", section),
      (d) => plan.removePlanItem(d, "goals", goal),
    ]);
    expect(plan.readPlan(board.server).sections.map((s) => s.heading)).toEqual(["Strykes"]);
    expect(plan.readPlan(board.server).contacts.map((c) => c.purpose)).toEqual(["Läkemedel"]);
  });

  it("minutes", () => {
    let person = "";
    let decision = "";
    const board = writesAll("minutes", [
      (d) => openBoard(d, "minutes"),
      (d) => minutes.setMeeting(d, { type: "rounds", startsAt: "2026-03-12T13:00:00+01:00", approverIds: [USER] }),
      (d) => minutes.setMeeting(d, { endsAt: "2026-03-12T14:00:00+01:00", place: "Solgården", convenerId: USER }),
      (d) => {
        person = minutes.addAttendee(d, { name: "Eva", organizationId: ORG, role: "Sjuksköterska", present: false });
      },
      (d) => minutes.setPresence(d, person, true),
      (d) => minutes.addAttendee(d, { name: "Omar", present: true }),
      (d) => minutes.removeAttendee(d, person),
      (d) => minutes.addAgendaItem(d, { title: "Uppföljning", number: 4 }),
      (d) => minutes.updateAgendaItem(d, minutes.readMinutes(d).items[0]?.id as string, { number: 5, title: "Ny" }),
      (d) => writePlainParagraphs(minutes.agendaNotes(d, minutes.readMinutes(d).items[0]?.id as string), "Noter"),
      (d) => {
        decision = minutes.addDecision(d, minutes.readMinutes(d).items[0]?.id as string, "Att fortsätta");
      },
      (d) => minutes.updateDecision(d, minutes.readMinutes(d).items[0]?.id as string, decision, "Att sluta"),
      (d) =>
        minutes.addActionItem(d, minutes.readMinutes(d).items[0]?.id as string, {
          title: "Boka möte",
          dueDate: "2026-03-31",
          focusBoardId: BOARD,
          actionId: "a1",
        }),
      (d) => minutes.removeFromItem(d, minutes.readMinutes(d).items[0]?.id as string, "decisions", decision),
      (d) => minutes.removeAgendaItem(d, minutes.addAgendaItem(d, { title: "Strykes" })),
    ]);
    const read = minutes.readMinutes(board.server);
    expect([read.meeting.type, read.attendees.map((p) => p.name), read.items.map((i) => i.title)]).toEqual([
      "rounds",
      ["Omar"],
      ["Ny"],
    ]);
  });

  it("a second client's overwrite of a key arrives with only an origin, and is resolved through the document", () => {
    const board = writesAll("focus", [
      (d) => openBoard(d, "focus"),
      (d) => focus.addAction(d, { title: "A", id: "a1" }),
    ]);
    const update = board.edit((d) => focus.updateAction(d, "a1", { title: "Brytpunktssamtal" }));
    const [item] = Y.decodeUpdate(update).structs as Y.Item[];
    expect([item?.parent, item?.parentSub, item?.origin === null]).toEqual([null, null, false]);
    board.accept(update);
    expect(focus.getAction(board.server, "a1")?.title).toBe("Brytpunktssamtal");
    // A refused overwrite is found the same way.
    expect(board.refuse(board.edit((d) => rec(d, "actions", "a1").set("title", "")))).toMatch(/actions\.a1\.title/);
  });

  it("deletions, including a delete-only update", () => {
    const board = writesAll("focus", [
      (d) => openBoard(d, "focus"),
      (d) => focus.addAction(d, { title: "A", id: "a1" }),
      (d) => writePlainParagraphs(focus.getAction(d, "a1")?.description as Y.XmlFragment, "Ett\nTvå"),
    ]);
    const update = board.edit((d) => focus.removeAction(d, "a1"));
    expect(Y.decodeUpdate(update).structs).toEqual([]);
    board.accept(update);
    expect(focus.readFocus(board.server).actions).toEqual([]);
  });
});

/** Boards with content to write against: focus a1 (with measurement m1), plan g1, minutes i1 and p1. */
function seeded(kind: BoardKind): GuardedBoard {
  const board = new GuardedBoard(kind);
  board.write((d) => {
    openBoard(d, kind);
    if (kind === "focus") {
      focus.addAction(d, { title: "Brytpunktssamtal", id: "a1" });
      (rec(d, "actions", "a1").get("measurements") as Y.Map<unknown>).set("m1", {
        ...measurement,
        unit: "",
        example: false,
      });
    } else if (kind === "plan") {
      d.getMap("goals").set("g1", newRecord(plan.goalSpec, { title: "G", level: "effect", status: "not_started" }));
    } else {
      d.getMap("items").set("i1", newRecord(minutes.agendaItemSpec, { title: "Uppföljning", rank: "a0" }));
      d.getMap("attendees").set("p1", { name: "Eva", present: true, rank: "a0" });
    }
  });
  return board;
}

const a1 = (d: Y.Doc) => rec(d, "actions", "a1");
const long = (n: number) => "x".repeat(n);
const validAttendee = {
  name: "Omar",
  userId: null,
  organizationId: null,
  organizationName: "",
  role: "",
  present: true,
  rank: "a1",
};
const validMeasurement = { ...measurement, unit: "", example: false };

type Case = [name: string, kind: BoardKind, edit: (d: Y.Doc) => unknown, names: RegExp];
const refusals: Case[] = [
  ["an unknown root", "focus", (d) => d.getMap("evil").set("x", 1), /"evil" is not part of a focus board/],
  ["another kind's root", "focus", (d) => d.getMap("goals").set("g1", new Y.Map()), /"goals" is not part of a focus/],
  ["an unknown key in a fixed map", "focus", (d) => a1(d).set("colour", "red"), /actions\.a1\.colour is not part/],
  ["an unknown key in a root map", "minutes", (d) => d.getMap("meeting").set("agenda", "x"), /meeting\.agenda is not/],
  [
    "a record id with a space",
    "focus",
    (d) => d.getMap("actions").set("has space", new Y.Map()),
    /actions: "has space" is not a valid item id/,
  ],
  [
    "a 65-character record id",
    "plan",
    (d) => d.getMap("goals").set(long(65), new Y.Map()),
    /goals: "x{65}" is not a valid item id/,
  ],
  [
    "a nested record id",
    "focus",
    (d) => (a1(d).get("measurements") as Y.Map<unknown>).set("a/b", validMeasurement),
    /actions\.a1\.measurements: "a\/b" is not a valid item id/,
  ],
  ["action status", "focus", (d) => a1(d).set("status", "weird"), /actions\.a1\.status: Invalid option/],
  ["pdsaPhase", "focus", (d) => a1(d).set("pdsaPhase", "sleep"), /actions\.a1\.pdsaPhase: Invalid option/],
  ["goal status", "plan", (d) => rec(d, "goals", "g1").set("status", "done"), /goals\.g1\.status: Invalid option/],
  ["goal level", "plan", (d) => rec(d, "goals", "g1").set("level", "galaxy"), /goals\.g1\.level: Invalid option/],
  ["meeting type", "minutes", (d) => d.getMap("meeting").set("type", "party"), /meeting\.type: Invalid option/],
  [
    "measurement kind",
    "focus",
    (d) => (a1(d).get("measurements") as Y.Map<unknown>).set("m2", { ...validMeasurement, kind: "guess" }),
    /actions\.a1\.measurements\.m2: Invalid option/,
  ],
  ["a month 13", "focus", (d) => a1(d).set("dueDate", "2026-13-01"), /actions\.a1\.dueDate: Not a valid date/],
  ["30 February", "focus", (d) => a1(d).set("dueDate", "2026-02-30"), /actions\.a1\.dueDate: Not a valid date/],
  [
    "startsAt tomorrow",
    "minutes",
    (d) => d.getMap("meeting").set("startsAt", "tomorrow"),
    /meeting\.startsAt: Not a valid date and time/,
  ],
  [
    "a time without offset",
    "minutes",
    (d) => d.getMap("meeting").set("endsAt", "2026-03-12T13:00:00"),
    /meeting\.endsAt/,
  ],
  [
    "a 201-character title",
    "focus",
    (d) => a1(d).set("title", long(201)),
    /actions\.a1\.title: At most 200 characters/,
  ],
  [
    "a 201-character attendee name",
    "minutes",
    (d) => d.getMap("attendees").set("p2", { ...validAttendee, name: long(201) }),
    /attendees\.p2: At most 200 characters/,
  ],
  [
    "a decision without text",
    "minutes",
    (d) => (rec(d, "items", "i1").get("decisions") as Y.Map<unknown>).set("d1", { text: " ", rank: "a0" }),
    /items\.i1\.decisions\.d1: Required/,
  ],
  [
    "extra keys in a strict value",
    "focus",
    (d) => (a1(d).get("measurements") as Y.Map<unknown>).set("m2", { ...validMeasurement, x: 1 }),
    /actions\.a1\.measurements\.m2: Unrecognized key: "x"/,
  ],
  ["a number where a string belongs", "plan", (d) => rec(d, "goals", "g1").set("comment", 5), /goals\.g1\.comment/],
  [
    "a plain value where a record map belongs",
    "focus",
    (d) => d.getMap("actions").set("a2", "Ring Eva"),
    /actions\.a2 must be a shared Y\.Map/,
  ],
  [
    "a plain value where a nested map belongs",
    "focus",
    (d) => a1(d).set("pdsaNotes", "notes"),
    /actions\.a1\.pdsaNotes must be a shared Y\.Map/,
  ],
  [
    "a plain value where rich text belongs",
    "focus",
    (d) => a1(d).set("description", "<p>hej</p>"),
    /actions\.a1\.description must be a shared Y\.XmlFragment/,
  ],
  [
    "a Y.Array where a Y.Map belongs",
    "focus",
    (d) => d.getMap("actions").set("a2", new Y.Array()),
    /actions\.a2 must be a YMap/,
  ],
  [
    "a Y.Text where a Y.Map belongs",
    "minutes",
    (d) => rec(d, "items", "i1").set("decisions", new Y.Text("x")),
    /items\.i1\.decisions must be a YMap/,
  ],
  [
    "a Y.XmlElement where a Y.Map belongs",
    "plan",
    (d) => d.getMap("goals").set("g2", new Y.XmlElement("paragraph")),
    /goals\.g2 must be a YMap/,
  ],
  [
    "a Y.Map where rich text belongs",
    "focus",
    (d) => a1(d).set("description", new Y.Map()),
    /actions\.a1\.description must be a YXmlFragment/,
  ],
  [
    "a shared type where a plain value belongs",
    "focus",
    (d) => a1(d).set("title", new Y.Text("T")),
    /actions\.a1\.title holds a plain value/,
  ],
  [
    "a shared type as a plain-value record",
    "minutes",
    (d) => d.getMap("attendees").set("p2", new Y.Map()),
    /attendees\.p2 holds a plain value/,
  ],
  [
    "text directly in a root map",
    "focus",
    (d) => d.getText("focus").insert(0, "x"),
    /focus is a map: every entry needs a key/,
  ],
  [
    "meta.kind of another kind",
    "focus",
    (d) => d.getMap("meta").set("kind", "plan"),
    /meta\.kind: Invalid input: expected "focus"/,
  ],
  ["meta.schemaVersion 3", "plan", (d) => d.getMap("meta").set("schemaVersion", 3), /meta\.schemaVersion/],
];

describe("the content guard refuses what does not fit the board, and names where", () => {
  it.each(refusals)("%s", (_name, kind, edit, names) => {
    const board = seeded(kind);
    expect(board.refuse(board.edit(edit))).toMatch(names);
  });

  it("a valid edit among refused ones does not get the update through", () => {
    const board = seeded("focus");
    const update = board.edit((d) => {
      a1(d).set("title", "Fine");
      a1(d).set("status", "weird");
    });
    expect(board.refuse(update)).toMatch(/actions\.a1\.status/);
  });
});

describe("records over their maximum", () => {
  it("201 goals in one update", () => {
    const board = seeded("plan");
    const update = board.edit((d) => {
      for (let i = 0; i < 200; i++) plan.addGoal(d, { title: `Mål ${i}` });
    });
    expect(board.refuse(update)).toMatch(/goals: at most 200 entries/);
  });

  it("the 201st goal on a plan that has 200", () => {
    const board = seeded("plan");
    board.write((d) => {
      for (let i = 0; i < 199; i++) plan.addGoal(d, { title: `Mål ${i}` });
    });
    expect(plan.readPlan(board.server).goals).toHaveLength(200);
    expect(board.refuse(board.edit((d) => plan.addGoal(d, { title: "Ett till" })))).toMatch(/goals: at most 200/);
    // Replacing one keeps the count: allowed.
    board.accept(board.edit((d) => plan.updateGoal(d, "g1", { title: "Nytt namn" })));
  });

  it("101 measurements on one action, in one update", () => {
    const board = seeded("focus");
    const update = board.edit((d) => {
      for (let i = 0; i < 100; i++) focus.addMeasurement(d, "a1", measurement);
    });
    expect(board.refuse(update)).toMatch(/actions\.a1\.measurements: at most 100 entries/);
  });

  it("the 201st attendee", () => {
    const board = seeded("minutes");
    board.write((d) => {
      for (let i = 0; i < 199; i++) minutes.addAttendee(d, { name: `Person ${i}`, present: false });
    });
    const update = board.edit((d) => minutes.addAttendee(d, { name: "En till", present: true }));
    expect(board.refuse(update)).toMatch(/attendees: at most 200 entries/);
  });
});
