import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebSocket as WsSocket } from "ws";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  ACTION_STATUSES,
  addAction,
  focusDescription,
  getAction,
  moveAction,
  readFocus,
  updateAction,
} from "../../shared/boards/focus.js";
import { richTextToPlain, writePlainParagraphs } from "../../shared/richtext/text.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

/** The cards as a person sees them, in board order (column, then rank), with the description as markup. */
const cards = (doc: Y.Doc) =>
  readFocus(doc).actions.map((a) => ({ id: a.id, title: a.title, status: a.status, rank: a.rank }));
const description = (doc: Y.Doc) => readFocus(doc).description?.toString() ?? null;

describe("real-time sync with the stock y-websocket client", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];
  /** Refusals (4xxx close codes) seen by this file's clients: valid focus content is never refused. */
  const refusals: number[] = [];
  const client = (boardId: string, cookie: string | null, doc?: Y.Doc) => {
    const c = connectProvider(f.server.url, boardId, { cookie, ...(doc ? { doc } : {}) });
    c.provider.on("connection-close", (event: CloseEvent | null) => {
      if ((event?.code ?? 0) >= 4000) refusals.push(event?.code ?? 0);
    });
    providers.push(c.provider);
    return c;
  };

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 });
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
    refusals.splice(0);
  });
  afterAll(() => f?.close());

  it("two clients converge", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    const b = client(boardId, f.member2.cookie);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    addAction(a.doc, { id: "a1", title: "Brytpunktssamtal" });
    b.doc.transact(() => writePlainParagraphs(focusDescription(b.doc), "Rond på Solgården"));
    await eventually(() => {
      expect(getAction(b.doc, "a1")?.title).toBe("Brytpunktssamtal");
      expect(richTextToPlain(readFocus(a.doc).description)).toBe("Rond på Solgården");
    });
    expect(refusals).toEqual([]);
  });

  it("20 clients making random concurrent edits converge to identical state", async () => {
    const boardId = await f.newBoard();
    const cookies = [f.member.cookie, f.member2.cookie, f.convener.cookie];
    const clients = Array.from({ length: 20 }, (_, i) => client(boardId, cookies[i % 3] ?? null));
    await Promise.all(clients.map((c) => synced(c.provider)));
    // Five cards and a one-paragraph description, made by one client and seen by all before the edits start.
    const first = clients[0]!;
    first.doc.transact(() => {
      for (let k = 0; k < 5; k++) addAction(first.doc, { id: `k${k}`, title: `Kort ${k}` });
      writePlainParagraphs(focusDescription(first.doc), "Start");
    });
    await eventually(() => {
      for (const c of clients) expect(richTextToPlain(readFocus(c.doc).description)).toBe("Start");
      for (const c of clients) expect(readFocus(c.doc).actions).toHaveLength(5);
    });
    /** The text inside the description's paragraph: concurrent character edits of one rich text. */
    const text = (doc: Y.Doc) => (readFocus(doc).description!.get(0) as Y.XmlElement).get(0) as Y.XmlText;

    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 10; round++) {
      for (const [i, c] of clients.entries()) {
        const t = text(c.doc);
        const op = random();
        const card = `k${Math.floor(random() * 5)}`;
        if (op < 0.5) t.insert(Math.floor(random() * (t.length + 1)), `${i}.${round} `);
        else if (op < 0.7 && t.length > 2) t.delete(Math.floor(random() * (t.length - 1)), 1);
        else if (op < 0.85) updateAction(c.doc, card, { title: `${i}:${round}` });
        else moveAction(c.doc, card, ACTION_STATUSES[Math.floor(random() * ACTION_STATUSES.length)]!, null);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const room = f.server.realtime.manager.room(boardId)!.doc;
    const docs = [room, ...clients.map((c) => c.doc)];
    await eventually(() => {
      // Encoded state vectors list clients in insertion order, which differs per doc: compare sorted.
      const states = docs.map((d) => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(d))].sort()));
      expect(new Set(states).size).toBe(1);
      expect(new Set(docs.map(description)).size).toBe(1);
      // readFocus orders cards by column, rank and id: the same content reads the same everywhere.
      expect(new Set(docs.map((d) => JSON.stringify(cards(d)))).size).toBe(1);
    }, 10_000);
    // Every client's edits were accepted (a refused one would be closed and never converge).
    expect(refusals).toEqual([]);
    expect(text(room).length).toBeGreaterThan("Start".length);
    expect(cards(room).map((c) => c.title)).not.toEqual(["Kort 0", "Kort 1", "Kort 2", "Kort 3", "Kort 4"]);
  });

  it("sends an edit and a presence change to everyone but the client that made it", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    const b = client(boardId, f.member2.cookie);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const socketOf = (p: WebsocketProvider) => p.ws as unknown as WsSocket;
    /** y-websocket frame kinds (sync update, awareness) a socket receives from now on. */
    const listen = (p: WebsocketProvider) => {
      const kinds: string[] = [];
      socketOf(p).on("message", (data: ArrayBuffer) => {
        const bytes = new Uint8Array(data); // y-websocket asks for ArrayBuffers
        kinds.push(bytes[0] === 0 ? `sync-${bytes[1]}` : `type-${bytes[0]}`);
      });
      return kinds;
    };
    /** Resolves once the server has answered a query-awareness sent now: what it sent before has arrived. */
    const barrier = (p: WebsocketProvider) =>
      new Promise<void>((resolve) => {
        const ws = socketOf(p);
        const onMessage = (data: ArrayBuffer) => {
          if (new Uint8Array(data)[0] !== 1) return;
          ws.off("message", onMessage);
          resolve();
        };
        ws.on("message", onMessage);
        ws.send(new Uint8Array([3])); // query-awareness
      });
    const toA = listen(a.provider);
    const toB = listen(b.provider);

    addAction(a.doc, { id: "a1", title: "Brytpunktssamtal" });
    a.provider.awareness.setLocalStateField("focus", "a1");
    await eventually(() => {
      expect(getAction(b.doc, "a1")?.title).toBe("Brytpunktssamtal");
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ focus: "a1" });
    });
    await barrier(a.provider);
    // Only the barrier's answer: neither the edit nor the presence change came back.
    expect(toA).toEqual(["type-1"]);
    expect(toB).toEqual(expect.arrayContaining(["sync-2", "type-1"]));

    // The other way round, the same socket does receive what someone else wrote.
    updateAction(b.doc, "a1", { title: "Brytpunktssamtal med anhöriga" });
    await eventually(() => expect(getAction(a.doc, "a1")?.title).toBe("Brytpunktssamtal med anhöriga"));
    expect(toA).toContain("sync-2");
    expect(refusals).toEqual([]);
  });

  it("a client that edits while disconnected brings its edits back on reconnect", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    const b = client(boardId, f.member2.cookie);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.provider.disconnect();
    addAction(a.doc, { id: "offline", title: "Skrivet utan nät" });
    addAction(b.doc, { id: "online", title: "Skrivet med nät" });
    await eventually(() => expect(b.provider.wsconnected).toBe(true));
    a.provider.connect();
    await eventually(() => {
      expect(getAction(b.doc, "offline")?.title).toBe("Skrivet utan nät");
      expect(getAction(a.doc, "online")?.title).toBe("Skrivet med nät");
    });
    expect(refusals).toEqual([]);
  });

  it("serves a board from storage once its room was unloaded, never as an empty document", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    await synced(a.provider);
    for (let i = 0; i < 30; i++) addAction(a.doc, { id: `a${i}`, title: `Åtgärd ${i}` });
    await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
    a.provider.destroy();
    await eventually(() => expect(f.server.realtime.manager.room(boardId)).toBeUndefined());

    const fresh = client(boardId, f.member2.cookie);
    let atSync: { actions: number; kind: unknown } | null = null;
    fresh.provider.once("sync", () => {
      atSync = { actions: readFocus(fresh.doc).actions.length, kind: fresh.doc.getMap("meta").get("kind") };
    });
    await synced(fresh.provider);
    expect(atSync).toEqual({ actions: 30, kind: "focus" });
  });

  it("records the author of each stored update from the session; the server's own stamp has none", async () => {
    const { docUpdates } = await import("../../server/db/schema.js");
    const { asc, eq } = await import("drizzle-orm");
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    await synced(a.provider);
    addAction(a.doc, { id: "a1", title: "Brytpunktssamtal" });
    const rows = await eventually(async () => {
      const rows = await f.database.db
        .select()
        .from(docUpdates)
        .where(eq(docUpdates.boardId, boardId))
        .orderBy(asc(docUpdates.seq));
      // First the kind and layout version the server stamps on the board when it opens it, then Eva's edit.
      expect(rows.map((r) => r.authorId)).toEqual([null, f.member.userId]);
      return rows;
    });
    const stamp = new Y.Doc();
    Y.applyUpdate(stamp, rows[0]!.update);
    // The stamp: kind and layout version, and the board's one description, made once by the server.
    expect([...stamp.share.keys()].sort()).toEqual(["focus", "meta"]);
    expect(stamp.getMap("meta").toJSON()).toEqual({ kind: "focus", schemaVersion: 1 });
    expect(stamp.getMap("focus").get("description")).toBeInstanceOf(Y.XmlFragment);
    const edit = new Y.Doc();
    Y.applyUpdate(edit, rows[1]!.update);
    expect(getAction(edit, "a1")?.title).toBe("Brytpunktssamtal");
    expect(edit.share.has("meta")).toBe(false);
  });
});
