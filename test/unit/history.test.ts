/** Board history's pure parts: changes from the log, folding them into a version, restoring content. */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { foldChanges, MAX_CHANGES_PER_VERSION } from "../../server/history/diff.js";
import { describeRows, MAX_RUNS } from "../../server/history/record-version.js";
import { replaceContent } from "../../server/history/restore-content.js";
import { addAction, focusDescription, moveAction, readFocus, updateAction } from "../../shared/boards/focus.js";
import { openBoard } from "../../shared/boards/index.js";
import { addAgendaItem, addDecision } from "../../shared/boards/minutes.js";
import { addGoal, addSection, readPlan, sectionBody, updateGoal } from "../../shared/boards/plan.js";
import type { HistoryChange } from "../../shared/history/changes.js";
import { richTextToPlain, writePlainParagraphs } from "../../shared/richtext/text.js";

const SOFIA = "00000000-0000-4000-8000-000000000001";
const OMAR = "00000000-0000-4000-8000-000000000002";

/** The log rows `edit` makes on `doc`, authored by `by`. */
function rows(doc: Y.Doc, by: string | null, edit: () => void) {
  const out: { update: Uint8Array; authorId: string | null }[] = [];
  const listen = (update: Uint8Array) => out.push({ update, authorId: by });
  doc.on("update", listen);
  edit();
  doc.off("update", listen);
  return out;
}

describe("changes from the log", () => {
  it("credits each run of updates to its author, in words the web can render", async () => {
    const doc = new Y.Doc();
    openBoard(doc, "focus");
    const snapshot = Y.encodeStateAsUpdate(doc);
    const log = [
      ...rows(doc, SOFIA, () => addAction(doc, { id: "a1", title: "Brytpunktssamtal" })),
      ...rows(doc, OMAR, () => {
        moveAction(doc, "a1", "planned", null);
        moveAction(doc, "a1", "in_progress", null);
        updateAction(doc, "a1", { title: "Brytpunktssamtal i hemmet" });
      }),
      ...rows(doc, SOFIA, () => writePlainParagraphs(focusDescription(doc), "Trygg vård i livets slut")),
    ];
    const list: HistoryChange[] = [];
    foldChanges(list, await describeRows("focus", snapshot, log));
    expect(list).toEqual([
      { by: SOFIA, kind: "added", itemId: "a1", itemType: "action", title: "Brytpunktssamtal", status: "idea" },
      // Two moves by one person are one move, from where the card was to where it ended.
      {
        by: OMAR,
        kind: "renamed",
        itemId: "a1",
        itemType: "action",
        title: "Brytpunktssamtal i hemmet",
        from: "Brytpunktssamtal",
        to: "Brytpunktssamtal i hemmet",
      },
      {
        by: OMAR,
        kind: "moved",
        itemId: "a1",
        itemType: "action",
        title: "Brytpunktssamtal i hemmet",
        from: "idea",
        to: "in_progress",
      },
      { by: SOFIA, kind: "fieldEdited", field: "description" },
    ]);
  });

  it("tells plan goals' outcomes and removals, and an item made and dropped in one version leaves nothing", async () => {
    const doc = new Y.Doc();
    openBoard(doc, "plan");
    const goal = addGoal(doc, { title: "Färre akuta inläggningar", level: "effect" });
    const snapshot = Y.encodeStateAsUpdate(doc);
    const log = [
      ...rows(doc, SOFIA, () => updateGoal(doc, goal, { status: "achieved" })),
      ...rows(doc, OMAR, () => {
        const temp = addGoal(doc, { title: "Tillfälligt", level: "project" });
        doc.getMap("goals").delete(temp);
      }),
    ];
    const list: HistoryChange[] = [];
    foldChanges(list, await describeRows("plan", snapshot, log));
    expect(list).toEqual([
      expect.objectContaining({ by: SOFIA, kind: "moved", from: "not_started", to: "achieved", itemType: "goal" }),
    ]);
    expect(readPlan(doc).goals).toHaveLength(1);
  });

  it("tells a decision added to an agenda item as the decision, not as an edit of the item", async () => {
    const doc = new Y.Doc();
    openBoard(doc, "minutes");
    const item = addAgendaItem(doc, { title: "Trygg hemgång" });
    const snapshot = Y.encodeStateAsUpdate(doc);
    const log = rows(doc, SOFIA, () => addDecision(doc, item, "Rutinen gäller från 1 mars"));
    expect(await describeRows("minutes", snapshot, log)).toEqual([
      expect.objectContaining({ kind: "added", itemType: "decision", title: "Rutinen gäller från 1 mars" }),
    ]);
  });

  it("caps the work: many alternating authors are read at most MAX_RUNS + 1 times, still credited", async () => {
    const doc = new Y.Doc();
    openBoard(doc, "focus");
    const snapshot = Y.encodeStateAsUpdate(doc);
    const log = Array.from({ length: 3 * MAX_RUNS }, (_, i) =>
      rows(doc, i % 2 ? SOFIA : OMAR, () => addAction(doc, { id: `a${i}`, title: `Kort ${i}` })),
    ).flat();
    const changes = await describeRows("focus", snapshot, log);
    expect(changes.filter((c) => c.kind === "added")).toHaveLength(3 * MAX_RUNS);
    expect(new Set(changes.map((c) => c.by))).toEqual(new Set([SOFIA, OMAR]));
  });

  it("keeps at most MAX_CHANGES_PER_VERSION changes and counts the rest", () => {
    const many: HistoryChange[] = Array.from({ length: MAX_CHANGES_PER_VERSION + 5 }, (_, i) => ({
      by: SOFIA,
      kind: "edited",
      itemId: `a${i}`,
      itemType: "action",
      title: `Kort ${i}`,
    }));
    const list: HistoryChange[] = [];
    expect(foldChanges(list, many)).toBe(5);
    expect(list).toHaveLength(MAX_CHANGES_PER_VERSION);
  });

  it("never throws on bytes it cannot read: no changes instead", async () => {
    expect(
      await describeRows("focus", new Uint8Array([1, 2, 3]), [{ update: new Uint8Array([9]), authorId: null }]),
    ).toEqual([]);
  });
});

