/**
 * Minutes approval (justering) end to end over HTTP and the stock y-websocket client: the state
 * machine by role, the lock on closed and sealed minutes (also for an offline copy that comes
 * back), and the audit trail.
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createDocStore } from "../../server/docs/doc-store.js";
import { addAction } from "../../shared/boards/focus.js";
import {
  addActionItem,
  addAgendaItem,
  addAttendee,
  addDecision,
  readMinutes,
  setMeeting,
} from "../../shared/boards/minutes.js";
import { Close } from "../../shared/protocol/close-codes.js";
import type { ApiClient } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, firstClose, synced } from "../helpers/ws-client.js";

describe.each(databaseKinds())("minutes approval on %s", (databaseKind) => {
  let f: RealtimeFixture;
  let convenerId: string;
  const providers: WebsocketProvider[] = [];

  const connect = async (boardId: string, who: ApiClient, doc?: Y.Doc) => {
    const c = connectProvider(f.server.url, boardId, { cookie: who.cookie, ...(doc ? { doc } : {}) });
    providers.push(c.provider);
    await synced(c.provider);
    return c;
  };
  const minutes = async (boardId: string, who: ApiClient = f.convener) => {
    const res = await who.get(`/api/boards/${boardId}/minutes`);
    expect(res.status).toBe(200);
    return res.body.minutes;
  };
  const step = (who: ApiClient, boardId: string, name: string) =>
    who.post(`/api/boards/${boardId}/minutes/${name}`, {});
  const stored = async (boardId: string) => {
    await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
    const loaded = await createDocStore(f.database.db).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return doc;
  };

  /** A meeting recorded live by the convener: date, two approvers, attendees, § 1 with a decision. */
  async function recordedMeeting(approvers: string[] = [f.member.userId, f.member2.userId]) {
    const boardId = await f.newBoard("minutes");
    const { doc, provider } = await connect(boardId, f.convener);
    doc.transact(() => {
      setMeeting(doc, {
        type: "collaboration",
        startsAt: "2026-11-23T12:00:00.000Z",
        endsAt: "2026-11-23T13:30:00.000Z",
        place: "Vårdcentralen, rum Ängen",
        convenerId: convenerId,
        approverIds: approvers,
      });
      addAttendee(doc, { name: "Eva Sjuksköterska", organizationName: "Lekebergs kommun", role: "", present: true });
      const item = addAgendaItem(doc, { title: "Trygg hemgång", number: 1 });
      addDecision(doc, item, "Gemensam rutin för överföring införs från årsskiftet.");
      addActionItem(doc, item, { title: "Skriv rutinen", ownerId: f.member.userId, dueDate: "2026-12-15" });
    });
    // A second thought: overwritten values leave deletions in every copy's history.
    setMeeting(doc, { place: "Vårdcentralen, rum Ängen", type: "rounds" });
    setMeeting(doc, { type: "collaboration" });
    await eventually(async () => expect((await minutes(boardId)).approverIds).toEqual(approvers));
    return { boardId, doc, provider };
  }

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 }, databaseKind);
    convenerId = (await f.convener.get("/api/auth/me")).body.user.id;
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("only the convener closes and reopens, only named approvers approve, each once and for themselves", async () => {
    const { boardId } = await recordedMeeting();
    expect(await minutes(boardId)).toMatchObject({ state: "draft", canClose: true, canApprove: false });

    // An observer, and a member who is not the meeting's convener, cannot end the meeting.
    expect((await step(f.observer, boardId, "close")).status).toBe(403);
    expect((await step(f.member, boardId, "close")).status).toBe(403);
    // Nothing to approve before the meeting is closed.
    expect((await step(f.member, boardId, "approve")).body.error.code).toBe("minutes_not_closed");

    const closed = await step(f.convener, boardId, "close");
    expect(closed.status).toBe(200);
    expect(closed.body.minutes).toMatchObject({ state: "closed", canReopen: true, closedBy: { id: convenerId } });
    expect((await step(f.convener, boardId, "close")).status).toBe(409);

    // The convener is not an approver here and cannot approve on anyone's behalf; nor can the observer.
    expect((await step(f.convener, boardId, "approve")).status).toBe(403);
    expect((await step(f.observer, boardId, "approve")).status).toBe(403);
    expect((await minutes(boardId, f.member)).canApprove).toBe(true);
    const first = await step(f.member, boardId, "approve");
    expect(first.body.minutes).toMatchObject({ state: "closed", approvals: [{ userId: f.member.userId }] });
    expect((await step(f.member, boardId, "approve")).body.error.code).toBe("already_approved");

    // Reopening withdraws the approval: after closing again, Eva must approve again.
    expect((await step(f.member, boardId, "reopen")).status).toBe(403);
    expect((await step(f.convener, boardId, "reopen")).body.minutes).toMatchObject({ state: "draft", approvals: [] });
    expect((await step(f.convener, boardId, "close")).status).toBe(200);
    expect((await step(f.member2, boardId, "approve")).body.minutes.state).toBe("closed");
    const last = await step(f.member, boardId, "approve");
    expect(last.body.minutes).toMatchObject({ state: "approved", canApprove: false, canSeal: false });
    expect(await minutes(boardId)).toMatchObject({ canReopen: false, canSeal: true });
    expect((await step(f.convener, boardId, "reopen")).body.error.code).toBe("minutes_not_closed");

    // Sealing: not by a member, once by the convener.
    expect((await step(f.member, boardId, "seal")).status).toBe(403);
    const sealed = await step(f.convener, boardId, "seal");
    expect(sealed.status).toBe(200);
    expect(sealed.body.minutes).toMatchObject({ state: "sealed", sealed: { sequence: expect.any(Number) } });
    expect((await step(f.convener, boardId, "seal")).status).toBe(409);

    const audit = await f.database.db.execute<{ action: string; actor_id: string }>(
      sql`select action, actor_id from audit_events where target_id = ${boardId} and action like 'minutes.%' order by id`,
    );
    const rows = Array.isArray(audit) ? audit : (audit as { rows: { action: string; actor_id: string }[] }).rows;
    expect(rows.map((r) => r.action)).toEqual([
      "minutes.closed",
      "minutes.approved",
      "minutes.reopened",
      "minutes.closed",
      "minutes.approved",
      "minutes.approved",
      "minutes.sealed",
    ]);
  });

  it("the person the minutes name as convener runs the meeting, though only a member of the partnership", async () => {
    const boardId = await f.newBoard("minutes");
    const { doc } = await connect(boardId, f.convener);
    setMeeting(doc, {
      startsAt: "2026-11-24T08:00:00.000Z",
      convenerId: f.member2.userId,
      approverIds: [f.member.userId],
    });
    await eventually(async () => expect((await minutes(boardId, f.member2)).canClose).toBe(true));
    expect((await minutes(boardId, f.member)).canClose).toBe(false);
    expect((await step(f.member2, boardId, "close")).status).toBe(200);
  });

  it("refuses to close without a date or approvers, or with an approver outside the partnership", async () => {
    const boardId = await f.newBoard("minutes");
    expect((await step(f.convener, boardId, "close")).body.error.code).toBe("meeting_date_missing");
    const { doc } = await connect(boardId, f.convener);
    setMeeting(doc, { startsAt: "2026-11-24T08:00:00.000Z" });
    await eventually(async () =>
      expect((await step(f.convener, boardId, "close")).body.error.code).toBe("approvers_missing"),
    );
    const outsiderId = (await f.outsider.get("/api/auth/me")).body.user.id;
    setMeeting(doc, { approverIds: [outsiderId] });
    await eventually(async () =>
      expect((await step(f.convener, boardId, "close")).body.error.code).toBe("approver_not_member"),
    );
    expect((await minutes(boardId)).state).toBe("draft");
  });

  it("refuses to close minutes of a meeting that has not started yet (approved before it was held)", async () => {
    const boardId = await f.newBoard("minutes");
    const { doc } = await connect(boardId, f.convener);
    const inFourDays = new Date(Date.now() + 4 * 86_400_000).toISOString();
    setMeeting(doc, { startsAt: inFourDays, approverIds: [f.member.userId] });
    await eventually(async () =>
      expect((await step(f.convener, boardId, "close")).body.error.code).toBe("meeting_not_held"),
    );
    expect((await minutes(boardId)).state).toBe("draft");
    setMeeting(doc, { startsAt: new Date(Date.now() - 3_600_000).toISOString() });
    await eventually(async () => expect((await step(f.convener, boardId, "close")).status).toBe(200));
  });

  it("closed minutes refuse every change, also the convener's; reopened, they take changes again", async () => {
    const { boardId, doc, provider } = await recordedMeeting();
    expect((await step(f.convener, boardId, "close")).status).toBe(200);
    const closing = firstClose(provider);
    addAgendaItem(doc, { title: "Inskjuten punkt", number: 2 });
    expect((await closing).code).toBe(Close.Locked.code);
    expect(readMinutes(await stored(boardId)).items.map((i) => i.title)).toEqual(["Trygg hemgång"]);

    expect((await step(f.convener, boardId, "reopen")).status).toBe(200);
    const again = await connect(boardId, f.member);
    addAgendaItem(again.doc, { title: "Övriga frågor", number: 2 });
    await eventually(async () =>
      expect(readMinutes(await stored(boardId)).items.map((i) => i.title)).toEqual(["Trygg hemgång", "Övriga frågor"]),
    );
  });

  it("sealed minutes refuse a convener's stock client and an offline copy that reconnects with edits", async () => {
    const { boardId } = await recordedMeeting([f.member.userId]);
    // Eva has the minutes on her device and goes offline before they are closed.
    const offline = await connect(boardId, f.member);
    offline.provider.disconnect();
    addDecision(offline.doc, readMinutes(offline.doc).items[0]!.id, "Beslut skrivet offline");

    expect((await step(f.convener, boardId, "close")).status).toBe(200);
    expect((await step(f.member, boardId, "approve")).status).toBe(200);
    expect((await step(f.convener, boardId, "seal")).status).toBe(200);
    const before = Y.encodeStateVector(await stored(boardId));

    // The convener's own client: told why, and closed for good.
    const convener = await connect(boardId, f.convener);
    const refused = firstClose(convener.provider);
    addAgendaItem(convener.doc, { title: "Tillägg", number: 9 });
    expect(await refused).toMatchObject({ code: Close.Locked.code });

    // Eva comes back: her offline decision is not taken.
    const back = firstClose(offline.provider);
    offline.provider.connect();
    expect((await back).code).toBe(Close.Locked.code);

    const after = await stored(boardId);
    expect(Y.encodeStateVector(after)).toEqual(before);
    expect(readMinutes(after).items[0]!.decisions.map((d) => d.text)).toEqual([
      "Gemensam rutin för överföring införs från årsskiftet.",
    ]);
    // Someone who had the minutes open, with their history of overwritten values, comes back
    // without changes of their own: their sync repeats what the board has, and they stay.
    const returning = await connect(boardId, f.member2);
    expect(readMinutes(returning.doc).meeting.place).toBe("Vårdcentralen, rum Ängen");
    const closes: number[] = [];
    returning.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    returning.provider.disconnect();
    returning.provider.connect();
    await synced(returning.provider);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only its own disconnect: no refusal from the server.
    expect(closes.filter((code) => code >= 4000)).toEqual([]);
    expect(returning.provider.wsconnected).toBe(true);

    // Reading still works: a fresh client syncs the sealed version and is not closed.
    const reader = await connect(boardId, f.member2);
    expect(readMinutes(reader.doc).items[0]!.title).toBe("Trygg hemgång");
    expect(reader.provider.wsconnected).toBe(true);
    // An observer who tries to write is ignored as a reader always is, not closed (PROTOCOL §2.4).
    const observer = await connect(boardId, f.observer);
    const observerCloses: number[] = [];
    observer.provider.on("connection-close", (event: CloseEvent | null) => observerCloses.push(event?.code ?? 0));
    addAgendaItem(observer.doc, { title: "Observatörens tillägg", number: 10 });
    addAgendaItem(observer.doc, { title: "Och ett till", number: 11 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(observerCloses).toEqual([]);
    expect(observer.provider.wsconnected).toBe(true);
    expect(Y.encodeStateVector(await stored(boardId))).toEqual(before);
  });

  it("a new meeting carries over open action items and undecided agenda items as a draft agenda", async () => {
    const focusId = await f.newBoard("focus");
    const focus = await connect(focusId, f.convener);
    const openAction = addAction(focus.doc, { title: "Skriv rutinen", status: "in_progress" });
    const doneAction = addAction(focus.doc, { title: "Boka lokal", status: "done" });
    const { boardId, doc } = await recordedMeeting();
    doc.transact(() => {
      const item = addAgendaItem(doc, { title: "Hjälpmedel vid hemgång", number: 2 });
      addActionItem(doc, item, { title: "Skriv rutinen", focusBoardId: focusId, actionId: openAction });
      addActionItem(doc, item, { title: "Boka lokal", focusBoardId: focusId, actionId: doneAction });
    });
    await eventually(
      async () => {
        const actions = (await f.convener.get(`/api/workspaces/${f.workspaceId}/actions?board=${focusId}`)).body
          .actions;
        expect(actions).toHaveLength(2);
      },
      15_000,
      100,
    );

    const created = await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "minutes",
      title: "Samverkansmöte december",
      carryOverFrom: boardId,
    });
    expect(created.status).toBe(201);
    const next = await connect(created.body.board.id, f.member);
    const draft = readMinutes(next.doc);
    expect(draft.meeting).toMatchObject({ place: "Vårdcentralen, rum Ängen", convenerId, approverIds: [] });
    expect(draft.attendees.map((a) => [a.name, a.present])).toEqual([["Eva Sjuksköterska", false]]);
    expect(draft.items.map((i) => [i.title, i.number])).toEqual([
      ["Uppföljning av åtgärder från föregående möte", null],
      ["Hjälpmedel vid hemgång", null],
    ]);
    // "Skriv rutinen" from § 1 (not linked) and from § 2 (linked, in progress); "Boka lokal" is done.
    expect(draft.items[0]!.actionItems.map((a) => [a.title, a.actionId])).toEqual([
      ["Skriv rutinen", null],
      ["Skriv rutinen", openAction],
    ]);

    const refused = await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Fel",
      carryOverFrom: boardId,
    });
    expect(refused.body.error.details.fields).toHaveProperty("carryOverFrom");
    const notMinutes = await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "minutes",
      title: "Fel",
      carryOverFrom: focusId,
    });
    expect(notMinutes.status).toBe(400);
  });
});
