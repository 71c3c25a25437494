import { asc, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../server/db/client.js";
import { boards, docSnapshots, docUpdates, users, workspaces } from "../../server/db/schema.js";
import { createDocStore, type DocStore, type LoadedDoc } from "../../server/docs/doc-store.js";
import { isUniqueViolation } from "../../server/services/db-errors.js";
import { eventually } from "../helpers/eventually.js";
import { createTestDatabase, databaseKinds, truncateAll } from "../helpers/test-database.js";

/** A document edited in separate transactions: one Yjs update per edit, in the order they happened. */
function editedDoc(edits: number, clientID = 1) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < edits; i++) {
    doc.transact(() => {
      if (i % 3 === 0) doc.getMap("actions").set(`a${i}`, { title: `Åtgärd ${i}`, done: i % 2 === 0 });
      else if (i % 3 === 1) doc.getText("notes").insert(doc.getText("notes").length, `rad ${i}\n`);
      else doc.getArray("participants").push([`deltagare ${i}`]);
    });
  }
  return { doc, updates };
}

/** Everything a person sees on the board, independent of insertion order. */
function content(doc: Y.Doc) {
  return {
    actions: Object.fromEntries(Object.entries(doc.getMap("actions").toJSON()).sort()),
    notes: doc.getText("notes").toString(),
    participants: doc.getArray("participants").toJSON(),
  };
}

function rebuild(loaded: LoadedDoc): Y.Doc {
  const doc = new Y.Doc();
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
  for (const update of loaded.updates) Y.applyUpdate(doc, update);
  return doc;
}

const bytes = (u: Uint8Array) => Buffer.from(u).toString("hex");

