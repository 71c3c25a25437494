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
 *
 * When the child dies (killed, out of memory, a crash in PGlite), a database on disk is started
 * again in a new child on the same directory, with back-off; PostgreSQL's write-ahead log brings
 * back everything committed. Meanwhile every query fails at once with DatabaseUnavailableError
 * (unavailable.ts): HTTP answers 503, the write queue keeps its updates and retries. Failing fast
 * rather than waiting: a restart takes a second or more, a request held that long ties up its
 * client for nothing it could not get by retrying, and a transaction cannot move to a new process
 * anyway. If starting again keeps failing, the process reports "failed" and main.ts exits, so a
 * process manager starts the whole server afresh.
 */
import { Child, KEPT_AS_TEXT, PgliteProcessError } from "./pglite-child-handle.js";
import { DatabaseUnavailableError } from "./unavailable.js";

export { PgliteProcessError };

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

/** What happens to the database process, for logs and the storage-health signal. */
export type PgliteEvent =
  | { type: "down"; reason: string }
  | { type: "restarting"; attempt: number; inMs: number }
  | { type: "up"; pid: number }
  | { type: "failed"; reason: string };

export interface RestartPolicy {
  /** First wait after the child died; doubled after each failed attempt. */
  minDelayMs: number;
  maxDelayMs: number;
  /** Consecutive failed starts before giving up. */
  maxAttempts: number;
  /** Giving up too once the database has been down this long, whatever the attempts. */
  giveUpAfterMs: number;
  /** A child that died this many times within `giveUpAfterMs` (a crash loop) is not started again. */
  maxDeaths: number;
}

export const DEFAULT_RESTART: RestartPolicy = {
  minDelayMs: 100,
  maxDelayMs: 5_000,
  maxAttempts: 5,
  giveUpAfterMs: 30_000,
  maxDeaths: 5,
};

export interface PgliteProcessOptions {
  /**
   * Called with each child's PID before it opens the data directory (the directory's lock names
   * it there, so no other server ever takes the directory while it could still be open).
   */
  onSpawn?: (pid: number) => Promise<void>;
  /** How a database on disk is started again after its process died; false: never (in memory it always is). */
  restart?: Partial<RestartPolicy> | false;
}

export class PgliteProcess implements PgliteQueryable {
  private nextTx = 1;
  /** The child answering queries; null while it is down and being started again. */
  private current: Child | null;
  /** A child being started again, if any. */
  private starting: Child | null = null;
  private state: "up" | "down" | "closing" | "closed" | "failed" = "up";
  private readonly policy: RestartPolicy | null;
  private readonly listeners = new Set<(event: PgliteEvent) => void>();
  private downSince = 0;
  private attempts = 0;
  private deaths: number[] = [];
  private restartTimer: NodeJS.Timeout | null = null;
  private downReason = "";

  private constructor(
    child: Child,
    private readonly dataDir: string | undefined,
    private readonly options: PgliteProcessOptions,
  ) {
    this.current = child;
    // In memory, a new process would be an empty database: nothing to start again.
    this.policy =
      dataDir === undefined || options.restart === false ? null : { ...DEFAULT_RESTART, ...options.restart };
  }

  /** Starts the child and PGlite in it; `dataDir` undefined = in memory. */
  static async open(dataDir: string | undefined, options: PgliteProcessOptions = {}): Promise<PgliteProcess> {
    let self: PgliteProcess | undefined;
    const child = new Child(dataDir, false, (c, how) => self?.exited(c, how));
    await child.start(options.onSpawn);
    self = new PgliteProcess(child, dataDir, options);
    // Died between starting and here: treated like any later death.
    if (!child.alive) self.exited(child, "exited while starting");
    return self;
  }

  /** The child's process id: the data directory's lock names it beside the server's. */
  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** Whether queries can run now (false while the child is down, being started again, or closed). */
  get available(): boolean {
    return this.state === "up" && this.current !== null;
  }

