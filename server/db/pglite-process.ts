/**
 * PGlite in a child process of its own (`pglite-child.mjs`), behind the two methods drizzle-orm's
 * PGlite driver calls: `query` and `transaction`. PGlite runs every query synchronously on the
 * thread that calls it; here that is another process, so storing and projecting never stall
 * real-time fan-out. A process rather than a worker thread because Linux shares the CPU out per
 * session (autogroups): a database thread's work counts against the server's own share, and its
 * event loop then waits longer for a core whenever the machine is busy. The child runs in a
 * session of its own, as PostgreSQL does. Ordering and locking stay PGlite's own: a transaction
 * holds PGlite's lock in the child, and queries outside it wait there.
 *
 * The child exits when this process goes away, however it ends: its IPC channel closes.
 */
import { type ChildProcess, fork } from "node:child_process";
import { types } from "@electric-sql/pglite";

interface QueryOptions {
  rowMode?: "array" | "object";
  parsers?: Record<number, (value: string, typeId: number) => unknown>;
}

export interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

/** What drizzle-orm's PGlite session needs of a client, inside a transaction too. */
export interface PgliteQueryable {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
}

/** Types the child keeps as text, as drizzle's parsers do (dates, times, intervals, arrays of them); other parsers are refused. */
const KEPT_AS_TEXT = new Set<number>([
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  1231,
  1115,
  1185,
  1187,
  1182,
]);

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string; name?: string } & Record<string, unknown>;
}

/** A database error from the child, carrying PostgreSQL's fields (`code`, `constraint`, `detail`, …). */
export class PgliteProcessError extends Error {
  code?: string;
  constructor(fields: { message: string; name?: string } & Record<string, unknown>) {
    super(fields.message);
    Object.assign(this, fields);
    this.name = fields.name ?? "DatabaseError";
  }
}

export class PgliteProcess implements PgliteQueryable {
  private nextId = 1;
  private nextTx = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private stopped: Error | null = null;

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (reply: Reply) => this.settle(reply));
    child.on("error", (error) => this.stop(error));
    child.on("exit", (code, signal) =>
      this.stop(new Error(`The embedded database process exited (${signal ?? `code ${code}`})`)),
    );
    this.hold(false); // kept alive only while a request is waiting (see send)
  }

  /** Starts the child and PGlite in it; `dataDir` undefined = in memory. */
  static open(dataDir: string | undefined): Promise<PgliteProcess> {
    const child = fork(new URL("./pglite-child.mjs", import.meta.url).pathname, [], {
      // Node's serializer keeps a Uint8Array (bytea) as bytes, and sends only a view's own bytes.
      serialization: "advanced",
      // A session of its own: its own share of the CPU; and a Ctrl-C in the terminal reaches only
      // the server, which then stores what is pending and closes the database in order.
      detached: true,
      // Not the server's loader or profiler flags: the child is plain JavaScript.
      execArgv: [],
      env: { ...process.env, SAMVERKAN_PGLITE: JSON.stringify({ dataDir, keepText: [...KEPT_AS_TEXT] }) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      const exited = (code: number | null) => reject(new Error(`The embedded database process exited (code ${code})`));
      child.once("error", fail);
      child.once("exit", exited);
      child.once("message", (message: { ready: boolean; error?: { message: string } }) => {
        child.off("error", fail);
        child.off("exit", exited);
        if (message.ready) resolve(new PgliteProcess(child));
        else reject(new PgliteProcessError(message.error ?? { message: "PGlite did not start" }));
      });
    });
  }

  /** The child's process id: the data directory's lock names it beside the server's. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.send({ op: "query", sql, params, ...checked(options) }) as Promise<QueryResult>;
  }

  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(fn: (tx: PgliteQueryable) => Promise<T>): Promise<T> {
    const tx = this.nextTx++;
    await this.send({ op: "begin", tx });
    let result: T;
    try {
      result = await fn({
        query: (sql, params = [], options = {}) =>
          this.send({ op: "query", sql, params, tx, ...checked(options) }) as Promise<QueryResult>,
      });
    } catch (error) {
      await this.send({ op: "end", tx, commit: false }).catch(() => {});
      throw error;
    }
    await this.send({ op: "end", tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    await this.send({ op: "close" });
    this.hold(true); // until it has exited
    await exited;
  }

  private send(message: Record<string, unknown>): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    if (this.waiting.size === 0) this.hold(true);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...message, id });
    });
  }

  private settle(reply: Reply) {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.hold(false);
    if (reply.error) waiter.reject(new PgliteProcessError(reply.error));
    else waiter.resolve(reply.result);
  }

  /** Whether the child (process and IPC channel) keeps this process's event loop alive. */
  private hold(on: boolean) {
    if (on) {
      this.child.ref();
      this.child.channel?.ref();
    } else {
      this.child.unref();
      this.child.channel?.unref();
    }
  }

  private stop(error: Error) {
    if (this.stopped) return;
    this.stopped = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/** The row mode to send; refuses parsers the child does not apply, so a drizzle upgrade cannot silently change results. */
function checked(options: QueryOptions): { rowMode: "array" | "object" } {
  for (const key of Object.keys(options.parsers ?? {})) {
    if (!KEPT_AS_TEXT.has(Number(key))) throw new Error(`The embedded database process has no parser for type ${key}`);
  }
  return { rowMode: options.rowMode ?? "object" };
}