describe.each(databaseKinds())("the document store on %s", (kind) => {
  let database: Database;
  let store: DocStore;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    store = createDocStore(database.db);
  });
  afterAll(() => database?.close());
  beforeEach(() => truncateAll(database));

  let boardCount = 0;
  async function aBoard() {
    const n = ++boardCount;
    const [user] = await database.db
      .insert(users)
      .values({ email: `person${n}@example.se`, name: "Eva", passwordHash: "x" })
      .returning();
    const [ws] = await database.db.insert(workspaces).values({ name: "Lekeberg", createdBy: user!.id }).returning();
    const [board] = await database.db
      .insert(boards)
      .values({ workspaceId: ws!.id, kind: "focus", title: "Palliativ vård", createdBy: user!.id })
      .returning();
    return { userId: user!.id, boardId: board!.id };
  }

  const rows = (boardId: string, updates: Uint8Array[], authorId: string | null = null, firstSeq = 1) =>
    updates.map((update, i) => ({ boardId, seq: firstSeq + i, update, authorId }));

  async function storedSeqs(boardId: string) {
    const found = await database.db
      .select({ seq: docUpdates.seq })
      .from(docUpdates)
      .where(eq(docUpdates.boardId, boardId))
      .orderBy(asc(docUpdates.seq));
    return found.map((r) => r.seq);
  }

  async function storedSnapshot(boardId: string) {
    const [snap] = await database.db.select().from(docSnapshots).where(eq(docSnapshots.boardId, boardId));
    return snap;
  }

  it("names the boards stored or compacted since a moment, most recent first, archived ones left out", async () => {
    const before = new Date(Date.now() - 1_000);
    const compacted = await aBoard();
    const edited = await aBoard();
    const archived = await aBoard();
    const quiet = await aBoard();
    const { doc, updates } = editedDoc(3);
    await store.compact(compacted.boardId, Y.encodeStateAsUpdate(doc), 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append(rows(edited.boardId, updates));
    await store.append(rows(archived.boardId, updates));
    await database.db.update(boards).set({ archivedAt: new Date() }).where(eq(boards.id, archived.boardId));

    const active = await store.recentlyActive(before, 10);
    expect(active).toEqual([
      { boardId: edited.boardId, kind: "focus" },
      { boardId: compacted.boardId, kind: "focus" },
    ]);
    expect(active.map((b) => b.boardId)).not.toContain(quiet.boardId);
    expect(await store.recentlyActive(before, 1)).toHaveLength(1);
    expect(await store.recentlyActive(new Date(Date.now() + 60_000), 10)).toEqual([]);
  });

  it("loads a board with no history, or no such board, as nothing stored", async () => {
    const { boardId } = await aBoard();
    for (const id of [boardId, "00000000-0000-4000-8000-000000000000"]) {
      const loaded = await store.load(id);
      expect(loaded).toEqual({ snapshot: null, updates: [], lastSeq: 0, tail: 0 });
    }
  });

  it("loads several boards in one call exactly as one at a time: snapshot and tail, log only, nothing stored", async () => {
    const compacted = await aBoard();
    const logged = await aBoard();
    const empty = await aBoard();
    const a = editedDoc(7, 1);
    const b = editedDoc(4, 2);
    await store.append([...rows(compacted.boardId, a.updates), ...rows(logged.boardId, b.updates)]);
    const upToFour = new Y.Doc();
    for (const update of a.updates.slice(0, 4)) Y.applyUpdate(upToFour, update);
    await store.compact(compacted.boardId, Y.encodeStateAsUpdate(upToFour), 4);

    const ids = [logged.boardId, empty.boardId, compacted.boardId, "00000000-0000-4000-8000-000000000000"];
    const many = await store.loadMany!(ids);
    expect([...many.keys()]).toEqual(ids);
    for (const id of ids) expect(many.get(id)).toEqual(await store.load(id));
    expect(many.get(compacted.boardId)).toMatchObject({ lastSeq: 7, tail: 3 });
    expect(content(rebuild(many.get(compacted.boardId)!))).toEqual(content(a.doc));
    expect(content(rebuild(many.get(logged.boardId)!))).toEqual(content(b.doc));
    expect(many.get(empty.boardId)).toEqual({ snapshot: null, updates: [], lastSeq: 0, tail: 0 });
  });

  it("returns appended updates in sequence order with the highest seq and the tail length", async () => {
    const { boardId, userId } = await aBoard();
    const { doc, updates } = editedDoc(6);
    const all = rows(boardId, updates, userId);
    // Appended out of order and in two calls, as batches from different rooms may arrive.
    await store.append([all[3]!, all[0]!, all[5]!]);
    await store.append([all[4]!, all[1]!, all[2]!]);
    await store.append([]);

    const loaded = await store.load(boardId);
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates.map(bytes)).toEqual(updates.map(bytes));
    expect(loaded.lastSeq).toBe(6);
    expect(loaded.tail).toBe(6);
    expect(content(rebuild(loaded))).toEqual(content(doc));

    const authors = await database.db
      .selectDistinct({ authorId: docUpdates.authorId })
      .from(docUpdates)
      .where(eq(docUpdates.boardId, boardId));
    expect(authors).toEqual([{ authorId: userId }]);
  });

  it("stores batches of every size, small and large, whole or not at all", async () => {
    const { boardId, userId } = await aBoard();
    const { doc, updates } = editedDoc(120);
    const all = rows(boardId, updates, userId);
    // Sizes below and above the prepared statements' limit, each size twice (the statement is reused).
    let at = 0;
    for (const size of [1, 2, 1, 2, 33, 40, 33, 8]) {
      await store.append(all.slice(at, at + size));
      at += size;
    }
    // A batch repeating a stored seq fails as a whole: the new update beside it is not stored either.
    await expect(store.append([all[at]!, all[0]!])).rejects.toThrow();
    await expect(store.append([...all.slice(at, at + 39), all[1]!])).rejects.toThrow();
    expect(await storedSeqs(boardId)).toEqual(all.slice(0, at).map((r) => r.seq));

    await store.append(all.slice(at));
    const loaded = await store.load(boardId);
    expect(loaded.lastSeq).toBe(120);
    expect(content(rebuild(loaded))).toEqual(content(doc));
  });

  it("stores every byte value and a missing author as given, and reports a stored seq as a unique violation", async () => {
    // On PGlite the batch's values are written into the statement's text (doc-store.ts, appendSql).
    const { boardId } = await aBoard();
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    // A view into a larger buffer, as a frame's update arrives: only its own bytes are stored.
    const frame = new Uint8Array(259).fill(7);
    frame.set(every, 2);
    await store.append([
      { boardId, seq: 1, update: every, authorId: null },
      { boardId, seq: 2, update: frame.subarray(2, 258), authorId: null },
    ]);
    const loaded = await store.load(boardId);
    expect(loaded.updates.map(bytes)).toEqual([bytes(every), bytes(every)]);
    const authors = await database.db.select({ authorId: docUpdates.authorId }).from(docUpdates);
    expect(authors).toEqual([{ authorId: null }, { authorId: null }]);
    const again = await store.append([{ boardId, seq: 2, update: every, authorId: null }]).catch((e: unknown) => e);
    expect(isUniqueViolation(again)).toBe(true);
  });

  it("compaction stores the snapshot and deletes exactly the updates up to its seq; later ones load after it", async () => {
    const { boardId } = await aBoard();
    const { doc, updates } = editedDoc(8);
    await store.append(rows(boardId, updates));

    const upToFive = new Y.Doc();
    for (const update of updates.slice(0, 5)) Y.applyUpdate(upToFive, update);
    const state = Y.encodeStateAsUpdate(upToFive);
    await store.compact(boardId, state, 5);

    expect(await storedSeqs(boardId)).toEqual([6, 7, 8]);
    const snap = await storedSnapshot(boardId);
    expect(snap?.seq).toBe(5);
    expect(bytes(snap!.state)).toBe(bytes(state));

    const loaded = await store.load(boardId);
    expect(bytes(loaded.snapshot!)).toBe(bytes(state));
    expect(loaded.updates.map(bytes)).toEqual(updates.slice(5).map(bytes));
    expect(loaded.lastSeq).toBe(8);
    expect(loaded.tail).toBe(3);
    expect(content(rebuild(loaded))).toEqual(content(doc));

    // Compacting everything leaves no log; the next seq still follows the snapshot's.
    await store.compact(boardId, Y.encodeStateAsUpdate(doc), 8);
    expect(await storedSeqs(boardId)).toEqual([]);
    const all = await store.load(boardId);
    expect(all.updates).toEqual([]);
    expect(all.lastSeq).toBe(8);
    expect(all.tail).toBe(0);
    expect(content(rebuild(all))).toEqual(content(doc));
  });

  it("never moves a snapshot backwards when a compaction with a lower seq finishes later", async () => {
    const { boardId } = await aBoard();
    const { doc, updates } = editedDoc(9);
    await store.append(rows(boardId, updates));
    const stateAt = (seq: number) => {
      const d = new Y.Doc();
      for (const update of updates.slice(0, seq)) Y.applyUpdate(d, update);
      return Y.encodeStateAsUpdate(d);
    };

    await store.compact(boardId, stateAt(6), 6);
    await store.compact(boardId, stateAt(3), 3); // the slow, older one
    const snap = await storedSnapshot(boardId);
    expect(snap?.seq).toBe(6);
    expect(bytes(snap!.state)).toBe(bytes(stateAt(6)));
    expect(await storedSeqs(boardId)).toEqual([7, 8, 9]);

    const loaded = await store.load(boardId);
    expect(loaded.lastSeq).toBe(9);
    expect(loaded.tail).toBe(3);
    expect(content(rebuild(loaded))).toEqual(content(doc));

    // A newer one still moves it forward.
    await store.compact(boardId, stateAt(8), 8);
    expect((await storedSnapshot(boardId))?.seq).toBe(8);
    expect(await storedSeqs(boardId)).toEqual([9]);
    expect(content(rebuild(await store.load(boardId)))).toEqual(content(doc));
  });

  it("rebuilds exactly the original document from snapshot and log, with concurrent edits from several people", async () => {
    const { boardId } = await aBoard();
    const people = [1, 2, 3].map((id) => {
      const doc = new Y.Doc();
      doc.clientID = id;
      return doc;
    });
    const original = new Y.Doc();
    const log: Uint8Array[] = [];
    original.on("update", (update: Uint8Array) => log.push(update));
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 40; round++) {
      const who = people[round % 3]!;
      const text = who.getText("notes");
      const r = random();
      if (r < 0.4) text.insert(Math.floor(random() * (text.length + 1)), `ord${round} `);
      else if (r < 0.55 && text.length > 3) text.delete(Math.floor(random() * (text.length - 2)), 2);
      else if (r < 0.8) who.getMap("actions").set(`a${Math.floor(random() * 6)}`, { by: who.clientID, round });
      else who.getArray("participants").insert(0, [`p${round}`]);
      // Everyone exchanges state now and then, so later edits depend on others' earlier ones.
      if (round % 4 === 3) {
        for (const a of people) for (const b of people) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      }
      Y.applyUpdate(original, Y.encodeStateAsUpdate(who, Y.encodeStateVector(original)));
    }
    await store.append(rows(boardId, log));
    const compactedUpTo = Math.floor(log.length / 2);
    const half = new Y.Doc();
    for (const update of log.slice(0, compactedUpTo)) Y.applyUpdate(half, update);
    await store.compact(boardId, Y.encodeStateAsUpdate(half), compactedUpTo);

    const rebuilt = rebuild(await store.load(boardId));
    expect(content(rebuilt)).toEqual(content(original));
    expect(content(rebuilt).notes.length).toBeGreaterThan(0);
    // Same history, not just the same visible values: the state vectors match.
    expect([...Y.decodeStateVector(Y.encodeStateVector(rebuilt))].sort()).toEqual(
      [...Y.decodeStateVector(Y.encodeStateVector(original))].sort(),
    );
  });

  it("keeps boards apart: each loads only its own updates and snapshot", async () => {
    const a = await aBoard();
    const b = await aBoard();
    const docA = editedDoc(4, 11);
    const docB = editedDoc(3, 22);
    // The same seqs on both boards.
    await store.append([...rows(a.boardId, docA.updates, a.userId), ...rows(b.boardId, docB.updates, b.userId)]);
    await store.compact(a.boardId, Y.encodeStateAsUpdate(docA.doc), 2);

    const loadedA = await store.load(a.boardId);
    const loadedB = await store.load(b.boardId);
    expect(loadedA.updates.map(bytes)).toEqual(docA.updates.slice(2).map(bytes));
    expect(loadedA.lastSeq).toBe(4);
    expect(loadedB.snapshot).toBeNull();
    expect(loadedB.updates.map(bytes)).toEqual(docB.updates.map(bytes));
    expect(loadedB.lastSeq).toBe(3);
    expect(await storedSeqs(b.boardId)).toEqual([1, 2, 3]);
    expect(content(rebuild(loadedA))).toEqual(content(docA.doc));
    expect(content(rebuild(loadedB))).toEqual(content(docB.doc));
  });

  // PGlite is one connection: statements never interleave, so this case only exists on PostgreSQL,
  // which serves several servers at once (a rolling restart: the old one compacts on shutdown
  // while the new one loads the board). Registered only there, rather than reported as skipped.
  const onPostgres = kind === "postgres" ? it : () => {};
  onPostgres("a load that overlaps another server's compaction still sees every update", async () => {
    const { boardId } = await aBoard();
    const { doc, updates } = editedDoc(8);
    await store.append(rows(boardId, updates));
    const upToFive = new Y.Doc();
    for (const update of updates.slice(0, 5)) Y.applyUpdate(upToFive, update);

    const url = await currentDatabaseUrl(database);
    const other = postgres(url, { max: 1, onnotice: () => {} });
    const watcher = postgres(url, { max: 1, onnotice: () => {} });
    let midway!: () => void;
    const isMidway = new Promise<void>((resolve) => (midway = resolve));
    let commit!: () => void;
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    try {
      // The other server's compaction, as DocStore.compact does it, held open before its commit.
      const compacting = other.begin(async (tx) => {
        await tx`lock table doc_updates in access exclusive mode`;
        await tx`insert into doc_snapshots (board_id, seq, state) values (${boardId}, 5, ${Buffer.from(Y.encodeStateAsUpdate(upToFive))})`;
        await tx`delete from doc_updates where board_id = ${boardId} and seq <= 5`;
        midway();
        await mayCommit;
      });
      await isMidway;
      const loading = store.load(boardId);
      // Our load has read whatever it reads first and now waits for the compaction's table lock.
      await eventually(async () => {
        const waiting = await watcher`
            select 1 from pg_stat_activity
            where datname = current_database() and state = 'active'
              and wait_event_type = 'Lock' and query ilike '%doc_updates%'`;
        expect(waiting.length).toBe(1);
      }, 10_000);
      commit();
      await compacting;
      const loaded = await loading;
      expect(content(rebuild(loaded))).toEqual(content(doc));
      expect(loaded.lastSeq).toBe(8);
    } finally {
      commit();
      await other.end();
      await watcher.end();
    }
  });
});

/** The URL of the throw-away database this file runs on (same server and user as DATABASE_URL). */
async function currentDatabaseUrl(database: Database): Promise<string> {
  const result = await database.db.execute<{ name: string }>(sql`select current_database() as name`);
  const name = (Array.isArray(result) ? result : (result as { rows: { name: string }[] }).rows)[0]!.name;
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