  /** Listens to the child's deaths and restarts; returns the unsubscribe function. */
  onEvent(listener: (event: PgliteEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const child = this.live();
    if (!child) return Promise.reject(this.unavailable());
    return child.send({ op: "query", sql, params, ...checked(options) }) as Promise<QueryResult>;
  }

  /**
   * Runs one statement that has no parameters (its values written into the SQL text by the
   * caller), outside any transaction, and returns nothing of its result. PGlite runs it over the
   * simple-query protocol: one message into PostgreSQL instead of the six of `query` (parse,
   * describe, bind, describe, execute, sync). The write queue's group commit stores updates this
   * way (doc-store.ts): about a third of an INSERT's time in PGlite for a batch of a few rows.
   */
  async execSimple(sql: string): Promise<void> {
    const child = this.live();
    if (!child) throw this.unavailable();
    await child.send({ op: "exec", sql });
  }

  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(fn: (tx: PgliteQueryable) => Promise<T>): Promise<T> {
    // A transaction lives in one process: if that one dies, its queries fail (and it rolled back).
    const child = this.live();
    if (!child) throw this.unavailable();
    const tx = this.nextTx++;
    await child.send({ op: "begin", tx });
    let result: T;
    try {
      result = await fn({
        query: (sql, params = [], options = {}) =>
          child.send({ op: "query", sql, params, tx, ...checked(options) }) as Promise<QueryResult>,
      });
    } catch (error) {
      await child.send({ op: "end", tx, commit: false }).catch(() => {});
      throw error;
    }
    await child.send({ op: "end", tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.state === "closed" || this.state === "closing") return;
    this.state = "closing";
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const starting = this.starting;
    if (starting) {
      starting.kill();
      await starting.exited;
    }
    const child = this.current;
    if (child?.alive && !child.gone) {
      const exited = child.exited;
      await child.send({ op: "close" }).catch(() => {});
      child.hold(true); // until it has exited
      await exited;
    }
    this.state = "closed";
  }

  private live(): Child | null {
    const child = this.current;
    return this.state === "up" && child && !child.gone ? child : null;
  }

  private unavailable(): DatabaseUnavailableError {
    if (this.state === "closed" || this.state === "closing") {
      return new DatabaseUnavailableError("The embedded database process exited (closed)");
    }
    return new DatabaseUnavailableError(
      this.state === "failed"
        ? `The embedded database could not be started again: ${this.downReason}`
        : `The embedded database process is being started again (${this.downReason})`,
    );
  }

  private emit(event: PgliteEvent) {
    for (const listener of this.listeners) listener(event);
  }

  /** A child exited: the current one unexpectedly means the database is down until one is started again. */
  private exited(child: Child, how: string) {
    if (child !== this.current) return;
    this.current = null;
    if (this.state !== "up") return; // closing, or already down
    this.downReason = `the embedded database process exited (${how})`;
    const now = Date.now();
    this.deaths = this.deaths.filter((at) => now - at < (this.policy?.giveUpAfterMs ?? 0)).concat(now);
    this.state = "down";
    this.downSince = now;
    this.attempts = 0;
    this.emit({ type: "down", reason: this.downReason });
    if (!this.policy) return this.giveUp("it was in memory, so there is nothing to start again");
    if (this.deaths.length >= this.policy.maxDeaths) {
      return this.giveUp(`it died ${this.deaths.length} times within ${this.policy.giveUpAfterMs / 1000} s`);
    }
    this.scheduleRestart();
  }

  private scheduleRestart() {
    const policy = this.policy as RestartPolicy;
    const inMs = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** this.attempts);
    this.emit({ type: "restarting", attempt: this.attempts + 1, inMs });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.restart();
    }, inMs);
  }

  private async restart() {
    if (this.state !== "down") return;
    const policy = this.policy as RestartPolicy;
    this.attempts++;
    // Must find the database where it was (mustExist): an empty new one would look like a working server.
    const child = new Child(this.dataDir, true, (c, how) => this.exited(c, how));
    this.starting = child; // so that close() can stop it
    try {
      await child.start(this.options.onSpawn);
    } catch (error) {
      if (this.state !== "down") return;
      const reason = (error as Error).message;
      this.downReason = reason;
      if (this.attempts >= policy.maxAttempts)
        return this.giveUp(`${this.attempts} attempts failed; the last: ${reason}`);
      if (Date.now() - this.downSince >= policy.giveUpAfterMs) {
        return this.giveUp(`it has been down for ${Math.round((Date.now() - this.downSince) / 1000)} s; ${reason}`);
      }
      return this.scheduleRestart();
    } finally {
      this.starting = null;
    }
    if (this.state !== "down") {
      // Closed meanwhile.
      child.kill();
      await child.exited;
      return;
    }
    this.current = child;
    this.state = "up";
    this.emit({ type: "up", pid: child.pid as number });
  }

  private giveUp(reason: string) {
    this.state = "failed";
    this.downReason = reason;
    this.emit({ type: "failed", reason: `the embedded database process could not be started again: ${reason}` });
  }
}

/** The row mode to send; refuses parsers the child does not apply, so a drizzle upgrade cannot silently change results. */
function checked(options: QueryOptions): { rowMode: "array" | "object" } {
  for (const key of Object.keys(options.parsers ?? {})) {
    if (!KEPT_AS_TEXT.has(Number(key))) throw new Error(`The embedded database process has no parser for type ${key}`);
  }
  return { rowMode: options.rowMode ?? "object" };
}
