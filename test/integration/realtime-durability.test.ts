import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { boards, docSnapshots, docUpdates } from "../../server/db/schema.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { addAction, getAction, readFocus } from "../../shared/boards/focus.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { startTestServer, type TestServer } from "../helpers/test-app.js";
import { connectProvider, rawSocket, synced } from "../helpers/ws-client.js";

const IDLE_UNLOAD_MS = 50;
const COMPACT_AFTER = 40;

describe("durability of live boards: compaction, group commit, shutdown, failing storage", () => {
  let f: RealtimeFixture;
  let second: TestServer | undefined;
  let fixtureServerClosed = false;
  const providers: WebsocketProvider[] = [];
  const client = (boardId: string, cookie: string | null, url = f.server.url) => {
    const c = connectProvider(url, boardId, { cookie });
    providers.push(c.provider);
    return c;
  };

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: IDLE_UNLOAD_MS, compactAfter: COMPACT_AFTER });
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(async () => {
    await second?.close();
    if (fixtureServerClosed) await f?.database.close();
    else await f?.close();
  });

  const manager = () => f.server.realtime.manager;

  /** What a server would load for the board right now: snapshot plus log, as a document. */
  async function stored(boardId: string): Promise<Y.Doc> {
    const loaded = await createDocStore(f.database.db).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  const logRows = (boardId: string) => f.database.db.select().from(docUpdates).where(eq(docUpdates.boardId, boardId));
  const snapshotRow = async (boardId: string) =>
    (await f.database.db.select().from(docSnapshots).where(eq(docSnapshots.boardId, boardId)))[0];

  /** The board's cards as id → title. */
  const titles = (doc: Y.Doc) => Object.fromEntries(readFocus(doc).actions.map((a) => [a.id, a.title]));
  const cardCount = (doc: Y.Doc) => readFocus(doc).actions.length;

  /** Connects a fresh client and returns the cards (id → title) it had the moment it reported `synced`. */
  async function actionsAtSync(boardId: string, cookie: string | null, url = f.server.url) {
    const fresh = client(boardId, cookie, url);
    let atSync: Record<string, string> | null = null;
    fresh.provider.once("sync", () => {
      atSync = titles(fresh.doc);
    });
    await synced(fresh.provider);
    fresh.provider.destroy();
    return atSync as unknown as Record<string, string>;
  }

  const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  /** Adds one card per id, each in its own transaction (one update each), titled `title(id)`. */
  const addCards = (doc: Y.Doc, ids: string[], title: (id: string) => string) => {
    for (const id of ids) addAction(doc, { id, title: title(id) });
  };

  it("folds the log into a snapshot once enough updates are stored, and serves it after the room unloaded", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    await synced(a.provider);
    addCards(a.doc, keys("a", 10), (key) => `Åtgärd ${key}`);
    await eventually(async () => expect(cardCount(await stored(boardId))).toBe(10));
    expect(await snapshotRow(boardId)).toBeUndefined(); // not a snapshot per write

    addCards(a.doc, keys("b", COMPACT_AFTER), (key) => `Åtgärd ${key}`);
    // While the client is still connected (so not the compaction an unload does).
    await eventually(async () => {
      const snap = await snapshotRow(boardId);
      expect(snap).toBeDefined();
      const rows = await logRows(boardId);
      // Trimmed: only what came after the snapshot is left in the log.
      expect(rows.filter((r) => r.seq <= snap!.seq)).toEqual([]);
      expect(rows.length).toBeLessThan(COMPACT_AFTER);
    });
    expect(manager().room(boardId)?.members.size).toBe(1);
    await eventually(async () => expect(cardCount(await stored(boardId))).toBe(10 + COMPACT_AFTER));

    a.provider.destroy();
    await eventually(() => expect(manager().room(boardId)).toBeUndefined());
    const seen = await actionsAtSync(boardId, f.member2.cookie);
    expect(Object.keys(seen).sort()).toEqual([...keys("a", 10), ...keys("b", COMPACT_AFTER)].sort());
  });

  it("stores many updates from several clients in fewer rows, each row credited to the session's user", async () => {
    const boardId = await f.newBoard();
    const convenerId = (await f.convener.get("/api/auth/me")).body.user.id as string;
    // Two tabs of the same person (two Yjs client ids, one user), and two other people.
    const people = [
      { userId: f.member.userId, ...client(boardId, f.member.cookie) },
      { userId: f.member.userId, ...client(boardId, f.member.cookie) },
      { userId: f.member2.userId, ...client(boardId, f.member2.cookie) },
      { userId: convenerId, ...client(boardId, f.convener.cookie) },
    ];
    await Promise.all(people.map((p) => synced(p.provider)));
    // 36 updates, plus the server's stamp of the board's kind: below COMPACT_AFTER, so the log is all there is.
    const perClient = 9;
    for (let i = 0; i < perClient; i++) {
      for (const [n, p] of people.entries()) addAction(p.doc, { id: `c${n}-${i}`, title: `Åtgärd ${n}.${i}` });
    }
    const total = perClient * people.length;
    await eventually(async () => expect(cardCount(await stored(boardId))).toBe(total));
    expect(await snapshotRow(boardId)).toBeUndefined();

    const rows = await logRows(boardId);
    // One row without an author: the kind and layout version the server stamped when it opened the board.
    const [stamp, ...unexpected] = rows.filter((r) => r.authorId === null);
    expect(unexpected).toEqual([]);
    const stampDoc = new Y.Doc();
    Y.applyUpdate(stampDoc, stamp!.update);
    expect([...stampDoc.share.keys()].sort()).toEqual(["focus", "meta"]);
    expect(new Set(Y.decodeUpdate(stamp!.update).structs.map((s) => s.id.client))).toEqual(
      new Set([manager().room(boardId)!.doc.clientID]),
    );

    const edits = rows.filter((r) => r.authorId !== null);
    expect(edits.length).toBeLessThan(total);
    expect(new Set(edits.map((r) => r.authorId))).toEqual(new Set([f.member.userId, f.member2.userId, convenerId]));
    // Every row holds only edits made by the user it names.
    const yjsClientsOf = (userId: string) =>
      new Set(people.filter((p) => p.userId === userId).map((p) => p.doc.clientID));
    for (const row of edits) {
      const writers = new Set(Y.decodeUpdate(row.update).structs.map((s) => s.id.client));
      for (const writer of writers) expect(yjsClientsOf(row.authorId!).has(writer)).toBe(true);
    }
  });

  it("refuses a board whose stored state cannot be loaded with 4500 and never serves it empty; once repaired it syncs", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    await synced(a.provider);
    addCards(a.doc, keys("k", 5), (key) => `Åtgärd ${key}`);
    a.provider.destroy();
    // The unload compacts: the board is now a snapshot only.
    await eventually(() => expect(manager().room(boardId)).toBeUndefined());
    const original = await snapshotRow(boardId);
    expect(original).toBeDefined();
    expect(await logRows(boardId)).toEqual([]);

    // A damaged snapshot: cut in half, as a torn write or a bad restore might leave it.
    await f.database.db.execute(
      sql`update doc_snapshots set state = substring(state from 1 for length(state) / 2) where board_id = ${boardId}`,
    );

    const raw = rawSocket(f.server.url, boardId, f.member.cookie);
    expect((await raw.closed).code).toBe(Close.LoadFailed.code);
    expect(raw.received).toEqual([]); // not even a SyncStep1 of an empty document

    const b = client(boardId, f.member2.cookie);
    const closes: number[] = [];
    b.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    let everSynced = false;
    b.provider.on("sync", (isSynced: boolean) => {
      if (isSynced) everSynced = true;
    });
    // The stock client keeps retrying; every attempt is refused the same way.
    await eventually(() => expect(closes.length).toBeGreaterThanOrEqual(3));
    expect(new Set(closes)).toEqual(new Set([Close.LoadFailed.code]));
    expect(everSynced).toBe(false);
    // Nothing at all reached the client: no cards, not even the board's kind.
    expect(Y.decodeStateVector(Y.encodeStateVector(b.doc)).size).toBe(0);
    expect(manager().room(boardId)).toBeUndefined();

    await f.database.db.update(docSnapshots).set({ state: original!.state }).where(eq(docSnapshots.boardId, boardId));
    await synced(b.provider, 10_000);
    expect(titles(b.doc)).toEqual(Object.fromEntries(keys("k", 5).map((k) => [k, `Åtgärd ${k}`])));
    expect(b.doc.getMap("meta").toJSON()).toEqual({ kind: "focus", schemaVersion: 1 });
    expect(cardCount(await stored(boardId))).toBe(5);
  });

  it("keeps a room whose writes fail in memory, serves it from there, and stores it once the database accepts writes", async () => {
    const boardId = await f.newBoard();
    const a = client(boardId, f.member.cookie);
    await synced(a.provider);
    addAction(a.doc, { id: "before", title: "stored normally" });
    await eventually(async () => expect(getAction(await stored(boardId), "before")?.title).toBe("stored normally"));

    // A real failure inside the database: every insert into the log is refused (and counted).
    await f.database.db.execute(sql.raw(`create sequence refused_log_inserts`));
    await f.database.db.execute(
      sql.raw(`create function refuse_log_insert() returns trigger language plpgsql as $$
        begin perform nextval('refused_log_inserts'); raise exception 'no space left on device (test)'; end $$`),
    );
    await f.database.db.execute(
      sql.raw(
        `create trigger refuse_log_insert before insert on doc_updates for each statement execute function refuse_log_insert()`,
      ),
    );
    const refused = async () => {
      const result = await f.database.db.execute<{ n: string | number }>(
        sql.raw(`select last_value as n from refused_log_inserts where is_called`),
      );
      const rows = Array.isArray(result) ? result : (result as { rows: { n: string | number }[] }).rows;
      return Number(rows[0]?.n ?? 0);
    };
    try {
      addCards(a.doc, keys("during", 5), () => "kept in memory");
      await eventually(async () => expect(await refused()).toBeGreaterThanOrEqual(1));
      a.provider.destroy(); // the room is idle now and would be unloaded if everything were stored

      // Absence can only be watched over a while: longer than the idle delay plus the 5 s the unload
      // waits for the queue to drain, checking all along that the room stays and nothing was lost.
      const until = Date.now() + IDLE_UNLOAD_MS + 5_000 + 500;
      while (Date.now() < until) {
        expect(manager().room(boardId)).toBeDefined();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await refused()).toBeGreaterThanOrEqual(3); // it kept retrying
      expect(getAction(await stored(boardId), "during0")).toBeUndefined();

      // Someone opening the board meanwhile gets the unsaved edits from memory.
      const seen = await actionsAtSync(boardId, f.member2.cookie);
      expect(Object.keys(seen).sort()).toEqual(["before", ...keys("during", 5)].sort());
    } finally {
      await f.database.db.execute(sql.raw(`drop trigger if exists refuse_log_insert on doc_updates`));
      await f.database.db.execute(sql.raw(`drop function if exists refuse_log_insert()`));
      await f.database.db.execute(sql.raw(`drop sequence if exists refused_log_inserts`));
    }

    await eventually(
      async () => expect(titles(await stored(boardId))).toMatchObject({ during4: "kept in memory" }),
      15_000,
    );
    await eventually(() => expect(manager().room(boardId)).toBeUndefined(), 10_000);
    const seen = await actionsAtSync(boardId, f.member2.cookie);
    expect(Object.keys(seen).sort()).toEqual(["before", ...keys("during", 5)].sort());
  });

  it("a write that can never succeed for one board does not keep other boards from being stored", async () => {
    const [gone, other] = [await f.newBoard(), await f.newBoard()];
    const x = client(gone, f.member.cookie);
    const y = client(other, f.member2.cookie);
    await Promise.all([synced(x.provider), synced(y.provider)]);
    // An operator erases a board by hand while someone still has it open: its updates can no
    // longer be stored (foreign key), and never will be.
    const [row] = await f.database.db.select().from(boards).where(eq(boards.id, gone));
    await f.database.db.delete(boards).where(eq(boards.id, gone));
    try {
      addAction(x.doc, { id: "orphan", title: "cannot be stored" });
      await eventually(() => expect(getAction(manager().room(gone)!.doc, "orphan")).toBeDefined());
      addAction(y.doc, { id: "kept", title: "must be stored" });
      await eventually(
        async () => expect(getAction(await stored(other), "kept")?.title).toBe("must be stored"),
        10_000,
      );
    } finally {
      // Give the stuck update somewhere to go, so the rest of this file runs on a working queue.
      await f.database.db.insert(boards).values(row!).onConflictDoNothing();
      await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0), 15_000);
    }
  });

  // Last: it shuts the fixture's server down.
  it("on shutdown tells clients it is restarting, stores and compacts every room; the next server serves it all", async () => {
    const boardA = await f.newBoard();
    const boardB = await f.newBoard();
    const a = client(boardA, f.member.cookie);
    const b = client(boardB, f.member2.cookie);
    await Promise.all([synced(a.provider), synced(b.provider)]);
    const closeCodes: number[] = [];
    for (const p of [a.provider, b.provider]) {
      p.on("connection-close", (event: CloseEvent | null) => closeCodes.push(event?.code ?? 0));
    }
    addCards(a.doc, keys("a", 12), () => "plan A");
    addCards(b.doc, keys("b", 7), () => "plan B");
    // The server has every edit in memory (not necessarily stored yet) …
    await eventually(() => {
      expect(cardCount(manager().room(boardA)!.doc)).toBe(12);
      expect(cardCount(manager().room(boardB)!.doc)).toBe(7);
    });
    // … when it is shut down.
    fixtureServerClosed = true;
    await f.server.close();
    await eventually(() => expect(closeCodes.slice(0, 2)).toEqual([Close.GoingAway.code, Close.GoingAway.code]));
    for (const p of providers.splice(0)) p.destroy();

    for (const [boardId, size] of [
      [boardA, 12],
      [boardB, 7],
    ] as const) {
      expect(await logRows(boardId)).toEqual([]);
      expect(await snapshotRow(boardId)).toBeDefined();
      expect(cardCount(await stored(boardId))).toBe(size);
    }

    second = await startTestServer(f.database);
    expect(Object.keys(await actionsAtSync(boardA, f.member2.cookie, second.url)).sort()).toEqual(keys("a", 12).sort());
    expect(Object.keys(await actionsAtSync(boardB, f.member.cookie, second.url)).sort()).toEqual(keys("b", 7).sort());
  });
});
