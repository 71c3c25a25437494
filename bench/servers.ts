/** Starts and stops the two servers under test as child processes, watches their logs, and kills them on any exit. */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createInterface } from "node:readline";
import { startNodeArgs } from "../server/start-args.js";
import type { ServerKind } from "./config.js";

const ROOT = new URL("..", import.meta.url).pathname;

/** Receipt→durable-commit latency our server reports in its "realtime stats" line on SIGTERM. */
export interface PersistStats {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  batches: number;
}

/** How late our server's event loop ran a 10 ms timer while anyone was connected, over the process's life. */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** What the server said while it ran: warnings/errors by message, for the report. */
export interface LogSummary {
  warnings: number;
  errors: number;
  /** message → how often, for warn/error lines (first 20 distinct messages). */
  messages: Record<string, number>;
  realtimeStats: Record<string, unknown> | null;
  persist: PersistStats | null;
  eventLoop: LoopDelay | null;
}

export interface StopResult {
  exitCode: number | null;
  signal: string | null;
  /** SIGTERM → process gone. */
  ms: number;
}

export interface ServerProcess {
  kind: ServerKind;
  port: number;
  baseUrl: string;
  /** The server process, measured via /proc. */
  pid: number;
  /** spawn → listening. */
  startMs: number;
  logs: LogSummary;
  /**
   * Ours: the server's persistence latency and event-loop delay since the previous call (SIGUSR2), which
   * starts a new window; the reference has none.
   */
  windowStats?: () => Promise<WindowStats | null>;
  stop(): Promise<StopResult>;
}

export interface WindowStats {
  persist: PersistStats;
  eventLoopDelay: LoopDelay;
}

