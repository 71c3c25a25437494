/**
 * Who runs a meeting's protokoll (issue 21), over the stock y-websocket client and HTTP: a member
 * who is not the meeting's convener cannot change the convener or the approvers (justerare) or
 * delete agenda items — the server undoes it, stores none of it and keeps the connection open —
 * while the partnership's convener and the meeting's own convener can. Approving and sealing wait
 * for the meeting to have been held, as closing does.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { minutesStatus } from "../../server/db/schema.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import {
  addActionItem,
  addAgendaItem,
  agendaNotes,
  readMinutes,
  removeAgendaItem,
  setMeeting,
  updateAgendaItem,
} from "../../shared/boards/minutes.js";
import { writePlainParagraphs } from "../../shared/richtext/text.js";
import type { ApiClient } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe.each(databaseKinds())("protokoll governance on %s", (databaseKind) => {
  let f: RealtimeFixture;
  let convenerId: string;
  const providers: WebsocketProvider[] = [];

  const connect = async (boardId: string, who: ApiClient) => {
    const c = connectProvider(f.server.url, boardId, { cookie: who.cookie });
    providers.push(c.provider);
    const closes: number[] = [];
    c.provider.on("connection-close", (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    await synced(c.provider);
    return { ...c, closes };
  };
  /** The board as stored: what anyone opening it later (or an export) gets. */
  const stored = async (boardId: string) => {
    await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
    const loaded = await createDocStore(f.database.db).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return readMinutes(doc);
  };

  /** A meeting set up by the partnership's convener: Eva approves, § 1 with notes and an action item. */
  async function meeting() {
    const boardId = await f.newBoard("minutes");
    const convener = await connect(boardId, f.convener);
    let itemId = "";
    convener.doc.transact(() => {
      setMeeting(convener.doc, {
        startsAt: "2026-11-23T12:00:00.000Z",
        convenerId,
        approverIds: [f.member.userId],
      });
      itemId = addAgendaItem(convener.doc, { title: "Trygg hemgång", number: 1 });
      writePlainParagraphs(agendaNotes(convener.doc, itemId), "Rutinen gås igenom.");
      addActionItem(convener.doc, itemId, { title: "Skriv rutinen", ownerId: f.member.userId, dueDate: null });
    });
    await eventually(async () => expect((await stored(boardId)).items).toHaveLength(1));
    return { boardId, convener, itemId };
  }

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 }, databaseKind);
    convenerId = (await f.convener.get("/api/auth/me")).body.user.id;
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("a member's change of approvers or convener is undone and not stored; the connection stays open", async () => {
    const { boardId, convener } = await meeting();
    const member = await connect(boardId, f.member2);
    setMeeting(member.doc, { approverIds: [f.member2.userId], convenerId: f.member2.userId });
    // Omar's own copy is put back too: nobody is left with a copy the server will not take.
    await eventually(() =>
      expect(readMinutes(member.doc).meeting).toMatchObject({ approverIds: [f.member.userId], convenerId }),
    );
    expect(readMinutes(convener.doc).meeting).toMatchObject({ approverIds: [f.member.userId], convenerId });
    expect((await stored(boardId)).meeting).toMatchObject({ approverIds: [f.member.userId], convenerId });
    expect((await f.convener.get(`/api/boards/${boardId}/minutes`)).body.minutes.approverIds).toEqual([
      f.member.userId,
    ]);

    // What members may do still goes through on the same connection: add an item and write in it.
    const added = addAgendaItem(member.doc, { title: "Övriga frågor", number: 2 });
    updateAgendaItem(member.doc, added, { title: "Övriga frågor och nästa möte" });
    await eventually(async () =>
      expect((await stored(boardId)).items.map((i) => i.title)).toEqual([
        "Trygg hemgång",
        "Övriga frågor och nästa möte",
      ]),
    );
    expect(member.closes).toEqual([]);
    expect(member.provider.wsconnected).toBe(true);
  });

  it("a member cannot delete an agenda item: it comes back whole, for everyone and in storage", async () => {
    const { boardId, convener, itemId } = await meeting();
    const member = await connect(boardId, f.member);
    removeAgendaItem(member.doc, itemId);
    const back = (doc: Y.Doc) => {
      const [item] = readMinutes(doc).items;
      return { title: item?.title, notes: item?.notes?.toString(), actions: item?.actionItems.map((a) => a.title) };
    };
    const whole = {
      title: "Trygg hemgång",
      notes: expect.stringContaining("Rutinen gås igenom."),
      actions: ["Skriv rutinen"],
    };
    await eventually(() => expect(back(member.doc)).toMatchObject(whole));
    await eventually(() => expect(back(convener.doc)).toMatchObject(whole));
    const kept = await stored(boardId);
    expect(kept.items.map((i) => [i.title, i.actionItems.map((a) => a.title)])).toEqual([
      ["Trygg hemgång", ["Skriv rutinen"]],
    ]);
    // Writing a new item over it under the same id replaces it: that is a deletion too.
    addAgendaItem(member.doc, { id: itemId, title: "Något helt annat", number: 9 });
    await eventually(() => expect(back(member.doc)).toMatchObject(whole));
    expect((await stored(boardId)).items.map((i) => [i.title, i.number])).toEqual([["Trygg hemgång", 1]]);
    expect(member.closes).toEqual([]);
  });

  it("the partnership's convener and the meeting's own convener change approvers and delete items", async () => {
    const { boardId, convener, itemId } = await meeting();
    setMeeting(convener.doc, { convenerId: f.member.userId, approverIds: [f.member2.userId] });
    await eventually(async () =>
      expect((await stored(boardId)).meeting).toMatchObject({
        convenerId: f.member.userId,
        approverIds: [f.member2.userId],
      }),
    );
    // Eva is now the meeting's convener: she runs it, though her role is member.
    const eva = await connect(boardId, f.member);
    setMeeting(eva.doc, { approverIds: [f.member2.userId, convenerId] });
    removeAgendaItem(eva.doc, itemId);
    await eventually(async () => {
      const kept = await stored(boardId);
      expect(kept.meeting.approverIds).toEqual([f.member2.userId, convenerId]);
      expect(kept.items).toEqual([]);
    });
    // Omar, a member who does not run it, still cannot.
    const omar = await connect(boardId, f.member2);
    setMeeting(omar.doc, { approverIds: [] });
    await eventually(() => expect(readMinutes(omar.doc).meeting.approverIds).toEqual([f.member2.userId, convenerId]));
    expect((await stored(boardId)).meeting.approverIds).toEqual([f.member2.userId, convenerId]);
  });

  it("approving and sealing minutes of a meeting not yet held are refused with 409 meeting_not_held", async () => {
    const boardId = await f.newBoard("minutes");
    const { doc } = await connect(boardId, f.convener);
    setMeeting(doc, { startsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(), approverIds: [f.member.userId] });
    await eventually(async () =>
      expect((await f.convener.get(`/api/boards/${boardId}/minutes`)).body.minutes).toMatchObject({
        meetingHeld: false,
        canClose: true,
      }),
    );
    // Minutes closed (or approved) before closing checked the date, as in the user test of 6 December.
    await f.database.db.insert(minutesStatus).values({
      boardId,
      state: "closed",
      approverIds: [f.member.userId],
      closedAt: new Date(),
      updatedAt: new Date(),
    });
    const approve = await f.member.post(`/api/boards/${boardId}/minutes/approve`, {});
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe("meeting_not_held");
    await f.database.db.update(minutesStatus).set({ state: "approved" }).where(eq(minutesStatus.boardId, boardId));
    const seal = await f.convener.post(`/api/boards/${boardId}/minutes/seal`, {});
    expect(seal.status).toBe(409);
    expect(seal.body.error.code).toBe("meeting_not_held");
    expect((await f.convener.get(`/api/boards/${boardId}/minutes`)).body.minutes).toMatchObject({
      state: "approved",
      sealed: null,
    });
  });
});
