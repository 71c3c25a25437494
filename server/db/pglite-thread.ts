/**
 * PGlite on its own thread (`pglite-worker.mjs`), behind the two methods drizzle-orm's PGlite
 * driver calls: `query` and `transaction`. The server's event loop only posts messages; the
 * WebAssembly PostgreSQL runs on the other core, so storing and projecting no longer delays
 * real-time fan-out. Ordering and locking stay PGlite's own: a transaction holds PGlite's lock
 * in the worker, and queries outside it wait there, as they would in-process.
 */
import { Worker } from "node:worker_threads";
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

/** Types the worker keeps as text, as drizzle's parsers do (dates, times, intervals, arrays of them); other parsers are refused. */
const WORKER_PARSES = new Set<number>([
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

/** A database error from the worker, carrying PostgreSQL's fields (`code`, `constraint`, `detail`, …). */
export class PgliteThreadError extends Error {
  code?: string;
  constructor(fields: { message: string; name?: string } & Record<string, unknown>) {
    super(fields.message);
    Object.assign(this, fields);
    this.name = fields.name ?? "DatabaseError";
  }
}

export class PgliteThread implements PgliteQueryable {
  private nextId = 1;
  private nextTx = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private stopped: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (reply: Reply) => this.settle(reply));
    worker.on("error", (error) => this.stop(error));
    worker.on("exit", (code) => this.stop(new Error(`The embedded database thread exited (code ${code})`)));
    worker.unref(); // kept alive only while a request is waiting (see send)
  }

  /** Starts the thread and PGlite in it; `dataDir` undefined = in memory. */
  static open(dataDir: string | undefined): Promise<PgliteThread> {
    const worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), {
      workerData: { dataDir, keepText: [...WORKER_PARSES] },
    });
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      worker.once("error", fail);
      worker.once("message", (message: { ready: boolean; error?: { message: string } }) => {
        worker.off("error", fail);
        if (message.ready) resolve(new PgliteThread(worker));
        else reject(new PgliteThreadError(message.error ?? { message: "PGlite did not start" }));
      });
    });
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.send({ op: "query", sql, params: compact(params), ...checked(options) }) as Promise<QueryResult>;
  }

  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(fn: (tx: PgliteQueryable) => Promise<T>): Promise<T> {
    const tx = this.nextTx++;
    await this.send({ op: "begin", tx });
    let result: T;
    try {
      result = await fn({
        query: (sql, params = [], options = {}) =>
          this.send({ op: "query", sql, params: compact(params), tx, ...checked(options) }) as Promise<QueryResult>,
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
    const exited = new Promise((resolve) => this.worker.once("exit", resolve));
    await this.send({ op: "close" });
    this.worker.ref(); // until it has exited
    await exited;
  }

  private send(message: Record<string, unknown>): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  private settle(reply: Reply) {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.error) waiter.reject(new PgliteThreadError(reply.error));
    else waiter.resolve(reply.result);
  }

  private stop(error: Error) {
    if (this.stopped) return;
    this.stopped = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/**
 * Byte parameters as their own small buffers: posting a view copies the whole buffer under it, and
 * a Yjs update is often a view into a much larger frame or pool buffer.
 */
function compact(params: unknown[]): unknown[] {
  return params.map((p) =>
    // new Uint8Array(view) copies; Buffer#slice would not.
    p instanceof Uint8Array && (p.byteOffset !== 0 || p.byteLength !== p.buffer.byteLength) ? new Uint8Array(p) : p,
  );
}

/** The row mode to send; refuses parsers the worker does not apply, so a drizzle upgrade cannot silently change results. */
function checked(options: QueryOptions): { rowMode: "array" | "object" } {
  for (const key of Object.keys(options.parsers ?? {})) {
    if (!WORKER_PARSES.has(Number(key))) throw new Error(`The embedded database thread has no parser for type ${key}`);
  }
  return { rowMode: options.rowMode ?? "object" };
}