/** Every child we started and have not seen exit; killed (by process group) if the benchmark dies. */
const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined) return;
  try {
    // Negative pid: the child's own process group (we spawn it detached), so anything it started goes too.
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Synchronous last resort; safe to call from process 'exit'. */
export function killAllServers() {
  for (const child of live) killGroup(child, "SIGKILL");
  live.clear();
}
process.on("exit", killAllServers);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function emptyLogs(): LogSummary {
  return { warnings: 0, errors: 0, messages: {}, realtimeStats: null, persist: null, eventLoop: null };
}

function note(logs: LogSummary, message: string) {
  if (message in logs.messages || Object.keys(logs.messages).length < 20) {
    logs.messages[message] = (logs.messages[message] ?? 0) + 1;
  }
}

interface Spawned {
  child: ChildProcess;
  logs: LogSummary;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/**
 * Spawns a server and resolves `ready` at the first stdout line `isReady` accepts.
 * Logs are consumed continuously: a full pipe would stall the server.
 */
function spawnServer(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string, logs: LogSummary) => boolean,
): Spawned {
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  const logs = emptyLogs();
  const copy = copyOutput(command, args, child.pid);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    let tail: string[] = [];
    const timer = setTimeout(() => reject(new Error(`${command} did not start in 60 s:\n${tail.join("\n")}`)), 60_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      copy?.(line);
      tail = [...tail.slice(-20), line];
      if (onLine(line, logs)) {
        clearTimeout(timer);
        resolve();
      }
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on("line", (line) => {
      copy?.(line);
      tail = [...tail.slice(-20), line];
      if (line.trim() === "") return;
      logs.errors++;
      note(logs, `stderr: ${line.slice(0, 160)}`);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (code ${code}, signal ${signal}) before listening:\n${tail.join("\n")}`));
    });
  });
  ready.catch(() => {}); // the caller awaits it; this only keeps an early exit from being "unhandled"
  return { child, logs, ready, exited };
}

/** Extra node arguments from an environment variable, space-separated. */
const nodeArgsFrom = (name: string) => (process.env[name] ?? "").split(" ").filter(Boolean);

/**
 * BENCH_SERVER_OUTPUT=<dir>: every line a server prints, with the time it arrived, into
 * <dir>/<script>-<pid>.log (e.g. with `--trace-gc` in BENCH_SERVER_NODE_ARGS).
 */
function copyOutput(command: string, args: string[], pid: number | undefined): ((line: string) => void) | null {
  const dir = process.env.BENCH_SERVER_OUTPUT;
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  const script = basename(args.find((a) => a.endsWith(".js") || a.endsWith(".ts")) ?? command);
  const out = createWriteStream(join(dir, `${script}-${pid ?? "unknown"}.log`), { flags: "a" });
  return (line) => out.write(`${new Date().toISOString()} ${line}\n`);
}

function stopper(spawned: Spawned, timeoutMs: number): () => Promise<StopResult> {
  let result: Promise<StopResult> | undefined;
  return () => {
    result ??= (async () => {
      const t0 = performance.now();
      if (spawned.child.exitCode === null && spawned.child.signalCode === null) {
        // Our server then drains, stores and compacts, and exits 0.
        spawned.child.kill("SIGTERM");
      }
      const timer = setTimeout(() => killGroup(spawned.child, "SIGKILL"), timeoutMs);
      const { code, signal } = await spawned.exited;
      clearTimeout(timer);
      killGroup(spawned.child, "SIGKILL"); // anything left in the group (normally nothing)
      return { exitCode: code, signal, ms: performance.now() - t0 };
    })();
    return result;
  };
}

export interface OursOptions {
  dataDir: string;
  port?: number;
  logLevel?: string;
}

/** Our server, as `npm start` runs it, on PGlite in `dataDir` (or on BENCH_DATABASE_URL, an empty throw-away PostgreSQL database). */
export async function startOurs(options: OursOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_ORIGIN: origin,
    TRUST_PROXY: "true",
    LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? options.logLevel ?? "info",
    DATA_DIR: options.dataDir,
  };
  // Never the caller's own DATABASE_URL: the benchmark signs up an admin and fills the database.
  delete env.DATABASE_URL;
  if (process.env.BENCH_DATABASE_URL) env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const t0 = performance.now();
  // As `npm start` does: node running the compiled server (dist/server, built by `prebench`).
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", for profiling (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = nodeArgsFrom("BENCH_SERVER_NODE_ARGS");
  let windowWaiters: ((stats: WindowStats | null) => void)[] = [];
  const spawned = spawnServer(process.execPath, [...nodeArgs, ...startNodeArgs()], env, (line, logs) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return false;
    }
    const level = typeof entry.level === "number" ? entry.level : 30;
    const msg = typeof entry.msg === "string" ? entry.msg : "";
    if (level >= 50) logs.errors++;
    else if (level >= 40) logs.warnings++;
    // BENCH_SERVER_LOG_LEVEL=debug shows what the server says about loading boards, for profiling.
    if (level < 30 && /loaded|warmed/.test(msg)) console.error(`[ours] ${line}`);
    if (level >= 40) note(logs, `${level >= 50 ? "error" : "warn"}: ${msg}`);
    if (msg === "realtime stats window") {
      const stats = { persist: entry.persist, eventLoopDelay: entry.eventLoopDelay } as WindowStats;
      for (const resolve of windowWaiters) resolve(stats);
      windowWaiters = [];
    }
    if (msg === "realtime stats") {
      logs.realtimeStats = entry;
      logs.persist = (entry.persist as PersistStats | undefined) ?? null;
      logs.eventLoop = (entry.eventLoopDelay as LoopDelay | undefined) ?? null;
    }
    return typeof entry.url === "string" && entry.url === origin;
  });
  const stop = stopper(spawned, 30_000);
  try {
    await spawned.ready;
  } catch (error) {
    await stop();
    throw error;
  }
  const startMs = performance.now() - t0;
  const pid = spawned.child.pid as number;
  const windowStats = () =>
    new Promise<WindowStats | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 5_000);
      windowWaiters.push((stats) => {
        clearTimeout(timer);
        resolve(stats);
      });
      process.kill(pid, "SIGUSR2");
    });
  return { kind: "ours", port, baseUrl: origin, pid, startMs, logs: spawned.logs, windowStats, stop };
}

/** The reference y-websocket server, in memory. */
export async function startReference(): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", PORT: String(port) };
  // Persistence off, whatever the caller's environment says: the reference runs in memory, unless
  // BENCH_REFERENCE_LEVELDB=1 asks for its own persistence (y-leveldb: every update written to
  // LevelDB in its process) to see what storing each update costs a server built that way.
  delete env.YPERSISTENCE;
  delete env.CALLBACK_URL;
  const levelDir = process.env.BENCH_REFERENCE_LEVELDB === "1" ? mkdtempSync(join(tmpdir(), "bench-yleveldb-")) : null;
  if (levelDir) env.YPERSISTENCE = levelDir;
  const t0 = performance.now();
  // BENCH_REFERENCE_NODE_ARGS: the same as BENCH_SERVER_NODE_ARGS, for profiling the reference beside ours.
  const nodeArgs = nodeArgsFrom("BENCH_REFERENCE_NODE_ARGS");
  const spawned = spawnServer(
    process.execPath,
    [...nodeArgs, "node_modules/@y/websocket-server/src/server.js"],
    env,
    (line) => line.includes("running at"),
  );
  const stopped = stopper(spawned, 10_000);
  const stop = async () => {
    const result = await stopped();
    if (levelDir) rmSync(levelDir, { recursive: true, force: true });
    return result;
  };
  try {
    await spawned.ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    kind: "reference",
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    pid: spawned.child.pid as number,
    startMs: performance.now() - t0,
    logs: spawned.logs,
    stop,
  };
}