describe("restoring content", () => {
  it("makes the board what the version held, rich text included, as edits on top", () => {
    const doc = new Y.Doc();
    openBoard(doc, "focus");
    addAction(doc, { id: "a1", title: "Brytpunktssamtal" });
    writePlainParagraphs(focusDescription(doc), "Första texten");
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));

    moveAction(doc, "a1", "done", null);
    addAction(doc, { id: "a2", title: "Ny rutin" });
    const fragment = focusDescription(doc);
    fragment.delete(0, fragment.length);
    writePlainParagraphs(fragment, "Helt annan text");
    const before = Y.encodeStateVector(doc);

    doc.transact(() => replaceContent(doc, version, "focus"));
    const focus = readFocus(doc);
    expect(focus.actions.map((a) => [a.id, a.status])).toEqual([["a1", "idea"]]);
    expect(richTextToPlain(focus.description)).toBe("Första texten");
    // An ordinary update on top: a copy of the board before the restore receives it as such.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(version));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(readFocus(other).actions.map((a) => [a.id, a.status])).toEqual([["a1", "idea"]]);
    expect(Y.encodeStateAsUpdate(doc, before).byteLength).toBeGreaterThan(2);
    // Restoring what is already there changes nothing.
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    doc.transact(() => replaceContent(doc, version, "focus"));
    expect(updates).toEqual([]);
  });

  it("restores a plan: a removed goal comes back, a section's text is what it was", () => {
    const doc = new Y.Doc();
    openBoard(doc, "plan");
    const goal = addGoal(doc, { title: "Färre akuta inläggningar", level: "effect" });
    const section = addSection(doc, "Bakgrund");
    writePlainParagraphs(sectionBody(doc, section), "Så här började det");
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));

    doc.getMap("goals").delete(goal);
    const body = sectionBody(doc, section);
    body.delete(0, body.length);
    writePlainParagraphs(body, "Omskrivet");
    doc.transact(() => replaceContent(doc, version, "plan"));
    const plan = readPlan(doc);
    expect(plan.goals.map((g) => g.title)).toEqual(["Färre akuta inläggningar"]);
    expect(richTextToPlain(plan.sections[0]?.body)).toBe("Så här började det");
  });
});
