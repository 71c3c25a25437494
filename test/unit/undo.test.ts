import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as plan from "../../shared/boards/plan.js";
import { boardUndo } from "../../web/src/collab/undo.js";

/** Two peers syncing every update both ways, as two people on one board. */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (u: Uint8Array, origin: unknown) => origin !== "b" && Y.applyUpdate(b, u, "a"));
  b.on("update", (u: Uint8Array, origin: unknown) => origin !== "a" && Y.applyUpdate(a, u, "b"));
  return { a, b };
}
const titles = (doc: Y.Doc) => plan.readPlan(doc).goals.map((g) => g.title);

describe("board undo: one's own steps only", () => {
  it("undoes a deletion and brings back the goal with its fields and id", () => {
    const { a, b } = pair();
    const id = plan.addGoal(a, { title: "Kontinuitet", comment: "Lång kommentar" });
    plan.updateGoal(a, id, { status: "partly_achieved" });
    const step = boardUndo(a).change(() => plan.removePlanItem(a, "goals", id));
    expect(step).not.toBeNull();
    expect(titles(b)).toEqual([]);
    expect(boardUndo(a).undoStep(step!)).toBe(true);
    const back = plan.readPlan(b).goals[0];
    expect(back).toMatchObject({ id, title: "Kontinuitet", comment: "Lång kommentar", status: "partly_achieved" });
  });

  it("never undoes another person's change, and a change that wrote nothing is no step", () => {
    const { a, b } = pair();
    const mine = boardUndo(a).change(() => void plan.addGoal(a, { title: "Mitt mål" }));
    boardUndo(b).change(() => void plan.addGoal(b, { title: "Evas mål" }));
    plan.addGoal(b, { title: "Utan ångra" });
    expect(boardUndo(a).change(() => {})).toBeNull();
    boardUndo(a).manager.undo();
    expect(titles(a).sort()).toEqual(["Evas mål", "Utan ångra"]);
    expect(boardUndo(a).undoStep(mine!)).toBe(false);
    boardUndo(a).manager.redo();
    expect(titles(b)).toContain("Mitt mål");
  });

  it("undoes a given deletion after later steps of one's own, leaving those", () => {
    const { a } = pair();
    const one = plan.addGoal(a, { title: "Ett" });
    const two = plan.addGoal(a, { title: "Två" });
    const removed = boardUndo(a).change(() => plan.removePlanItem(a, "goals", one))!;
    boardUndo(a).change(() => plan.updateGoal(a, two, { title: "Två, ändrat" }));
    expect(boardUndo(a).undoStep(removed)).toBe(true);
    expect(titles(a)).toEqual(["Ett", "Två, ändrat"]);
  });

  it("reorders by rank only: the moved goal keeps its id, and Ctrl+Z's undo puts it back", () => {
    const { a, b } = pair();
    const ids = ["Ett", "Två", "Tre"].map((title) => plan.addGoal(a, { title }));
    boardUndo(a).change(() => plan.movePlanItem(a, "goals", ids[2]!, null));
    expect(plan.readPlan(b).goals.map((g) => g.id)).toEqual([ids[2], ids[0], ids[1]]);
    boardUndo(a).change(() => plan.movePlanItem(a, "goals", ids[0]!, ids[1]!));
    expect(titles(b)).toEqual(["Tre", "Två", "Ett"]);
    boardUndo(a).manager.undo();
    expect(titles(b)).toEqual(["Tre", "Ett", "Två"]);
    expect(() => plan.movePlanItem(a, "goals", ids[0]!, "missing")).toThrow(/no item/);
  });
});
