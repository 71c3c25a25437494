/**
 * Conflicting edits that Yjs resolves by dropping one value (issue 21): two real clients edit a
 * card's title, one of them offline; the dropped value, who wrote it and what won are in the
 * card's history for every member, observers included. A plain edit after another is no conflict.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { editConflicts } from "../../server/db/schema.js";
import { addAction, getAction, updateAction } from "../../shared/boards/focus.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe("edits that lose a conflict", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];
  /** A client whose Yjs client id is `clientID`: the lower one loses a concurrent map write. */
  const client = async (boardId: string, cookie: string | null, clientID: number) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    const c = connectProvider(f.server.url, boardId, { cookie, doc });
    providers.push(c.provider);
    await synced(c.provider);
    return c;
  };
  const history = (boardId: string, as = f.member) => as.get(`/api/boards/${boardId}/items/a1/history`);
  const stored = async (boardId: string) =>
    f.database.db.select().from(editConflicts).where(eq(editConflicts.boardId, boardId));

  /** Eva (client `evaId`) adds a card; both are connected and see it. */
  async function twoEditors(evaId: number, omarId: number) {
    const boardId = await f.newBoard();
    const eva = await client(boardId, f.member.cookie, evaId);
    addAction(eva.doc, { id: "a1", title: "Brytpunktssamtal", status: "idea" });
    const omar = await client(boardId, f.member2.cookie, omarId);
    await eventually(() => expect(getAction(omar.doc, "a1")?.title).toBe("Brytpunktssamtal"));
    return { boardId, eva, omar };
  }

  /** Eva edits offline, Omar online; Eva reconnects. Returns the title both end up with. */
  async function offlineConflict(setup: Awaited<ReturnType<typeof twoEditors>>) {
    const { eva, omar } = setup;
    eva.provider.disconnect();
    updateAction(eva.doc, "a1", { title: "Brytpunktssamtal med anhöriga" });
    updateAction(omar.doc, "a1", { title: "Brytpunktssamtal i hemmet" });
    eva.provider.connect();
    await synced(eva.provider);
    let title = "";
    await eventually(() => {
      title = getAction(eva.doc, "a1")?.title ?? "";
      expect(getAction(omar.doc, "a1")?.title).toBe(title);
    });
    return title;
  }

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 });
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("keeps the offline edit that lost, by whom, with the value that won, for members and observers", async () => {
    const setup = await twoEditors(1, 2_000_000_000);
    expect(await offlineConflict(setup)).toBe("Brytpunktssamtal i hemmet");
    await eventually(async () => expect((await history(setup.boardId)).body.conflicts).toHaveLength(1));
    for (const reader of [f.member, f.member2, f.observer]) {
      const res = await history(setup.boardId, reader);
      expect(res.status).toBe(200);
      expect(res.body.conflicts).toEqual([
        {
          id: expect.any(String),
          at: expect.any(String),
          field: "title",
          lostValue: "Brytpunktssamtal med anhöriga",
          lostBy: f.member.userId,
          keptValue: "Brytpunktssamtal i hemmet",
          keptBy: f.member2.userId,
        },
      ]);
      expect(res.body.people[f.member.userId]).toBe("Eva Sjuksköterska");
      expect(res.body.people[f.member2.userId]).toBeTruthy();
    }
  });

  it("keeps the online edit that lost when the offline one wins", async () => {
    const setup = await twoEditors(2_000_000_000, 1);
    expect(await offlineConflict(setup)).toBe("Brytpunktssamtal med anhöriga");
    await eventually(async () => expect(await stored(setup.boardId)).toHaveLength(1));
    const [row] = await stored(setup.boardId);
    expect(row).toMatchObject({
      itemId: "a1",
      field: "title",
      lostValue: "Brytpunktssamtal i hemmet",
      lostBy: f.member2.userId,
      keptValue: "Brytpunktssamtal med anhöriga",
      keptBy: f.member.userId,
    });
  });

  it("records nothing for edits made one after another, offline or typed over before reconnecting", async () => {
    const { boardId, eva, omar } = await twoEditors(1, 2_000_000_000);
    updateAction(eva.doc, "a1", { title: "Brytpunktssamtal, steg 1" });
    await eventually(() => expect(getAction(omar.doc, "a1")?.title).toBe("Brytpunktssamtal, steg 1"));
    updateAction(omar.doc, "a1", { title: "Brytpunktssamtal, steg 2", dueDate: "2026-12-24" });
    await eventually(() => expect(getAction(eva.doc, "a1")?.title).toBe("Brytpunktssamtal, steg 2"));
    // Offline, alone: two edits of the same field, the first typed over by the second.
    eva.provider.disconnect();
    updateAction(eva.doc, "a1", { title: "Steg 3 utkast" });
    updateAction(eva.doc, "a1", { title: "Steg 3" });
    eva.provider.connect();
    await eventually(() => expect(getAction(omar.doc, "a1")?.title).toBe("Steg 3"));
    // A conflict on another card afterwards proves reports were flowing all along.
    addAction(eva.doc, { id: "a2", title: "Läkemedelsgenomgång", status: "idea" });
    await eventually(() => expect(getAction(omar.doc, "a2")).toBeDefined());
    eva.provider.disconnect();
    updateAction(eva.doc, "a2", { title: "Läkemedelsgenomgång X" });
    updateAction(omar.doc, "a2", { title: "Läkemedelsgenomgång Y" });
    eva.provider.connect();
    await eventually(async () => expect(await stored(boardId)).toHaveLength(1));
    expect((await stored(boardId))[0]).toMatchObject({ itemId: "a2", lostValue: "Läkemedelsgenomgång X" });
  });

  it("keeps no value holding a personal identity number", async () => {
    const setup = await twoEditors(1, 2_000_000_000);
    const { eva, omar, boardId } = setup;
    eva.provider.disconnect();
    updateAction(eva.doc, "a1", { title: "Samtal 19121212-1212" });
    updateAction(omar.doc, "a1", { title: "Samtal i hemmet" });
    eva.provider.connect();
    await eventually(() => expect(getAction(eva.doc, "a1")?.title).toBe("Samtal i hemmet"));
    // Then a conflict that is kept, so that the first one had every chance to be stored.
    eva.provider.disconnect();
    updateAction(eva.doc, "a1", { title: "Samtal A" });
    updateAction(omar.doc, "a1", { title: "Samtal B" });
    eva.provider.connect();
    await eventually(async () => expect(await stored(boardId)).toHaveLength(1));
    expect((await stored(boardId))[0]).toMatchObject({ lostValue: "Samtal A" });
  });
});
