/**
 * The pieces several processes share, one at a time, in this test process: two links to one Redis
 * of the test's own stand for two processes (board relay, rate limits, sign-ins under way), and
 * compaction from storage with sequence numbers from two processes runs on each database kind.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { relayBells } from "../../server/cluster/bell-relay.js";
import { createBoardRelay } from "../../server/cluster/board-relay.js";
import { claimOnce } from "../../server/cluster/claim.js";
import { connectRedis, type RedisLink } from "../../server/cluster/redis-link.js";
import { slotSequence } from "../../server/cluster/sequence.js";
import {
  COMPACTION_LOCK,
  compactFromLog,
  sharedCompaction,
  tryBoardLock,
} from "../../server/cluster/shared-compaction.js";
import { createSocketCounter } from "../../server/cluster/socket-count.js";
import type { Database } from "../../server/db/client.js";
import { auditEvents, boards, docUpdates, users, workspaces } from "../../server/db/schema.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { scanOnce } from "../../server/docs/identity-scan.js";
import { DEFAULT_HISTORY } from "../../server/history/record-version.js";
import { createLogger } from "../../server/logger.js";
import { createNotifier } from "../../server/notifications/notifier.js";
import { createOutbox } from "../../server/notifications/outbox.js";
import { createPendingSignIns } from "../../server/oidc/pending.js";
import { createAudit } from "../../server/services/audit.js";
import { systemClock } from "../../server/services/clock.js";
import { createRateLimiter } from "../../server/services/rate-limiter.js";
import { eventually } from "../helpers/eventually.js";
import { startTestRedis, type TestRedis } from "../helpers/redis-server.js";
import { createTestDatabase, databaseKinds, truncateAll } from "../helpers/test-database.js";

const logger = createLogger("silent");

describe("two processes through one Redis", () => {
  let redis: TestRedis;
  let a: RedisLink;
  let b: RedisLink;
  beforeAll(async () => {
    redis = await startTestRedis();
    [a, b] = await Promise.all([connectRedis(redis.url, logger), connectRedis(redis.url, logger)]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.kill();
  });

  it("relays a board's updates and presence to the other process, never back to the sender", async () => {
    const heard = { a: [] as string[], b: [] as string[] };
    const handlers = (who: "a" | "b") => ({
      update: (u: Uint8Array) => heard[who].push(`update ${Buffer.from(u).toString()}`),
      awareness: (u: Uint8Array) => heard[who].push(`awareness ${Buffer.from(u).toString()}`),
      hello: () => heard[who].push("hello"),
      stale: () => heard[who].push("stale"),
    });
    const relayA = createBoardRelay(a, logger);
    const relayB = createBoardRelay(b, logger);
    await relayA.join("board-1", handlers("a"));
    await relayB.join("board-1", handlers("b"));
    await relayB.join("board-2", handlers("b"));
    relayA.update("board-1", Buffer.from("ett"));
    relayA.awareness("board-1", Buffer.from("två"));
    relayA.hello("board-1");
    relayA.update("board-2", Buffer.from("annan tavla"));
    await eventually(() => expect(heard.b).toEqual(["update ett", "awareness två", "hello", "update annan tavla"]));
    relayB.leave("board-2");
    relayB.stale("board-1");
    await eventually(() => expect(heard.a).toEqual(["stale"]));
    relayA.update("board-2", Buffer.from("ingen lyssnar"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard.b).toHaveLength(4);
  });

  it("finishes a sign-in under way on the other process, once", async () => {
    const started = createPendingSignIns(systemClock, a);
    const callback = createPendingSignIns(systemClock, b);
    const key = await started.add({ codeVerifier: "v", state: "s", nonce: "n", next: "/", invitation: null });
    expect(await callback.take(key)).toMatchObject({ codeVerifier: "v", state: "s", nonce: "n" });
    expect(await callback.take(key)).toBeNull();
    expect(await started.take(key)).toBeNull();
  });

  it("counts a user's sockets on both processes against one limit; a process that dies stops counting", async () => {
    const [onA, onB] = [createSocketCounter(a, 4, logger), createSocketCounter(b, 4, logger)];
    const user = `user-${Date.now()}`;
    expect([await onA.admit(user, "1"), await onA.admit(user, "2"), await onB.admit(user, "1")]).toEqual([
      true,
      true,
      true,
    ]);
    expect(await onB.admit(user, "2")).toBe(true);
    // The fifth socket is refused on either process; another person is not affected.
    expect(await onA.admit(user, "3")).toBe(false);
    expect(await onB.admit(user, "3")).toBe(false);
    expect(await onB.admit(`${user}-other`, "1")).toBe(true);
    // A socket closed on A frees a place on B.
    onA.release(user, "1");
    await eventually(async () => expect(await onB.admit(user, "4")).toBe(true));

    // A process killed with -9 renews nothing: its sockets lapse and stop counting.
    const dying = createSocketCounter(a, 4, logger, { lapseMs: 300, renewMs: 100 });
    const other = `user-dying-${Date.now()}`;
    for (const key of ["1", "2", "3", "4"]) expect(await dying.admit(other, key)).toBe(true);
    expect(await onB.admit(other, "1")).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await onB.admit(other, "1")).toBe(false); // renewed: the process lives
    dying.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await onB.admit(other, "1")).toBe(true);
    onA.close();
    onB.close();
  });

  it("counts a rate limit for both processes; alone while Redis is down; together again when it is back", async () => {
    const limit = (link: RedisLink) =>
      createRateLimiter({ limit: 3, windowMs: 60_000, now: systemClock, shared: { link, name: "test" } });
    const [onA, onB] = [limit(a), limit(b)];
    expect([await onA.hit("10.0.0.1"), await onB.hit("10.0.0.1"), await onA.hit("10.0.0.1")]).toEqual([0, 0, 0]);
    expect(await onB.hit("10.0.0.1")).toBeGreaterThan(0);
    expect(await onA.hit("10.0.0.2")).toBe(0);

    await redis.kill();
    await eventually(() => expect(a.up || b.up).toBe(false), 5_000);
    expect(a.reason).toBeTruthy();
    // Each process on its own: three on A, and B still has its own three.
    for (let i = 0; i < 3; i++) expect(await onA.hit("10.0.0.3")).toBe(0);
    expect(await onA.hit("10.0.0.3")).toBeGreaterThan(0);
    expect(await onB.hit("10.0.0.3")).toBe(0);

    await redis.start();
    await eventually(() => expect(a.up && b.up).toBe(true), 10_000, 50);
    expect([await onA.hit("10.0.0.4"), await onB.hit("10.0.0.4"), await onA.hit("10.0.0.4")]).toEqual([0, 0, 0]);
    expect(await onB.hit("10.0.0.4")).toBeGreaterThan(0);
  });
});

describe.each(databaseKinds())("work done once by one of several processes, on %s", (kind) => {
  let database: Database;
  let redis: TestRedis;
  let links: RedisLink[];
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    redis = await startTestRedis();
    links = await Promise.all([connectRedis(redis.url, logger), connectRedis(redis.url, logger)]);
  });
  afterAll(async () => {
    await Promise.all((links ?? []).map((link) => link.close()));
    await redis?.kill();
    await database?.close();
  });

  it("scans for stored identity numbers once when two processes start at the same moment", async () => {
    const audit = createAudit(database.db, systemClock);
    await Promise.all(
      links.map((link) => scanOnce(database.db, audit, logger, claimOnce(link, `identity-scan-test-${kind}`, 60_000))),
    );
    const scans = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "identity_number.scan"));
    expect(scans).toHaveLength(1);
  });

  it("wakes a person's bell waiting on one process when the other reads (or stores) their notifications", async () => {
    const notifiers = await Promise.all(
      links.map(async (link) => {
        const audit = createAudit(database.db, systemClock);
        const outbox = createOutbox({ db: database.db, now: systemClock, audit, smtpUrl: null, from: "x@example.se" });
        const notifier = createNotifier({
          db: database.db,
          now: systemClock,
          outbox,
          publicOrigin: "http://localhost",
        });
        await relayBells(notifier, link, logger);
        return notifier;
      }),
    );
    const [onA, onB] = notifiers as [ReturnType<typeof createNotifier>, ReturnType<typeof createNotifier>];
    const [user] = await database.db
      .insert(users)
      .values({ email: `bell-${kind}@example.se`, name: "Eva", passwordHash: "x" })
      .returning();
    // A wait far longer than the test: only the other process's word can end it in time.
    const waiting = onB.waitForChange(user!.id, 120_000);
    // Someone else: the same id with another last digit (never the same one, whatever it is).
    const otherId = `${user!.id.slice(0, -1)}${user!.id.endsWith("0") ? "1" : "0"}`;
    const otherUser = onB.waitForChange(otherId, 120_000);
    const outcome = (done: Promise<void>) =>
      Promise.race([
        done.then(() => "woken"),
        new Promise((resolve) => setTimeout(() => resolve("still waiting"), 5_000)),
      ]);
    await onA.markAllRead(user!.id);
    expect(await outcome(waiting.done)).toBe("woken");
    expect(await outcome(otherUser.done)).toBe("still waiting");
    otherUser.cancel();
    for (const n of notifiers) n.stopWaiting();
  });
});

describe("sequence numbers", () => {
  it("sequence numbers of two processes never meet", () => {
    const [first, second] = [slotSequence(7), slotSequence(8)];
    const seen = new Set<number>();
    let [x, y] = [0, 5 * 2 ** 20 + 3];
    for (let i = 0; i < 1000; i++) {
      x = first(Math.max(x, i % 7 === 0 ? y : 0));
      y = second(y);
      expect(seen.has(x) || seen.has(y)).toBe(false);
      seen.add(x).add(y);
    }
  });
});

describe.each(databaseKinds())("compaction from storage when two processes write a board, on %s", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(() => truncateAll(database));

  async function aBoard() {
    const [user] = await database.db
      .insert(users)
      .values({ email: "eva@example.se", name: "Eva", passwordHash: "x" })
      .returning();
    const [ws] = await database.db.insert(workspaces).values({ name: "Lekeberg", createdBy: user!.id }).returning();
    const [board] = await database.db
      .insert(boards)
      .values({ workspaceId: ws!.id, kind: "focus", title: "Palliativ vård", createdBy: user!.id })
      .returning();
    return board!.id;
  }
  /** One edit of a process's own document (its client id), as the update it stores. */
  const edit = (doc: Y.Doc, key: string) => {
    let update: Uint8Array | null = null;
    doc.once("update", (u: Uint8Array) => {
      update = u;
    });
    doc.getMap("cards").set(key, key);
    return update as unknown as Uint8Array;
  };
  const cardsOf = async (boardId: string) => {
    const loaded = await createDocStore(database.db).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const u of loaded.updates) Y.applyUpdate(doc, u);
    return Object.keys(doc.getMap("cards").toJSON()).sort();
  };

  it("keeps a row stored after a snapshot with a higher seq, and folds it the next time", async () => {
    const boardId = await aBoard();
    const store = sharedCompaction(database.db, createDocStore(database.db), DEFAULT_HISTORY);
    const [first, second] = [slotSequence(1), slotSequence(2)];
    const [docA, docB] = [new Y.Doc(), new Y.Doc()];
    // Process 2 has counted further than process 1 (it loaded the board later, say).
    const seqB = second(second(0));
    await store.append([{ boardId, seq: seqB, update: edit(docB, "b1"), authorId: null }]);
    await store.compact(boardId, new Uint8Array(0), 0, {});
    // Process 1's write lands after that compaction, with a lower seq than the snapshot's.
    const seqA = first(0);
    expect(seqA).toBeLessThan(seqB);
    await store.append([{ boardId, seq: seqA, update: edit(docA, "a1"), authorId: null }]);
    expect(await cardsOf(boardId)).toEqual(["a1", "b1"]);
    await store.compact(boardId, new Uint8Array(0), 0, { sessionEnd: true });
    expect(await database.db.select().from(docUpdates).where(eq(docUpdates.boardId, boardId))).toEqual([]);
    expect(await cardsOf(boardId)).toEqual(["a1", "b1"]);
  });

  if (kind === "postgres") {
    it("compacts a board in one process at a time: the other leaves it", async () => {
      const boardId = await aBoard();
      const store = createDocStore(database.db);
      const doc = new Y.Doc();
      await store.append([{ boardId, seq: 1, update: edit(doc, "c1"), authorId: null }]);
      // The first holds the board's lock (its transaction is open) while the second tries.
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked: () => void = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const holder = database.db.transaction(async (tx) => {
        expect(await tryBoardLock(tx as never, COMPACTION_LOCK, boardId)).toBe(true);
        locked();
        await held;
      });
      await lockTaken;
      expect(await compactFromLog(database.db, boardId, false, DEFAULT_HISTORY)).toBe(false);
      release();
      await holder;
      expect(await compactFromLog(database.db, boardId, false, DEFAULT_HISTORY)).toBe(true);
      expect(await cardsOf(boardId)).toEqual(["c1"]);
    });
  }
});
