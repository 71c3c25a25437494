import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe("real-time sync with the stock y-websocket client", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];
  const client = (boardId: string, cookie: string | null, doc?: Y.Doc) => {
    const c = connectProvider(f.server.url, boardId, { cookie, ...(doc ? { doc } : {}) });
    providers.push(c.provider);
    return c;
  };

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 });
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("two clients converge", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    const b = client(boardId, f.member2.cookie);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.doc.getMap("actions").set("a1", "Brytpunktssamtal");
    b.doc.getText("notes").insert(0, "Rond på Solgården");
    await eventually(() => {
      expect(b.doc.getMap("actions").get("a1")).toBe("Brytpunktssamtal");
      expect(a.doc.getText("notes").toString()).toBe("Rond på Solgården");
    });
  });

  it("20 clients making random concurrent edits converge to identical state", async () => {
    const boardId = await f.newBoard();
    const cookies = [f.member.cookie, f.member2.cookie, f.convener.cookie];
    const clients = Array.from({ length: 20 }, (_, i) => client(boardId, cookies[i % 3] ?? null));
    await Promise.all(clients.map((c) => synced(c.provider)));
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 10; round++) {
      for (const [i, c] of clients.entries()) {
        const text = c.doc.getText("t");
        const op = random();
        if (op < 0.5) text.insert(Math.floor(random() * (text.length + 1)), `${i}.${round} `);
        else if (op < 0.7 && text.length > 2) text.delete(Math.floor(random() * (text.length - 1)), 1);
        else c.doc.getMap("m").set(`k${Math.floor(random() * 5)}`, `${i}:${round}`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await eventually(() => {
      // Encoded state vectors list clients in insertion order, which differs per doc: compare sorted.
      const states = clients.map((c) => JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(c.doc))].sort()));
      expect(new Set(states).size).toBe(1);
      const texts = clients.map((c) => c.doc.getText("t").toString());
      expect(new Set(texts).size).toBe(1);
      // Y.Map key order is each doc's own insertion order: compare entries sorted.
      const maps = clients.map((c) => JSON.stringify(Object.entries(c.doc.getMap("m").toJSON()).sort()));
      expect(new Set(maps).size).toBe(1);
    }, 10_000);
  });

  it("a client that edits while disconnected brings its edits back on reconnect", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    const b = client(boardId, f.member2.cookie);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    a.provider.disconnect();
    a.doc.getMap("actions").set("offline", "Skrivet utan nät");
    b.doc.getMap("actions").set("online", "Skrivet med nät");
    await eventually(() => expect(b.provider.wsconnected).toBe(true));
    a.provider.connect();
    await eventually(() => {
      expect(b.doc.getMap("actions").get("offline")).toBe("Skrivet utan nät");
      expect(a.doc.getMap("actions").get("online")).toBe("Skrivet med nät");
    });
  });

  it("serves a board from storage once its room was unloaded, never as an empty document", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    await synced(a.provider);
    for (let i = 0; i < 30; i++) a.doc.getMap("actions").set(`a${i}`, i);
    await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
    a.provider.destroy();
    await eventually(() => expect(f.server.realtime.manager.room(boardId)).toBeUndefined());

    const fresh = client(boardId, f.member2.cookie);
    let sizeAtSync = -1;
    fresh.provider.once("sync", () => {
      sizeAtSync = fresh.doc.getMap("actions").size;
    });
    await synced(fresh.provider);
    expect(sizeAtSync).toBe(30);
  });

  it("records the author of each stored update from the session", async () => {
    const { docUpdates } = await import("../../server/db/schema.js");
    const { eq } = await import("drizzle-orm");
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    await synced(a.provider);
    a.doc.getMap("m").set("x", 1);
    await eventually(async () => {
      const rows = await f.database.db.select().from(docUpdates).where(eq(docUpdates.boardId, boardId));
      expect(rows.map((r) => r.authorId)).toEqual([f.member.userId]);
    });
  });
});
