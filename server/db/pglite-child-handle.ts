/**
 * One PGlite child process (`pglite-child.mjs`) and the requests waiting for its answers; the
 * restart policy and the query/transaction API around it are in pglite-process.ts.
 */
import { type ChildProcess, fork } from "node:child_process";
import { DatabaseUnavailableError } from "./unavailable.js";

/** Types the child keeps as text, as drizzle's parsers do (dates, times, intervals, arrays of them); other parsers are refused. */
// PostgreSQL's type ids (pg_type.oid), as PGlite's `types` names them: that module is not loaded
// in the server process (only in the child).
export const KEPT_AS_TEXT = new Set<number>([
  1114, // timestamp
  1184, // timestamptz
  1186, // interval
  1082, // date
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

/** One child process and the requests waiting for its answers. */
export class Child {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** Set once it cannot answer any more (channel closed, process gone). */
  gone: DatabaseUnavailableError | null = null;
  /** Resolves with how it ended ("SIGKILL", "code 0"). */
  readonly exited: Promise<string>;
  private readonly proc: ChildProcess;

  /** Forks a child for `dataDir`; it waits for `start()` before touching the directory. */
  constructor(dataDir: string | undefined, mustExist: boolean, onExit: (child: Child, how: string) => void) {
    this.proc = fork(new URL("./pglite-child.mjs", import.meta.url).pathname, [], {
      // Node's serializer keeps a Uint8Array (bytea) as bytes, and sends only a view's own bytes.
      serialization: "advanced",
      // A session of its own: its own share of the CPU; and a Ctrl-C in the terminal reaches only
      // the server, which then stores what is pending and closes the database in order.
      detached: true,
      // Not the server's loader or profiler flags: the child is plain JavaScript. It gives memory
      // back when quiet (a full collection, which needs --expose-gc). PostgreSQL's WebAssembly runs
      // on V8's baseline compiler only: the optimised code of its hot functions took 45–50 MB of
      // this process (idle 179 → 131 MB), for 10–15 % less of the database's CPU per write
      // (npm run bench, scenario 3: the server with this process at 34–35 % of a core → 39 %).
      execArgv: ["--expose-gc", "--liftoff-only"],
      env: {
        // glibc's malloc otherwise raises its mmap threshold after the first large block is freed,
        // and the blocks PostgreSQL's start-up allocates and frees stay in the heap: 8-10 MB of
        // this process's RSS for good. A fixed threshold hands them back.
        MALLOC_MMAP_THRESHOLD_: "131072",
        ...process.env,
        SAMVERKAN_PGLITE: JSON.stringify({ dataDir, keepText: [...KEPT_AS_TEXT], mustExist }),
      },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.proc.on("message", (reply: Reply) => this.settle(reply));
    this.proc.on("error", (error) => this.fail(`the embedded database process failed: ${error.message}`));
    this.proc.on("disconnect", () => this.fail("the embedded database process is gone"));
    this.exited = new Promise((resolve) =>
      this.proc.once("exit", (code, signal) => {
        const how = signal ?? `code ${code}`;
        this.fail(`The embedded database process exited (${how})`);
        resolve(how);
        onExit(this, how);
      }),
    );
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /**
   * Lets `onSpawn` name this process (the lock file), then has it open the database; resolves once
   * it is ready. On failure the process is killed and gone before this rejects: no child that may
   * still open the directory is ever left behind for the next attempt, or another server, to share it with.
   */
  async start(onSpawn: ((pid: number) => Promise<void>) | undefined): Promise<void> {
    let onMessage: (message: { ready?: boolean; error?: { message: string } }) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      this.exited.then((how) => reject(new Error(`The embedded database process exited (${how}) while starting`)));
      onMessage = (message) => {
        if (message.ready === true) resolve();
        else if (message.ready === false)
          reject(new PgliteProcessError(message.error ?? { message: "PGlite did not start" }));
      };
      this.proc.on("message", onMessage);
    });
    ready.catch(() => {}); // awaited below; a failure before that point must not go unhandled
    try {
      if (this.proc.pid === undefined) throw new Error("the embedded database process could not be started");
      await onSpawn?.(this.proc.pid);
      this.proc.send({ op: "open" });
      await ready;
    } catch (error) {
      this.kill();
      await this.exited;
      throw error;
    } finally {
      this.proc.off("message", onMessage);
    }
    this.hold(false); // kept alive only while a request is waiting (see send)
  }

  send(message: Record<string, unknown>): Promise<unknown> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    if (this.waiting.size === 0) this.hold(true);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      try {
        this.proc.send({ ...message, id }, (error) => {
          if (error) this.fail(`the embedded database process is gone: ${error.message}`);
        });
      } catch (error) {
        this.fail(`the embedded database process is gone: ${(error as Error).message}`);
      }
    });
  }

  /** Whether the child (process and IPC channel) keeps this process's event loop alive. */
  hold(on: boolean) {
    if (on) {
      this.proc.ref();
      this.proc.channel?.ref();
    } else {
      this.proc.unref();
      this.proc.channel?.unref();
    }
  }

  kill() {
    if (this.alive) this.proc.kill("SIGKILL");
  }

  private settle(reply: Reply) {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.hold(false);
    if (reply.error) waiter.reject(new PgliteProcessError(reply.error));
    else waiter.resolve(reply.result);
  }

  private fail(message: string) {
    this.gone ??= new DatabaseUnavailableError(message);
    for (const waiter of this.waiting.values()) waiter.reject(this.gone);
    this.waiting.clear();
  }
}
