import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardInputError } from "../../shared/boards/access.js";
import { openBoard } from "../../shared/boards/index.js";
import * as minutes from "../../shared/boards/minutes.js";
import { GuardedBoard } from "../helpers/board-guard.js";
import { updatesOf } from "../helpers/yjs.js";

const USER = "11111111-1111-4111-8111-111111111111";
const USER_2 = "22222222-2222-4222-8222-222222222222";
const FOCUS = "44444444-4444-4444-8444-444444444444";

function withActionItem() {
  const doc = new Y.Doc();
  openBoard(doc, "minutes");
  const item = minutes.addAgendaItem(doc, { title: "Uppföljning", number: 3 });
  const action = minutes.addActionItem(doc, item, { title: "Boka möte", ownerId: USER, dueDate: "2026-03-31" });
  return { doc, item, action };
}

const actionItemOf = (doc: Y.Doc, item: string) =>
  minutes.readMinutes(doc).items.find((i) => i.id === item)?.actionItems;

describe("updateActionItem", () => {
  it("changes the given fields and keeps the others, rank included", () => {
    const { doc, item, action } = withActionItem();
    const before = actionItemOf(doc, item)?.[0];
    minutes.updateActionItem(doc, item, action, { focusBoardId: FOCUS, actionId: "a-1", ownerId: undefined });
    expect(actionItemOf(doc, item)).toEqual([
      { ...before, focusBoardId: FOCUS, actionId: "a-1", ownerId: USER, dueDate: "2026-03-31" },
    ]);
    minutes.updateActionItem(doc, item, action, { ownerId: null, dueDate: null });
    expect(actionItemOf(doc, item)?.[0]).toMatchObject({ ownerId: null, dueDate: null, actionId: "a-1" });
  });

  it("writes the whole value, so two people editing one item at once keep one whole version", () => {
    const { doc, item, action } = withActionItem();
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(doc));
    minutes.updateActionItem(a, item, action, { title: "Boka lokal", ownerId: USER_2 });
    minutes.updateActionItem(b, item, action, { focusBoardId: FOCUS, actionId: "a-9" });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const [fromA] = actionItemOf(a, item) ?? [];
    expect(actionItemOf(b, item)).toEqual([fromA]);
    const wholeA = fromA?.title === "Boka lokal" && fromA.ownerId === USER_2 && fromA.actionId === null;
    const wholeB = fromA?.title === "Boka möte" && fromA.ownerId === USER && fromA.actionId === "a-9";
    expect(wholeA || wholeB).toBe(true);
  });

  it("refuses a value that does not fit, or an item that is not there, and writes nothing", () => {
    const { doc, item, action } = withActionItem();
    const bad: [string, () => void][] = [
      ["blank title", () => minutes.updateActionItem(doc, item, action, { title: "  " })],
      ["date that does not exist", () => minutes.updateActionItem(doc, item, action, { dueDate: "2026-02-30" })],
      ["owner not an id", () => minutes.updateActionItem(doc, item, action, { ownerId: "eva" })],
      ["action id with a slash", () => minutes.updateActionItem(doc, item, action, { actionId: "a/b" })],
      ["unknown action item", () => minutes.updateActionItem(doc, item, "nope", { title: "X" })],
      ["unknown agenda item", () => minutes.updateActionItem(doc, "nope", action, { title: "X" })],
    ];
    for (const [what, write] of bad) {
      let error: unknown;
      const updates = updatesOf(doc, () => {
        try {
          write();
        } catch (e) {
          error = e;
        }
      });
      expect(error, what).toBeInstanceOf(BoardInputError);
      expect(updates, what).toEqual([]);
    }
  });

  it("writes only what the server's content guard accepts", () => {
    const board = new GuardedBoard("minutes");
    board.write((d) => openBoard(d, "minutes"));
    const client = board.client();
    const item = "i1";
    board.accept(...board.updates(client, (d) => minutes.addAgendaItem(d, { title: "Uppföljning", id: item })));
    let action = "";
    board.accept(...board.updates(client, (d) => (action = minutes.addActionItem(d, item, { title: "Boka" }))));
    board.accept(
      ...board.updates(client, (d) =>
        minutes.updateActionItem(d, item, action, { focusBoardId: FOCUS, actionId: "a-1", dueDate: "2026-04-30" }),
      ),
    );
    expect(minutes.readMinutes(board.server).items[0]?.actionItems[0]).toMatchObject({
      focusBoardId: FOCUS,
      actionId: "a-1",
      dueDate: "2026-04-30",
    });
  });
});
