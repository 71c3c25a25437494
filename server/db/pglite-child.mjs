// @ts-check
/**
 * The embedded database's own process. PGlite is PostgreSQL compiled to WebAssembly: every query
 * runs synchronously on the thread that calls it. Here that is not the server's event loop, so a
 * group commit, a compaction or a projection refresh never stalls real-time fan-out.
 *
 * Plain JavaScript, started with plain node: no TypeScript loader needed (and under vitest there
 * is none). The other side is `pglite-process.ts`; messages over the IPC channel:
 * - `{ op: "open" }` first: only then is the data directory touched, so the server has named this
 *   process in the directory's lock file before (data-dir-lock.ts) → `{ ready: true }` or
 *   `{ ready: false, error }`
 * - `{ id, op: "query", sql, params, rowMode, tx? }` → `{ id, result }` or `{ id, error }`
 * - `{ id, op: "exec", sql }` → `{ id, result: null }`: one statement without parameters, over
 *   PostgreSQL's simple-query protocol (pglite-process.ts, `execSimple`)
 * - `{ id, op: "begin", tx }` opens transaction `tx`; its queries name it; `{ id, op: "end", tx, commit }` ends it
 * - `{ id, op: "close" }` closes the database; the process exits once the reply is sent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getHeapSpaceStatistics } from "node:v8";
import { PGlite } from "@electric-sql/pglite";

/**
 * PostgreSQL's default 128 MB of shared buffers were a third of this process's memory, touched at
 * start. A partnership's working set (the open boards' log tails, sessions, members) is a few
 * megabytes, and the files stay in the operating system's cache besides: 16 MB (2,048 pages) hold
 * it, and 32 MB cost this process another 18 MB of RSS (issue 22's idle target).
 */
const startParams = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

/**
 * A new data directory is initialised (initdb) by a process of its own that then exits: PGlite
 * runs initdb in a second WebAssembly instance, and the memory it took (some 500 MB) would
 * otherwise stay with this process until the next restart.
 */
const initOnly = process.env.SAMVERKAN_PGLITE_INITDB;
if (initOnly) {
  await (await PGlite.create(initOnly, { startParams })).close();
  process.exit(0);
}

const send = process.send?.bind(process);
if (!send || !process.env.SAMVERKAN_PGLITE) throw new Error("pglite-child.mjs runs as the server's child process");
/** @type {{ dataDir?: string, keepText: number[], mustExist?: boolean }} */
const options = JSON.parse(process.env.SAMVERKAN_PGLITE);
// The server is gone (stopped, crashed or killed): nothing more will come. What was committed is
// in the write-ahead log; a transaction left open is rolled back when the directory is next opened.
process.on("disconnect", () => process.exit(0));

// Nothing touches the directory before the server says so: it names this process in the lock first.
await new Promise((resolve) => {
  const first = (/** @type {any} */ message) => {
    if (message?.op !== "open") return;
    process.off("message", first);
    resolve(null);
  };
  process.on("message", first);
});

/**
 * Types whose values stay text, as drizzle-orm's PGlite driver asks on every query (dates, times,
 * intervals and their arrays). Functions cannot cross processes: the other side sends the type ids
 * (`keepText`) and refuses any other parser.
 */
const keepText = (/** @type {string} */ value) => value;
const parsers = Object.fromEntries(options.keepText.map((/** @type {number} */ oid) => [oid, keepText]));

/** @type {PGlite} */
let pg;
try {
  if (options.dataDir && !existsSync(join(options.dataDir, "PG_VERSION"))) {
    // A restart after this process died: the database must be where it was. A fresh, empty one
    // in its place would look like a working server that lost every board.
    if (options.mustExist) throw new Error(`there is no database in ${options.dataDir} any more`);
    initialise(options.dataDir);
  }
  pg = await PGlite.create(options.dataDir ?? undefined, { startParams });
  // Set once on the instance, not passed with every query: PGlite merges per-query parsers into a
  // copy of its whole table (a parser for every array type, some hundreds), which cost more CPU
  // than a small INSERT itself. Set after create(), which has filled in the array types.
  Object.assign(pg.parsers, parsers);
  send({ ready: true });
} catch (error) {
  send({ ready: false, error: describeError(error) }, () => process.exit(1));
}

