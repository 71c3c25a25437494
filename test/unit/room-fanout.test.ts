import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocStore } from "../../server/docs/doc-store.js";
import { createWriteQueue } from "../../server/docs/write-queue.js";
import { createLogger } from "../../server/logger.js";
import { decodeClientFrame } from "../../server/realtime/codec.js";
import { Room, type RoomMember } from "../../server/realtime/room.js";
import { addAction, updateAction } from "../../shared/boards/focus.js";
import { openBoard } from "../../shared/boards/index.js";

const store: DocStore = {
  load: async () => ({ snapshot: null, updates: [], lastSeq: 0, tail: 0 }),
  append: async () => {},
  compact: async () => {},
  recentlyActive: async () => [],
};
const logger = createLogger("silent");
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A member that keeps the document updates it was sent. */
function member(userId: string) {
  const updates: Uint8Array[] = [];
  const m: RoomMember = {
    userId,
    send(frame) {
      const message = decodeClientFrame(frame);
      if (message.kind === "update") updates.push(message.update);
    },
  };
  return { member: m, updates };
}

describe("a room's fan-out", () => {
  let room: Room;
  afterEach(() => room.destroy());

  async function aBoardWithTwoCards() {
    room = new Room("b", "focus", await store.load("b"), { store, queue: createWriteQueue(store, logger), logger });
    const writer = new Y.Doc();
    openBoard(writer, "focus");
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(room.doc));
    addAction(writer, { id: "a", title: "Ringa anhöriga" });
    addAction(writer, { id: "b", title: "Boka rum" });
    const setup = Y.encodeStateAsUpdate(writer, Y.encodeStateVector(room.doc));
    const edits: Uint8Array[] = [];
    writer.on("update", (u: Uint8Array) => edits.push(u));
    await new Promise((resolve) => setTimeout(resolve, 10)); // the room sent its layout stamp: let it be quiet again
    return { writer, setup, edits };
  }

  it("sends a change on a quiet board at once, ahead of the rest of that turn of the event loop", async () => {
    const { writer, setup, edits } = await aBoardWithTwoCards();
    const reader = member("reader");
    room.members.add(reader.member);
    updateAction(writer, "a", { title: "Ringa anhöriga i dag" });
    room.apply(reader.member, setup);
    await nextTurn();
    await new Promise((resolve) => setTimeout(resolve, 10)); // quiet again
    const before = reader.updates.length;

    room.apply(reader.member, edits[0] as Uint8Array);
    expect(reader.updates).toHaveLength(before); // not from inside apply
    await Promise.resolve(); // as soon as the frame that brought it is handled
    expect(reader.updates).toHaveLength(before + 1);
  });

  it("on a busy board, sends what arrived in one turn as one merged frame", async () => {
    const { writer, setup, edits } = await aBoardWithTwoCards();
    const reader = member("reader");
    room.members.add(reader.member);
    updateAction(writer, "a", { title: "Ringa anhöriga i dag" });
    updateAction(writer, "b", { title: "Boka stora rummet" });
    room.apply(reader.member, setup); // sent at once: the board was quiet
    await Promise.resolve();
    expect(reader.updates).toHaveLength(1);

    // Two more changes in the same turn, moments after that send: they wait for the turn to end and leave together.
    room.apply(reader.member, edits[0] as Uint8Array);
    room.apply(reader.member, edits[1] as Uint8Array);
    await Promise.resolve();
    expect(reader.updates).toHaveLength(1);
    await nextTurn();
    expect(reader.updates).toHaveLength(2);
    const copy = new Y.Doc();
    for (const u of reader.updates) Y.applyUpdate(copy, u);
    const titles = Object.fromEntries(
      [...copy.getMap<Y.Map<unknown>>("actions").entries()].map(([id, card]) => [id, card.get("title")]),
    );
    expect(titles).toEqual({ a: "Ringa anhöriga i dag", b: "Boka stora rummet" });
  });
});
