import { eq } from "drizzle-orm";
import * as decoding from "lib0/decoding";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { docUpdates } from "../../server/db/schema.js";
import { addAction, getAction } from "../../shared/boards/focus.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { MessageType } from "../../shared/protocol/messages.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, firstClose, rawSocket, synced } from "../helpers/ws-client.js";

/** Reads a permission-denied frame: [Auth, 0, reason]. */
function permissionDenied(frame: Uint8Array): string | null {
  const d = decoding.createDecoder(frame);
  if (decoding.readVarUint(d) !== MessageType.Auth || decoding.readVarUint(d) !== 0) return null;
  return decoding.readVarString(d);
}

describe("who may join a board, and who may write", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];
  const client = (boardId: string, cookie: string | null, origin?: string) => {
    const c = connectProvider(f.server.url, boardId, { cookie, ...(origin ? { origin } : {}) });
    providers.push(c.provider);
    return c;
  };

  beforeAll(async () => {
    f = await startRealtimeFixture();
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("refuses an outsider with permission-denied and 4404, the same as for a board that does not exist", async () => {
    const boardId = await f.newBoard();
    const raw = rawSocket(f.server.url, boardId, f.outsider.cookie);
    const closed = await raw.closed;
    expect(closed.code).toBe(Close.NoAccess.code);
    expect(raw.received.map(permissionDenied)).toContain(Close.NoAccess.reason);

    const missing = rawSocket(f.server.url, "00000000-0000-4000-8000-000000000000", f.member.cookie);
    expect((await missing.closed).code).toBe(Close.NoAccess.code);
    const notAnId = rawSocket(f.server.url, "not-a-board", f.member.cookie);
    expect((await notAnId.closed).code).toBe(Close.NoAccess.code);
  });

  it("refuses a signed-out browser with 4401 whatever the board, and a foreign page with 4403", async () => {
    const boardId = await f.newBoard();
    expect((await rawSocket(f.server.url, boardId, null).closed).code).toBe(Close.Unauthenticated.code);
    expect((await rawSocket(f.server.url, boardId, "samverkan_session=forged").closed).code).toBe(
      Close.Unauthenticated.code,
    );
    // The session decides before the board: whether a board exists is not told to the signed-out.
    for (const target of ["00000000-0000-4000-8000-000000000000", "not-a-board"]) {
      expect((await rawSocket(f.server.url, target, "samverkan_session=forged").closed).code).toBe(
        Close.Unauthenticated.code,
      );
    }
    const evil = rawSocket(f.server.url, boardId, f.member.cookie, "https://evil.example");
    expect((await evil.closed).code).toBe(Close.ForeignOrigin.code);
    const stock = client(boardId, f.member.cookie, "https://evil.example");
    expect((await firstClose(stock.provider)).code).toBe(Close.ForeignOrigin.code);
    expect(stock.provider.synced).toBe(false);
  });

  it("lets an observer read live, but refuses its writes: not applied, not stored, not broadcast", async () => {
    const boardId = await f.newBoard();
    const writer = client(boardId, f.member.cookie);
    await synced(writer.provider);
    addAction(writer.doc, { id: "a1", title: "Gemensam rutin för läkemedelsgenomgång" });

    const observer = client(boardId, f.observer.cookie);
    await synced(observer.provider);
    expect(getAction(observer.doc, "a1")?.title).toBe("Gemensam rutin för läkemedelsgenomgång");

    addAction(writer.doc, { id: "a2", title: "Uppföljning vecka 12" });
    await eventually(() => expect(getAction(observer.doc, "a2")?.title).toBe("Uppföljning vecka 12"));

    // Presence goes both ways.
    observer.provider.awareness.setLocalStateField("focus", "a1");
    await eventually(() => {
      const states = [...writer.provider.awareness.getStates().values()];
      expect(states.find((s) => s.focus === "a1")?.user?.name).toBe("Lena Politiker");
    });

    // Everything so far is stored, so the count below moves only by what is stored from here on.
    await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
    const rowsBefore = await f.database.db.$count(docUpdates, eq(docUpdates.boardId, boardId));
    // Valid focus content: refused for the role alone, not for what it says.
    addAction(observer.doc, { id: "hack", title: "Observatören skriver" });
    addAction(writer.doc, { id: "a3", title: "Efter observatörens försök" });
    await eventually(() => expect(getAction(observer.doc, "a3")?.title).toBe("Efter observatörens försök"));
    expect(getAction(writer.doc, "hack")).toBeUndefined();
    expect(getAction(f.server.realtime.manager.room(boardId)!.doc, "hack")).toBeUndefined();
    await eventually(async () =>
      expect(await f.database.db.$count(docUpdates, eq(docUpdates.boardId, boardId))).toBe(rowsBefore + 1),
    );
    // The observer stays connected and keeps receiving.
    expect(observer.provider.wsconnected).toBe(true);
  });

  it("tells an observer once why its write was refused", async () => {
    const boardId = await f.newBoard();
    const raw = rawSocket(f.server.url, boardId, f.observer.cookie);
    await raw.opened;
    const doc = new Y.Doc();
    addAction(doc, { id: "a1", title: "Observatörens kort" });
    const { encodeUpdate } = await import("../../server/realtime/codec.js");
    raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(doc)));
    // Content that would not fit the board either is refused for the role, not closed for content.
    const odd = new Y.Doc();
    odd.getMap("notes").set("x", 1);
    raw.ws.send(encodeUpdate(Y.encodeStateAsUpdate(odd)));
    // Frames are handled in order: once the answer to this arrives, the odd update was handled.
    const { encodeSyncStep1 } = await import("../../server/realtime/codec.js");
    const before = raw.received.length;
    raw.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await eventually(() => expect(raw.received.length).toBeGreaterThan(before));
    expect(raw.received.map(permissionDenied).filter(Boolean)).toEqual([
      "read-only: observers cannot change this board",
    ]);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    raw.ws.close();
  });

  it("a member lowered to observer while connected loses write access within a second", async () => {
    const boardId = await f.newBoard();
    const nurse = client(boardId, f.member2.cookie);
    const other = client(boardId, f.member.cookie);
    await Promise.all([synced(nurse.provider), synced(other.provider)]);
    addAction(nurse.doc, { id: "before", title: "Före" });
    await eventually(() => expect(getAction(other.doc, "before")?.title).toBe("Före"));

    const changed = await f.convener.patch(`/api/workspaces/${f.workspaceId}/members/${f.member2.userId}`, {
      role: "observer",
    });
    expect(changed.status).toBe(200);
    const started = Date.now();
    await eventually(
      () =>
        expect(f.server.realtime.manager.connections()).toSatisfy(
          (all: Iterable<{ userId: string; canEdit: boolean }>) =>
            [...all].filter((c) => c.userId === f.member2.userId).every((c) => !c.canEdit),
        ),
      1_000,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    addAction(nurse.doc, { id: "after", title: "Efter" });
    addAction(other.doc, { id: "marker", title: "Markör" });
    await eventually(() => expect(getAction(nurse.doc, "marker")?.title).toBe("Markör"));
    expect(getAction(other.doc, "after")).toBeUndefined();
    expect(getAction(f.server.realtime.manager.room(boardId)!.doc, "after")).toBeUndefined();
    // Refused as read-only, not closed: the connection that lost write access stays open.
    expect(nurse.provider.wsconnected).toBe(true);
    await f.convener.patch(`/api/workspaces/${f.workspaceId}/members/${f.member2.userId}`, { role: "member" });
  });

  it("a removed member is disconnected within a second (4410)", async () => {
    const boardId = await f.newBoard();
    const { user, client: person } = await (await import("../helpers/factories.js")).inviteAndJoin(
      f.convener,
      f.workspaceId,
      "member",
      f.orgId,
      "Tillfällig Vikarie",
    );
    const c = client(boardId, person.cookie);
    await synced(c.provider);
    const closing = firstClose(c.provider, 1_000);
    expect((await f.convener.delete(`/api/workspaces/${f.workspaceId}/members/${user.id}`)).status).toBe(204);
    expect((await closing).code).toBe(Close.AccessRevoked.code);
  });

  it("signing out closes that session's sockets (4401); archiving a board closes its sockets (4410)", async () => {
    const boardId = await f.newBoard();
    const { inviteAndJoin } = await import("../helpers/factories.js");
    const person = await inviteAndJoin(f.convener, f.workspaceId, "member", f.orgId, "Utloggad Person");
    const c = client(boardId, person.client.cookie);
    await synced(c.provider);
    const closing = firstClose(c.provider, 1_000);
    expect((await person.client.post("/api/auth/logout")).status).toBe(204);
    expect((await closing).code).toBe(Close.Unauthenticated.code);

    const m = client(boardId, f.member.cookie);
    await synced(m.provider);
    const archived = firstClose(m.provider, 1_000);
    expect((await f.convener.delete(`/api/boards/${boardId}`)).status).toBe(204);
    expect((await archived).code).toBe(Close.AccessRevoked.code);
  });

  it("a deactivated account is disconnected at once", async () => {
    const boardId = await f.newBoard();
    const { inviteAndJoin } = await import("../helpers/factories.js");
    const person = await inviteAndJoin(f.convener, f.workspaceId, "member", f.orgId, "Avslutad Anställning");
    const c = client(boardId, person.client.cookie);
    await synced(c.provider);
    const closing = firstClose(c.provider, 1_000);
    expect((await f.convener.patch(`/api/users/${person.user.id}`, { active: false })).status).toBe(200);
    expect((await closing).code).toBe(Close.Unauthenticated.code);
  });
  // Joins remember sessions and granted access for a few seconds (a reconnect storm asks the same
  // questions hundreds of times); each change below must still decide the very next socket.
  it("a socket opened right after a sign-out, removal, lowered role, archiving or deactivation is judged by it", async () => {
    const { inviteAndJoin } = await import("../helpers/factories.js");
    const boardId = await f.newBoard();
    const joinAndLeave = async (cookie: string | null) => {
      const c = client(boardId, cookie);
      await synced(c.provider);
      c.provider.destroy();
    };

    const leaving = await inviteAndJoin(f.convener, f.workspaceId, "member", f.orgId, "Snabbt Utloggad");
    await joinAndLeave(leaving.client.cookie);
    expect((await leaving.client.post("/api/auth/logout")).status).toBe(204);
    expect((await rawSocket(f.server.url, boardId, leaving.client.cookie).closed).code).toBe(
      Close.Unauthenticated.code,
    );

    const removed = await inviteAndJoin(f.convener, f.workspaceId, "member", f.orgId, "Snabbt Borttagen");
    await joinAndLeave(removed.client.cookie);
    expect((await f.convener.delete(`/api/workspaces/${f.workspaceId}/members/${removed.user.id}`)).status).toBe(204);
    expect((await rawSocket(f.server.url, boardId, removed.client.cookie).closed).code).toBe(Close.NoAccess.code);

    const deactivated = await inviteAndJoin(f.convener, f.workspaceId, "member", f.orgId, "Snabbt Avslutad");
    await joinAndLeave(deactivated.client.cookie);
    expect((await f.convener.patch(`/api/users/${deactivated.user.id}`, { active: false })).status).toBe(200);
    expect((await rawSocket(f.server.url, boardId, deactivated.client.cookie).closed).code).toBe(
      Close.Unauthenticated.code,
    );

    const lowered = await inviteAndJoin(f.convener, f.workspaceId, "member", f.orgId, "Snabbt Observatör");
    await joinAndLeave(lowered.client.cookie);
    const patch = { role: "observer" };
    expect((await f.convener.patch(`/api/workspaces/${f.workspaceId}/members/${lowered.user.id}`, patch)).status).toBe(
      200,
    );
    const reader = client(boardId, lowered.client.cookie);
    await synced(reader.provider);
    addAction(reader.doc, { id: "refused", title: "Skrivet som observatör" });
    const writer = client(boardId, f.member.cookie);
    await synced(writer.provider);
    addAction(writer.doc, { id: "marker", title: "Markör" });
    await eventually(() => expect(getAction(reader.doc, "marker")?.title).toBe("Markör"));
    expect(getAction(writer.doc, "refused")).toBeUndefined();
    expect(getAction(f.server.realtime.manager.room(boardId)!.doc, "refused")).toBeUndefined();
    for (const p of providers.splice(0)) p.destroy();

    await joinAndLeave(f.member.cookie);
    expect((await f.convener.delete(`/api/boards/${boardId}`)).status).toBe(204);
    expect((await rawSocket(f.server.url, boardId, f.member.cookie).closed).code).toBe(Close.NoAccess.code);
  });
});
