/** The embedded database in its own process keeps PGlite's semantics: transactions, errors, bytes, shutdown; and it ends with its server. */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgliteProcess } from "../../server/db/pglite-process.js";
import { isUniqueViolation } from "../../server/services/db-errors.js";

describe("PGlite in its own process", () => {
  let pg: PgliteProcess;

  beforeAll(async () => {
    pg = await PgliteProcess.open(undefined);
    await pg.query("create table notes (id int primary key, body bytea)");
  }, 60_000);

  afterAll(() => pg.close());

  it("round-trips bytes given as a view into a larger buffer", async () => {
    const frame = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await pg.query("insert into notes values ($1, $2)", [1, frame.subarray(2, 5)]);
    const { rows } = await pg.query("select body from notes where id = 1");
    expect([...(rows[0] as { body: Uint8Array }).body]).toEqual([1, 2, 3]);
  });

  it("returns dates, times and intervals as the text drizzle parses itself, in and out of transactions", async () => {
    const sql =
      "select timestamptz '2026-11-24 10:00:00+00' as at, date '2026-11-24' as day, interval '90 minutes' as span";
    const expected = { at: expect.stringMatching(/^2026-11-24 10:00:00/), day: "2026-11-24", span: "01:30:00" };
    expect((await pg.query(sql)).rows[0]).toEqual(expected);
    const inside = await pg.transaction(async (tx) => (await tx.query(sql)).rows[0]);
    expect(inside).toEqual(expected);
    // Other types keep PGlite's own parsing.
    const { rows } = await pg.query("select 42::int as n, true as ok");
    expect(rows[0]).toEqual({ n: 42, ok: true });
  });

  it("rolls a failed transaction back and reports PostgreSQL's error code", async () => {
    const failed = pg.transaction(async (tx) => {
      await tx.query("insert into notes values (2, null)");
      await tx.query("insert into notes values (1, null)"); // id 1 exists
    });
    const error = await failed.catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect((error as Error).message).toMatch(/duplicate key/);
    const { rows } = await pg.query("select id from notes order by id");
    expect(rows).toEqual([{ id: 1 }]);
  });

  it("makes a query from outside wait until a running transaction has committed", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tx = pg.transaction(async (t) => {
      await t.query("insert into notes values (3, null)");
      await held;
      await t.query("insert into notes values (4, null)");
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the transaction is open and holds the lock
    const outside = pg.query("select count(*)::int as n from notes");
    release();
    await tx;
    expect((await outside).rows).toEqual([{ n: 3 }]); // 1, 3 and 4: it saw the committed whole, never half
  });

  it("refuses queries with a clear error once closed, instead of waiting forever", async () => {
    const other = await PgliteProcess.open(undefined);
    await other.close();
    await expect(other.query("select 1")).rejects.toThrow(/embedded database process exited/);
  }, 60_000);

  it("exits when its server is killed (kill -9), so the directory is free for the next start", async () => {
    const module = new URL("../../server/db/pglite-process.ts", import.meta.url).pathname;
    const server = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { PgliteProcess } from ${JSON.stringify(module)};
        const db = await PgliteProcess.open(undefined);
        await db.query("select 1");
        console.log(db.pid);
        setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const [line] = (await once(createInterface({ input: server.stdout as NodeJS.ReadableStream }), "line")) as [string];
    const database = Number(line);
    expect(alive(database)).toBe(true);
    server.kill("SIGKILL");
    const deadline = Date.now() + 10_000;
    while (alive(database) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(database)).toBe(false);
  }, 60_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
