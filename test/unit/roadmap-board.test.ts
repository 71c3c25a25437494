/**
 * The roadmap (färdplan) board kind: its helpers write only what the content guard accepts, the
 * guard refuses what does not fit (a term that is no term, a step outside the improvement cycle,
 * a phase with an unknown field), and reading orders phases by rank and milestones by date.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openBoard } from "../../shared/boards/index.js";
import * as roadmap from "../../shared/boards/roadmap.js";
import { GuardedBoard } from "../helpers/board-guard.js";

const MINUTES = "44444444-4444-4444-8444-444444444444";
const FOCUS = "55555555-5555-4555-8555-555555555555";
const POINT = "66666666-6666-4666-8666-666666666666";

const rec = (doc: Y.Doc, root: string, id: string) => doc.getMap(root).get(id) as Y.Map<unknown>;

/** A roadmap written step by step through the guard, as Askersund's färdplan reads. */
function askersund(): GuardedBoard {
  const board = new GuardedBoard("roadmap");
  const client = board.client();
  const steps: ((d: Y.Doc) => unknown)[] = [
    (d) => openBoard(d, "roadmap"),
    (d) =>
      roadmap.addPhase(d, { id: "p1", title: "Kartläggning och nollmätning", term: "HT 2021", endDate: "2023-06-30" }),
    (d) =>
      roadmap.addPhase(d, { id: "p2", title: "Genomförande", term: "HT 2023", description: "Arbetsgrupperna prövar" }),
    (d) =>
      roadmap.addPhase(d, {
        id: "p3",
        title: "Uppföljning – ny mätning",
        startDate: "2024-09-01",
        endDate: "2024-12-20",
      }),
    (d) => roadmap.addActivity(d, "p1", "Identifiera fokusområden", "a1"),
    (d) => roadmap.addActivity(d, "p1", "Nollmätning P-CAT", "a2"),
    (d) => roadmap.updateActivity(d, "p1", "a1", { done: true }),
    (d) => roadmap.removeActivity(d, "p1", "a2"),
    (d) => roadmap.updatePhase(d, "p2", { term: "VT 2024", title: "Genomförande och utvärdering" }),
    (d) => roadmap.addMilestone(d, { id: "m1", title: "Rapport skrivs", date: "2024-12-15" }),
    (d) =>
      roadmap.addMilestone(d, {
        id: "m2",
        title: "BP4 Uppföljningsrapport",
        date: "2024-06-12",
        meetingBoardId: MINUTES,
      }),
    (d) => roadmap.addMilestone(d, { id: "m3", title: "Ny mätning" }),
    (d) => roadmap.updateMilestone(d, "m2", { done: true, decisionPointId: POINT }),
    (d) => roadmap.setCycleStep(d, FOCUS, "plan", "Aktivitetsplan klar i maj"),
    (d) => roadmap.setCycleStep(d, FOCUS, "carry_out"),
  ];
  for (const step of steps) board.accept(...board.updates(client, step));
  expect(roadmap.readRoadmap(board.server)).toEqual(roadmap.readRoadmap(client));
  return board;
}

