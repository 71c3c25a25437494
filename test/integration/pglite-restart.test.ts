/**
 * The embedded database's process dies (kill -9): it is started again on the same directory, the
 * lock names the new process, queries meanwhile fail at once as "database unavailable", and what
 * was committed is all there. If it cannot be started again, it says so once and for all.
 */
import { mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, type DatabaseEvent, openDatabase } from "../../server/db/client.js";
import { isDatabaseUnavailable, unavailableReason } from "../../server/db/unavailable.js";
import { eventually } from "../helpers/eventually.js";
import { alive } from "../helpers/processes.js";

const FAST_RESTART = { minDelayMs: 20, maxDelayMs: 200, maxAttempts: 3, giveUpAfterMs: 60_000, maxDeaths: 5 };

const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

describe("the embedded database's process, killed", () => {
  let dataDir: string;
  let database: Database | undefined;
  const events: DatabaseEvent[] = [];
  const lockPids = async () => (await readFile(path.join(dataDir, "samverkan.lock"), "utf8")).split("\n").map(Number);
  const open = async () => {
    database = await openDatabase({ kind: "pglite", dataDir }, { restart: FAST_RESTART });
    database.onEvent((e) => events.push(e));
    return database;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-pglite-restart-"));
  });
  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is started again on the same directory; queries meanwhile fail as unavailable; nothing committed is lost", async () => {
    const db = (await open()).db;
    await db.execute(sql`create table notes (id int primary key, body text)`);
    await db.execute(sql`insert into notes values (1, 'före')`);
    const [server, child] = await lockPids();
    expect(server).toBe(process.pid);
    expect(alive(child!)).toBe(true);

    process.kill(child!, "SIGKILL");
    // Whether it is asked before or after the death is noticed: unavailable, never a hang or another error.
    const during = await db.execute(sql`select 1`).catch((error: unknown) => error);
    expect(isDatabaseUnavailable(during)).toBe(true);
    expect(unavailableReason(during)).toBe("database process down");
    // A transaction begun while it is down fails the same way.
    const tx = await db.transaction(async (t) => t.execute(sql`select 1`)).catch((error: unknown) => error);
    expect(isDatabaseUnavailable(tx)).toBe(true);

    await eventually(() => expect(events.map((e) => e.type)).toContain("up"), 30_000, 20);
    expect(events[0]).toMatchObject({ type: "down", reason: expect.stringContaining("SIGKILL") });
    expect(events.map((e) => e.type)).toEqual(["down", "restarting", "up"]);
    const [sameServer, newChild] = await lockPids();
    expect(sameServer).toBe(process.pid);
    expect(newChild).not.toBe(child);
    expect(alive(newChild!)).toBe(true);
    expect(events[2]).toEqual({ type: "up", pid: newChild });

    await db.execute(sql`insert into notes values (2, 'efter')`);
    expect(rowsOf(await db.execute(sql`select id, body from notes order by id`))).toEqual([
      { id: 1, body: "före" },
      { id: 2, body: "efter" },
    ]);
  }, 60_000);

  it("gives up when the database is not where it was, instead of starting an empty one; the lock is free after close", async () => {
    const db = database!.db;
    events.length = 0;
    const [, child] = await lockPids();
    // The directory is moved away under the running process (an operator's mistake, a lost mount).
    await rename(path.join(dataDir, "pgdata"), path.join(dataDir, "pgdata.moved"));
    process.kill(child!, "SIGKILL");
    await eventually(() => expect(events.map((e) => e.type)).toContain("failed"), 30_000, 20);
    const failed = events.find((e) => e.type === "failed") as { reason: string };
    expect(failed.reason).toMatch(/3 attempts failed; the last: .*no database in .*pgdata any more/);
    expect(events.filter((e) => e.type === "restarting")).toHaveLength(3);
    expect(isDatabaseUnavailable(await db.execute(sql`select 1`).catch((e: unknown) => e))).toBe(true);

    await database!.close();
    database = undefined;
    await expect(readFile(path.join(dataDir, "samverkan.lock"), "utf8")).rejects.toThrow();

    // Put back, it opens with everything in it.
    await rename(path.join(dataDir, "pgdata.moved"), path.join(dataDir, "pgdata"));
    const reopened = (await open()).db;
    expect(rowsOf(await reopened.execute(sql`select count(*)::int as n from notes`))).toEqual([{ n: 2 }]);
  }, 60_000);
});
