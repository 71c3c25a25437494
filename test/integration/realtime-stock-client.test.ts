/**
 * The unmodified y-websocket 3.x provider, with its own conventions, must never end up stranded
 * (issue 18): close codes mean for it what PROTOCOL.md §5 says, a reader's writes are ignored
 * rather than closed, a burst over the rate limit reconnects, and an edit that overtakes its
 * own offline edits waits for them instead of being refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createDocStore } from "../../server/docs/doc-store.js";
import { encodeAwareness, encodeAwarenessEntries, encodeSyncStep1 } from "../../server/realtime/codec.js";
import { addAction, getAction, readFocus, updateAction } from "../../shared/boards/focus.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, rawSocket, synced } from "../helpers/ws-client.js";

describe("close codes against the stock client's default shouldReconnect", () => {
  it("every code reconnects exactly when PROTOCOL.md says retrying can help", () => {
    const provider = new WebsocketProvider("ws://127.0.0.1:9", "x", new Y.Doc(), {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: class {} as unknown as typeof WebSocket,
    });
    try {
      // 1009 is WebSocket's own "frame too large", sent by the socket library before anything is
      // buffered: every client reconnects after a standard code, so it is not ours to choose.
      for (const reason of Object.values(Close).filter((c) => c.code >= 4000 || c.code === 1001)) {
        const reconnects = provider.shouldReconnect({ code: reason.code } as CloseEvent, provider);
        // "after-sign-in" is final for the stock client (it cannot sign in); our web client signs in again.
        expect(reconnects, `${reason.code} ${reason.reason}`).toBe(reason.retry === "yes");
      }
    } finally {
      provider.destroy();
    }
  });
});

describe("the stock provider is never stranded", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    f = await startRealtimeFixture();
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(async () => {
    await f.close();
  });

  const client = (boardId: string, cookie: string | null) => {
    const c = connectProvider(f.server.url, boardId, { cookie });
    providers.push(c.provider);
    const closes: number[] = [];
    c.provider.on("connection-close", (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    return { ...c, closes };
  };

  const stored = async (boardId: string) => {
    await f.server.realtime.queue.drain();
    const loaded = await createDocStore(f.database.db).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    return doc;
  };

  it("1,000 quick edits: over the rate it is closed with a retry code, reconnects, and every edit arrives", async () => {
    const boardId = await f.newBoard();
    const fast = client(boardId, f.member.cookie);
    const witness = client(boardId, f.member2.cookie);
    await Promise.all([synced(fast.provider), synced(witness.provider)]);
    addAction(fast.doc, { id: "skur", title: "Skur 0" });
    for (let i = 1; i < 1_000; i++) {
      if (i % 10 === 0) addAction(fast.doc, { id: `k${i}`, title: `Kort ${i}` });
      else updateAction(fast.doc, "skur", { title: `Skur ${i}` });
    }
    await eventually(() => {
      expect(getAction(witness.doc, "skur")?.title).toBe("Skur 999");
      expect(readFocus(witness.doc).actions).toHaveLength(100);
    }, 15_000);
    // The burst is over the limit of 200 messages: it was closed, only ever with the retry code.
    expect(fast.closes.length).toBeGreaterThan(0);
    expect(fast.closes.every((code) => code === Close.RateLimited.code)).toBe(true);
    expect(fast.provider.shouldConnect).toBe(true);
    expect(witness.closes).toEqual([]);
    // Edits after the burst still arrive.
    addAction(fast.doc, { id: "efter", title: "Efter skuren" });
    await eventually(() => expect(getAction(witness.doc, "efter")?.title).toBe("Efter skuren"));
    expect(getAction(await stored(boardId), "skur")?.title).toBe("Skur 999");
  });

  it("an observer's second write builds on its refused first: ignored, the observer stays and keeps receiving", async () => {
    const boardId = await f.newBoard();
    const observer = client(boardId, f.observer.cookie);
    const writer = client(boardId, f.member.cookie);
    await Promise.all([synced(observer.provider), synced(writer.provider)]);
    addAction(observer.doc, { id: "obs", title: "Första" });
    updateAction(observer.doc, "obs", { title: "Andra, byggd på den första" });
    addAction(writer.doc, { id: "w1", title: "Skrivarens kort" });
    await eventually(() => expect(getAction(observer.doc, "w1")?.title).toBe("Skrivarens kort"));
    expect(getAction(writer.doc, "obs")).toBeUndefined();
    expect(observer.closes).toEqual([]);
    expect(observer.provider.wsconnected).toBe(true);
  });

  it("a member demoted while connected writes twice: ignored, stays connected, keeps receiving", async () => {
    const boardId = await f.newBoard();
    const nurse = client(boardId, f.member2.cookie);
    const other = client(boardId, f.member.cookie);
    await Promise.all([synced(nurse.provider), synced(other.provider)]);
    const changed = await f.convener.patch(`/api/workspaces/${f.workspaceId}/members/${f.member2.userId}`, {
      role: "observer",
    });
    expect(changed.status).toBe(200);
    try {
      await eventually(() =>
        expect(
          [...f.server.realtime.manager.connections()].filter((c) => c.userId === f.member2.userId && c.canEdit),
        ).toEqual([]),
      );
      addAction(nurse.doc, { id: "d1", title: "Första efter" });
      updateAction(nurse.doc, "d1", { title: "Andra efter" });
      addAction(other.doc, { id: "marker", title: "Markör" });
      await eventually(() => expect(getAction(nurse.doc, "marker")?.title).toBe("Markör"));
      expect(getAction(other.doc, "d1")).toBeUndefined();
      expect(nurse.closes).toEqual([]);
      expect(nurse.provider.wsconnected).toBe(true);
    } finally {
      await f.convener.patch(`/api/workspaces/${f.workspaceId}/members/${f.member2.userId}`, { role: "member" });
    }
  });

  it("offline edits, then an edit the moment the socket reopens: nothing refused, both reach everyone", async () => {
    const boardId = await f.newBoard();
    const tablet = client(boardId, f.member.cookie);
    const other = client(boardId, f.member2.cookie);
    await Promise.all([synced(tablet.provider), synced(other.provider)]);
    addAction(tablet.doc, { id: "bas", title: "Bas" });
    await eventually(() => expect(getAction(other.doc, "bas")?.title).toBe("Bas"));

    tablet.provider.disconnect();
    updateAction(tablet.doc, "bas", { title: "Ändrad offline" });
    addAction(tablet.doc, { id: "off", title: "Skapad offline" });
    // The moment the socket is open, before the server's SyncStep1 is answered, edit what was made offline.
    const onStatus = ({ status }: { status: string }) => {
      if (status !== "connected") return;
      tablet.provider.off("status", onStatus);
      updateAction(tablet.doc, "off", { title: "Ändrad direkt vid återanslutning" });
    };
    tablet.provider.on("status", onStatus);
    tablet.provider.connect();
    await eventually(() => {
      expect(getAction(other.doc, "bas")?.title).toBe("Ändrad offline");
      expect(getAction(other.doc, "off")?.title).toBe("Ändrad direkt vid återanslutning");
    });
    expect(tablet.closes.filter((code) => code >= 4000)).toEqual([]);
    expect(getAction(await stored(boardId), "off")?.title).toBe("Ändrad direkt vid återanslutning");
  });

  const presence = (clientId: number, clock: number, state: unknown) =>
    encodeAwareness(encodeAwarenessEntries([{ clientId, clock, json: JSON.stringify(state) }]));
  const focusOf = (provider: WebsocketProvider, clientId: number) =>
    provider.awareness.getStates().get(clientId)?.focus;

  it("an echo of a presence whose connection just left is ignored, not a reason to close the echoer", async () => {
    const boardId = await f.newBoard();
    const leaving = client(boardId, f.member.cookie);
    const witness = client(boardId, f.convener.cookie);
    await Promise.all([synced(leaving.provider), synced(witness.provider)]);
    const echoer = rawSocket(f.server.url, boardId, f.member2.cookie);
    await echoer.opened;
    echoer.ws.send(presence(9_001, 1, { focus: "ekot" }));
    leaving.provider.awareness.setLocalStateField("focus", "går snart");
    const gone = leaving.doc.clientID;
    await eventually(() => expect(focusOf(witness.provider, gone)).toBe("går snart"));
    leaving.provider.destroy();
    await eventually(() => expect(focusOf(witness.provider, gone)).toBeUndefined());
    // The echo of what the echoer heard before the other left arrives after the leave.
    echoer.ws.send(presence(gone, 99, { focus: "går snart" }));
    echoer.ws.send(encodeSyncStep1(Uint8Array.of(0)));
    await eventually(() => expect(echoer.received.some((m) => m[0] === 0 && m[1] === 1)).toBe(true));
    expect(echoer.ws.readyState).toBe(echoer.ws.OPEN);
    // Nobody can bring back someone else's presence.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(focusOf(witness.provider, gone)).toBeUndefined();
    expect(focusOf(witness.provider, 9_001)).toBe("ekot");
    echoer.ws.close();
  });

  it("the same person's new connection takes over its presence from a socket the server has not dropped yet", async () => {
    const boardId = await f.newBoard();
    const witness = client(boardId, f.convener.cookie);
    await synced(witness.provider);
    const asleep = rawSocket(f.server.url, boardId, f.member.cookie);
    await asleep.opened;
    asleep.ws.send(presence(7_777, 3, { focus: "före sömnen" }));
    await eventually(() => expect(focusOf(witness.provider, 7_777)).toBe("före sömnen"));
    // The tablet wakes up on a new socket; the old one still looks alive to the server.
    const awake = rawSocket(f.server.url, boardId, f.member.cookie);
    await awake.opened;
    awake.ws.send(presence(7_777, 9, { focus: "efter sömnen" }));
    await eventually(() => expect(focusOf(witness.provider, 7_777)).toBe("efter sömnen"));
    // When the server finally drops the old socket, the presence stays: it is the new one's now.
    asleep.ws.terminate();
    await eventually(() =>
      expect(f.server.realtime.manager.connections()).toSatisfy((all: Iterable<unknown>) => [...all].length === 2),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(focusOf(witness.provider, 7_777)).toBe("efter sömnen");
    // Someone else cannot take it over.
    const other = rawSocket(f.server.url, boardId, f.member2.cookie);
    await other.opened;
    other.ws.send(presence(7_777, 20, { focus: "kapad" }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(focusOf(witness.provider, 7_777)).toBe("efter sömnen");
    expect(other.ws.readyState).toBe(other.ws.OPEN);
    awake.ws.close();
    other.ws.close();
  });
});