describe("roadmap board", () => {
  it("accepts everything its helpers write, and reads it back in order", () => {
    const r = roadmap.readRoadmap(askersund().server);
    expect(r.phases.map((p) => [p.title, p.term])).toEqual([
      ["Kartläggning och nollmätning", "HT 2021"],
      ["Genomförande och utvärdering", "VT 2024"],
      ["Uppföljning – ny mätning", ""],
    ]);
    expect(r.phases[0]?.activities.map((a) => [a.text, a.done])).toEqual([["Identifiera fokusområden", true]]);
    // By date, undated last.
    expect(r.milestones.map((m) => [m.title, m.done])).toEqual([
      ["BP4 Uppföljningsrapport", true],
      ["Rapport skrivs", false],
      ["Ny mätning", false],
    ]);
    expect(r.milestones[0]).toMatchObject({ meetingBoardId: MINUTES, decisionPointId: POINT });
    expect(r.cycle).toEqual([{ focusBoardId: FOCUS, step: "carry_out", note: "Aktivitetsplan klar i maj" }]);
  });

  it("spans a phase by its dates, else its term (HT July–December, VT January–June)", () => {
    expect(roadmap.termDates("HT 2023")).toEqual({ start: "2023-07-01", end: "2023-12-31" });
    expect(roadmap.termDates("VT 2024")).toEqual({ start: "2024-01-01", end: "2024-06-30" });
    expect(roadmap.termDates("hösten")).toBeNull();
    const [p1, p2, p3] = roadmap.readRoadmap(askersund().server).phases;
    expect(p1 && roadmap.phaseSpan(p1)).toEqual({ start: "2021-07-01", end: "2023-06-30" });
    expect(p2 && roadmap.phaseSpan(p2)).toEqual({ start: "2024-01-01", end: "2024-06-30" });
    expect(p3 && roadmap.phaseSpan(p3)).toEqual({ start: "2024-09-01", end: "2024-12-20" });
    expect(roadmap.phaseSpan({ term: "", startDate: null, endDate: null })).toBeNull();
  });

  it("refuses bad input in the helpers, with the field and a clear reason", () => {
    const doc = new Y.Doc();
    openBoard(doc, "roadmap");
    expect(() => roadmap.addPhase(doc, { title: "X", term: "Hösten 2023" })).toThrow(/HT 2023 or VT 2024/);
    expect(() => roadmap.addPhase(doc, { title: "X", startDate: "2024-05-01", endDate: "2024-04-01" })).toThrow(
      /ends before it starts/,
    );
    expect(() => roadmap.addPhase(doc, { title: " " })).toThrow(/Required/);
    const p = roadmap.addPhase(doc, { title: "Fas", startDate: "2024-05-01" });
    expect(() => roadmap.updatePhase(doc, p, { endDate: "2024-01-01" })).toThrow(/ends before it starts/);
    expect(() => roadmap.addActivity(doc, p, "")).toThrow(/Required/);
    expect(() => roadmap.addActivity(doc, "nope", "Något")).toThrow(/no item nope/);
    expect(() => roadmap.addMilestone(doc, { title: "M", date: "2024-02-30" })).toThrow(/date/);
    expect(() => roadmap.setCycleStep(doc, "not-a-board", "plan")).toThrow(/board id/);
    expect(() => roadmap.setCycleStep(doc, FOCUS, "celebrate" as roadmap.CycleStep)).toThrow();
    expect(roadmap.readRoadmap(doc).phases).toHaveLength(1);
  });

  it("the content guard refuses what does not fit the layout", () => {
    const board = askersund();
    expect(board.refuse(board.edit((d) => rec(d, "phases", "p1").set("term", "Hösten")))).toMatch(/phases\.p1\.term/);
    expect(board.refuse(board.edit((d) => rec(d, "phases", "p1").set("colour", "red")))).toMatch(/colour/);
    expect(board.refuse(board.edit((d) => rec(d, "cycle", FOCUS).set("step", "celebrate")))).toMatch(/cycle/);
    expect(board.refuse(board.edit((d) => rec(d, "milestones", "m1").set("done", "yes")))).toMatch(
      /milestones\.m1\.done/,
    );
    expect(
      board.refuse(
        board.edit((d) => (rec(d, "phases", "p1").get("activities") as Y.Map<unknown>).set("x", { text: "" })),
      ),
    ).toMatch(/activities/);
    expect(board.refuse(board.edit((d) => d.getMap("goals").set("g1", new Y.Map())))).toMatch(/goals/);
  });

  it("opening stamps a new document as a roadmap and refuses one of another kind", () => {
    const doc = new Y.Doc();
    expect(openBoard(doc, "roadmap")).toEqual({ ok: true, upgradedFrom: 0 });
    expect(doc.getMap("meta").toJSON()).toEqual({ kind: "roadmap", schemaVersion: 1 });
    const focus = new Y.Doc();
    openBoard(focus, "focus");
    expect(openBoard(focus, "roadmap")).toMatchObject({ ok: false, reason: "other-kind" });
  });
});
