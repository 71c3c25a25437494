/**
 * The write queue across a database outage (server/docs/write-queue.ts): every update is kept, in
 * order, until it is stored; storage health hears of the outage and of its end; an update whose
 * commit's answer was lost is not stored twice in a way that blocks the board. The store is the
 * real one on a real database; only the outage is simulated, at the point where the database
 * answers: a failure (the process is gone) or a commit whose answer never arrives.
 */
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../server/db/client.js";
import { boards, docUpdates, users, workspaces } from "../../server/db/schema.js";
import { DatabaseUnavailableError } from "../../server/db/unavailable.js";
import { createDocStore, type DocStore } from "../../server/docs/doc-store.js";
import { type StorageChange, StorageHealth } from "../../server/docs/storage-health.js";
import { createWriteQueue } from "../../server/docs/write-queue.js";
import { createLogger } from "../../server/logger.js";
import { eventually } from "../helpers/eventually.js";
import { createTestDatabase, databaseKinds } from "../helpers/test-database.js";

const logger = createLogger("silent");

describe.each(databaseKinds())("the write queue when the database goes away on %s", (kind) => {
  let database: Database;
  let real: DocStore;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    real = createDocStore(database.db);
  });
  afterAll(() => database?.close());

  let n = 0;
  async function aBoard() {
    const i = ++n;
    const [user] = await database.db
      .insert(users)
      .values({ email: `outage${i}@example.se`, name: "Eva", passwordHash: "x" })
      .returning();
    const [ws] = await database.db.insert(workspaces).values({ name: "Lekeberg", createdBy: user!.id }).returning();
    const [board] = await database.db
      .insert(boards)
      .values({ workspaceId: ws!.id, kind: "focus", title: "Palliativ vård", createdBy: user!.id })
      .returning();
    return { userId: user!.id, boardId: board!.id };
  }

  /** The real store, with an outage switched on and off: `down` fails every append; `loseAnswers` commits, then fails. */
  function outageStore() {
    const state = { down: false, loseAnswers: 0, appends: 0 };
    const store: DocStore = {
      ...real,
      async append(rows) {
        state.appends++;
        if (state.down) throw new DatabaseUnavailableError("The embedded database process exited (SIGKILL)");
        await real.append(rows);
        if (state.loseAnswers > 0) {
          state.loseAnswers--;
          throw new Error("Failed query", {
            cause: Object.assign(new Error("terminating connection"), { code: "57P01" }),
          });
        }
      },
    };
    return { store, state };
  }

  /** A writer's document: one update per edit, each a card in the `actions` map. */
  function writer(clientID: number) {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    return {
      doc,
      edit(key: string) {
        doc.getMap("actions").set(key, { title: key });
        return updates[updates.length - 1] as Uint8Array;
      },
    };
  }

  async function storedContent(boardId: string) {
    const loaded = await real.load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    return doc.getMap("actions").toJSON();
  }

  it("keeps every update through an outage, reports it, and stores them in order at once when the process is back", async () => {
    const { boardId, userId } = await aBoard();
    const { store, state } = outageStore();
    const health = new StorageHealth();
    const changes: StorageChange[] = [];
    health.onChange((c) => changes.push(c));
    const queue = createWriteQueue(store, logger, { windowMs: 0, health });
    const w = writer(1);
    const durable: number[] = [];
    let seq = 0;
    const enqueue = (key: string) => {
      const s = ++seq;
      queue.enqueue({
        boardId,
        seq: s,
        update: w.edit(key),
        authorId: userId,
        receivedAt: performance.now(),
        onDurable: () => durable.push(s),
      });
    };

    enqueue("before");
    expect(await queue.drain(5_000)).toBe(true);

    // The database's process dies (main.ts reports it) and writes start failing.
    health.markDown("process", "the embedded database process exited (SIGKILL)");
    state.down = true;
    for (let i = 0; i < 30; i++) enqueue(`during${i}`);
    await eventually(() => expect(health.isDown("writes")).toBe(true));
    // Retried with back-off, never given up, nothing stored meanwhile.
    await eventually(() => expect(state.appends).toBeGreaterThanOrEqual(3), 5_000);
    expect(queue.backlog).toBe(30);
    expect(durable).toEqual([1]);

    // Back: the process first, then the first write that succeeds.
    state.down = false;
    health.markUp("process");
    expect(await queue.drain(2_000)).toBe(true);
    expect(health.available).toBe(true);
    expect(durable).toEqual(Array.from({ length: 31 }, (_, i) => i + 1)); // in seq order, each once
    expect(Object.keys(await storedContent(boardId)).sort()).toEqual(
      ["before", ...Array.from({ length: 30 }, (_, i) => `during${i}`)].sort(),
    );
    expect(changes.map((c) => `${c.source}:${c.up ? "up" : "down"}:${c.available}`)).toEqual([
      "process:down:false",
      "writes:down:false",
      "process:up:false",
      "writes:up:true",
    ]);
  });

  it("a commit whose answer was lost is stored once, and the board goes on being stored", async () => {
    const { boardId, userId } = await aBoard();
    const { store, state } = outageStore();
    const health = new StorageHealth();
    const queue = createWriteQueue(store, logger, { windowMs: 0, health });
    const a = writer(1);
    const b = writer(2);
    let seq = 0;
    const durable: number[] = [];
    const enqueue = (w: ReturnType<typeof writer>, key: string, authorId: string | null) => {
      const s = ++seq;
      queue.enqueue({
        boardId,
        seq: s,
        update: w.edit(key),
        authorId,
        receivedAt: performance.now(),
        onDurable: () => durable.push(s),
      });
    };

    // The batch commits, then the connection drops before the answer: the queue cannot know.
    state.loseAnswers = 1;
    enqueue(a, "a1", userId);
    enqueue(b, "b1", null);
    enqueue(a, "a2", userId);
    await eventually(() => expect(health.isDown("writes")).toBe(true));
    // Its retry finds the rows there (same board and seq) and counts them as stored.
    expect(await queue.drain(5_000)).toBe(true);
    expect(health.available).toBe(true);
    // Later updates are not held up by it.
    enqueue(b, "b2", null);
    enqueue(a, "a3", userId);
    expect(await queue.drain(5_000)).toBe(true);

    expect(durable.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
    expect(await storedContent(boardId)).toEqual({
      a1: { title: "a1" },
      a2: { title: "a2" },
      a3: { title: "a3" },
      b1: { title: "b1" },
      b2: { title: "b2" },
    });
    const rows = await database.db
      .select({ seq: docUpdates.seq })
      .from(docUpdates)
      .where(eq(docUpdates.boardId, boardId))
      .orderBy(asc(docUpdates.seq));
    // One row per (author, batch) and seq, never two rows with one seq.
    expect(rows.map((r) => r.seq)).toEqual([2, 3, 4, 5]);
  });

  it("a lost answer followed by newer updates stores the older ones twice, which Yjs applies once", async () => {
    const { boardId, userId } = await aBoard();
    const { store, state } = outageStore();
    const queue = createWriteQueue(store, logger, { windowMs: 0 });
    const a = writer(1);
    let seq = 0;
    const enqueue = (key: string) =>
      queue.enqueue({ boardId, seq: ++seq, update: a.edit(key), authorId: userId, receivedAt: performance.now() });

    state.loseAnswers = 1;
    enqueue("x1");
    enqueue("x2");
    await eventually(() => expect(state.loseAnswers).toBe(0)); // committed; the answer was lost
    // More arrives before the retry: merged with the retried ones into a row with a newer seq.
    enqueue("x3");
    expect(await queue.drain(5_000)).toBe(true);
    expect(await storedContent(boardId)).toEqual({ x1: { title: "x1" }, x2: { title: "x2" }, x3: { title: "x3" } });
    const rows = await database.db
      .select({ seq: docUpdates.seq })
      .from(docUpdates)
      .where(eq(docUpdates.boardId, boardId))
      .orderBy(asc(docUpdates.seq));
    expect(rows.map((r) => r.seq)).toEqual([2, 3]);
  });
});