/**
 * Runs initdb for `dataDir` in a process of its own (see `initOnly`) and waits for it. It works in
 * a directory beside it, renamed into place when complete: a start stopped half-way (kill -9,
 * a power cut) leaves no half-initialised database that the next start would take for a real one.
 */
function initialise(dataDir) {
  const parent = dirname(dataDir);
  const prefix = `${basename(dataDir)}.init-`;
  // Left by an initialisation that was stopped half-way; nobody else runs here (the lock).
  for (const name of existsSync(parent) ? readdirSync(parent) : []) {
    if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  // A directory without PG_VERSION that is not empty: the half-initialised one from before this scheme.
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no database; move it away to start a new one`);
  }
  const building = join(parent, `${prefix}${process.pid}`);
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, SAMVERKAN_PGLITE_INITDB: building },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  if (run.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    const why = run.error?.message ?? (run.stderr.trim().split("\n").at(-1) || `exit ${run.status ?? run.signal}`);
    throw new Error(`initialising a new database in ${dataDir} failed: ${why}`);
  }
  rmSync(dataDir, { recursive: true, force: true }); // an empty directory, if any
  renameSync(building, dataDir);
}

/** Open transactions by id: the PGlite transaction handle and how to end it. */
const open = new Map();

/**
 * Memory back once quiet, as the server does (server/ops/idle-memory.ts): a full collection on a
 * tick 10 s after the last message while the young generation is still large. The server starts
 * this process with --expose-gc.
 */
let messages = 0;
const collect = /** @type {{ gc?: (o: object) => void }} */ (globalThis).gc;
if (collect) {
  let seen = 0;
  const young = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;
  setInterval(() => {
    if (messages !== seen) seen = messages;
    else if (young() > 4 * 1024 * 1024) collect({ type: "major", execution: "sync" });
  }, 10_000).unref();
}

process.on("message", (/** @type {any} */ message) => {
  messages++;
  handle(message).then(
    // After "close", exit only once the reply is out: the server waits for both.
    (result) => send({ id: message.id, result }, message.op === "close" ? () => process.exit(0) : undefined),
    (error) => send({ id: message.id, error: describeError(error) }),
  );
});

async function handle(message) {
  switch (message.op) {
    case "query": {
      const on = message.tx === undefined ? pg : open.get(message.tx)?.tx;
      if (!on) throw new Error(`Transaction ${message.tx} is not open`);
      return on.query(message.sql, message.params, { rowMode: message.rowMode });
    }
    case "exec":
      // Outside any transaction, as a query without `tx`: PGlite's exec() sends one simple-query
      // message (parse, plan and run in one step) where query() sends six (parse, describe,
      // bind, describe, execute, sync); nothing of the result crosses back.
      await pg.exec(message.sql);
      return null;
    case "begin":
      return begin(message.tx);
    case "end": {
      const entry = open.get(message.tx);
      if (!entry) throw new Error(`Transaction ${message.tx} is not open`);
      entry.end(message.commit);
      await entry.done;
      return null;
    }
    case "close":
      await pg.close();
      return null;
    default:
      throw new Error(`Unknown operation ${message.op}`);
  }
}

/**
 * Opens a transaction through PGlite's own `transaction()`, which holds its lock: queries outside
 * the transaction wait until it ends, exactly as they would in-process. Resolves once it is open.
 */
function begin(id) {
  return new Promise((opened, failed) => {
    const entry = {
      tx: /** @type {unknown} */ (null),
      end: (/** @type {boolean} */ _ok) => {},
      done: Promise.resolve(),
    };
    entry.done = pg
      .transaction(
        (tx) =>
          new Promise((commit, rollback) => {
            entry.tx = tx;
            entry.end = (ok) => (ok ? commit(null) : rollback(new RollbackRequested()));
            open.set(id, entry);
            opened(null);
          }),
      )
      .then(
        () => {},
        (error) => {
          if (!(error instanceof RollbackRequested)) throw error;
        },
      )
      .finally(() => open.delete(id));
    entry.done.catch(failed); // before it opened: begin fails; after: "end" reports it
  });
}

class RollbackRequested extends Error {}

/** What crosses to the server of an error: its message and PostgreSQL's fields (code, constraint, …). */
function describeError(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === "function" || typeof value === "object") continue;
    fields[key] = value;
  }
  return { ...fields, name: error.name, message: error.message };
}
