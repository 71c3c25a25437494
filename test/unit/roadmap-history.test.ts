/** A roadmap's history: its phases, activities, milestones and cycle steps in words, and restoring a version. */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { foldChanges } from "../../server/history/diff.js";
import { readBoard } from "../../server/history/reading.js";
import { describeRows } from "../../server/history/record-version.js";
import { replaceContent } from "../../server/history/restore-content.js";
import { openBoard } from "../../shared/boards/index.js";
import {
  addActivity,
  addMilestone,
  addPhase,
  readRoadmap,
  setCycleStep,
  updateMilestone,
  updatePhase,
} from "../../shared/boards/roadmap.js";
import type { HistoryChange } from "../../shared/history/changes.js";

const SOFIA = "00000000-0000-4000-8000-000000000001";
const OMAR = "00000000-0000-4000-8000-000000000002";
const FOCUS = "55555555-5555-4555-8555-555555555555";

function rows(doc: Y.Doc, by: string | null, edit: () => void) {
  const out: { update: Uint8Array; authorId: string | null }[] = [];
  const listen = (update: Uint8Array) => out.push({ update, authorId: by });
  doc.on("update", listen);
  edit();
  doc.off("update", listen);
  return out;
}

describe("roadmap history", () => {
  it("names what was added, renamed and edited, by whom", async () => {
    const doc = new Y.Doc();
    openBoard(doc, "roadmap");
    const snapshot = Y.encodeStateAsUpdate(doc);
    const log = [
      ...rows(doc, SOFIA, () => {
        addPhase(doc, { id: "p1", title: "Nollmätning", term: "HT 2023" });
        addActivity(doc, "p1", "P-CAT på Linden", "a1");
        addMilestone(doc, { id: "m1", title: "Rapport skrivs", date: "2024-12-15" });
      }),
      ...rows(doc, OMAR, () => {
        updatePhase(doc, "p1", { title: "Nollmätning och enkät" });
        updateMilestone(doc, "m1", { done: true });
        setCycleStep(doc, FOCUS, "evaluate");
      }),
    ];
    const list: HistoryChange[] = [];
    foldChanges(list, await describeRows("roadmap", snapshot, log));
    const said = list.map((c) => [
      c.by === SOFIA ? "Sofia" : "Omar",
      c.kind,
      "itemType" in c ? c.itemType : null,
      "title" in c ? c.title : null,
    ]);
    expect(said).toEqual(
      expect.arrayContaining([
        ["Sofia", "added", "phase", "Nollmätning"],
        ["Sofia", "added", "activity", "P-CAT på Linden"],
        ["Sofia", "added", "milestone", "Rapport skrivs"],
        ["Omar", "renamed", "phase", "Nollmätning och enkät"],
        ["Omar", "edited", "milestone", "Rapport skrivs"],
        ["Omar", "added", "cycleStep", "evaluate"],
      ]),
    );
  });

  it("restores an earlier version's phases and milestones", () => {
    const doc = new Y.Doc();
    openBoard(doc, "roadmap");
    addPhase(doc, { id: "p1", title: "Nollmätning", term: "HT 2023" });
    addMilestone(doc, { id: "m1", title: "Rapport skrivs" });
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));
    updatePhase(doc, "p1", { title: "Fel rubrik" });
    addPhase(doc, { id: "p2", title: "Extra" });
    replaceContent(doc, version, "roadmap");
    expect(readRoadmap(doc).phases.map((p) => p.title)).toEqual(["Nollmätning"]);
    expect(readBoard(doc, "roadmap").items.map((i) => [i.type, i.title])).toEqual([
      ["phase", "Nollmätning"],
      ["milestone", "Rapport skrivs"],
    ]);
  });
});
