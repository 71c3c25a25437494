/**
 * lost-writes.ts on plain Yjs documents: which deleted map entries are edits that lost a conflict
 * (and which are ordinary overwrites), where they sit (record, nested field) and who wrote them.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { findLostWrites, LostWriteWatch } from "../../server/realtime/lost-writes.js";

/** A "server" document and two clients that start from it; the lower client id loses a conflict. */
function setup() {
  const server = new Y.Doc();
  const card = new Y.Map<unknown>();
  server.getMap("actions").set("a1", card);
  card.set("title", "Brytpunktssamtal");
  const notes = new Y.Map<unknown>();
  card.set("pdsaNotes", notes);
  notes.set("plan", "");
  server.getMap("focus").set("targetGroup", "Äldre");
  const client = (id: number) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    return doc;
  };
  return { server, low: client(1), high: client(2_000_000_000) };
}

const action = (doc: Y.Doc) => doc.getMap("actions").get("a1") as Y.Map<unknown>;

/** Applies `from`'s changes to the server and returns what the watch saw in that transaction. */
function deliver(server: Y.Doc, from: Y.Doc, watch = new LostWriteWatch(), userId = "u") {
  const seen: ReturnType<typeof findLostWrites>[] = [];
  const listener = (tr: Y.Transaction) => {
    seen.push(findLostWrites(tr));
    watch.observe(tr, userId);
  };
  server.on("afterTransaction", listener);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(from, Y.encodeStateVector(server)));
  server.off("afterTransaction", listener);
  return { lost: seen.flat(), event: watch.take("board") };
}

describe("lost writes", () => {
  it("finds the incoming value that lost, and the existing one that lost to an incoming value", () => {
    const { server, low, high } = setup();
    action(low).set("title", "Låg");
    action(high).set("title", "Hög");
    const watch = new LostWriteWatch();
    expect(deliver(server, high, watch, "omar").lost).toEqual([]);
    const { event } = deliver(server, low, watch, "eva");
    expect(event).toEqual({
      boardId: "board",
      writes: [{ itemId: "a1", field: "title", lostValue: "Låg", lostBy: "eva", keptValue: "Hög", keptBy: "omar" }],
    });

    // The other order: the existing (online) value is the one dropped.
    const second = setup();
    action(second.low).set("title", "Låg");
    action(second.high).set("title", "Hög");
    const w2 = new LostWriteWatch();
    deliver(second.server, second.low, w2, "eva");
    expect(deliver(second.server, second.high, w2, "omar").event?.writes).toEqual([
      { itemId: "a1", field: "title", lostValue: "Låg", lostBy: "eva", keptValue: "Hög", keptBy: "omar" },
    ]);
  });

  it("names nested fields and board-level fields", () => {
    const { server, low, high } = setup();
    (action(low).get("pdsaNotes") as Y.Map<unknown>).set("plan", "A");
    (action(high).get("pdsaNotes") as Y.Map<unknown>).set("plan", "B");
    low.getMap("focus").set("targetGroup", "Barn");
    high.getMap("focus").set("targetGroup", "Unga");
    deliver(server, high);
    const { lost } = deliver(server, low);
    expect(lost).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemId: "a1", field: "pdsaNotes.plan", lostValue: "A", keptValue: "B" }),
        expect.objectContaining({ itemId: null, field: "targetGroup", lostValue: "Barn", keptValue: "Unga" }),
      ]),
    );
    expect(lost).toHaveLength(2);
  });

  it("finds nothing in overwrites, own offline retyping, equal values or a record deleted meanwhile", () => {
    const { server, low, high } = setup();
    action(low).set("title", "Ett");
    expect(deliver(server, low).lost).toEqual([]);
    Y.applyUpdate(high, Y.encodeStateAsUpdate(server, Y.encodeStateVector(high)));
    action(high).set("title", "Två");
    action(high).set("title", "Tre");
    expect(deliver(server, high).lost).toEqual([]);

    // The same value written by both: nothing was lost.
    const same = setup();
    action(same.low).set("title", "Samma");
    action(same.high).set("title", "Samma");
    deliver(same.server, same.high);
    expect(deliver(same.server, same.low).lost).toEqual([]);

    // The card was deleted while someone offline edited its title: no conflict of a field.
    const gone = setup();
    action(gone.low).set("title", "Ny titel");
    gone.high.getMap("actions").delete("a1");
    deliver(gone.server, gone.high);
    expect(deliver(gone.server, gone.low).lost).toEqual([]);
  });

  it("reports nothing once dropped, and does not know writers it never saw", () => {
    const { server, low, high } = setup();
    action(low).set("title", "Låg");
    action(high).set("title", "Hög");
    Y.applyUpdate(server, Y.encodeStateAsUpdate(high, Y.encodeStateVector(server)));
    const watch = new LostWriteWatch();
    const listener = (tr: Y.Transaction) => watch.observe(tr, null);
    server.on("afterTransaction", listener);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(low, Y.encodeStateVector(server)));
    server.off("afterTransaction", listener);
    const event = watch.take("board");
    expect(event?.writes).toEqual([
      { itemId: "a1", field: "title", lostValue: "Låg", lostBy: null, keptValue: "Hög", keptBy: null },
    ]);
    expect(watch.take("board")).toBeNull();
  });
});
