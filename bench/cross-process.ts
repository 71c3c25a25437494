/**
 * Fan-out across processes (issue 22): two of our processes on one PostgreSQL and one Redis; one
 * writer per board edits its card's title at a fixed rate on process A, readers of the same board
 * listen on A ("one process") or on B ("across processes"), and the time from a write to each
 * reader's receipt is the sample. The phases alternate on fresh boards of the same two servers
 * (one, across, one, across, …), so the difference is the hop through Redis (an update is relayed
 * once A has stored it: the write window and the commit are part of the cross-process figure).
 *
 * In `npm run bench` (unless BENCH_CROSS=0) on a fresh database it creates next to
 * BENCH_CROSS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and drops after,
 * and the Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379). Standalone:
 * `npx tsx bench/cross-process.ts` after `npm run build:server`.
 *
 * BENCH_CROSS_SECONDS (10), BENCH_CROSS_ROUNDS (2 per phase), BENCH_CROSS_BOARDS (10),
 * BENCH_CROSS_READERS (5 per board), BENCH_CROSS_RATE (10 writes/s per writer).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import type * as Y from "yjs";
import { addAction, updateAction } from "../shared/boards/focus.js";
import { type BenchClient, connectAll, destroyAll, type Endpoint } from "./clients.js";
import { createBoards, setupOurs } from "./ours-api.js";
import { cpuMeter, selfCpuMeter } from "./proc.js";
import { freePort } from "./servers.js";
import { percentile } from "./stats.js";

const ROOT = new URL("..", import.meta.url).pathname;
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const seconds = env("BENCH_CROSS_SECONDS", 10);
const rounds = Math.max(1, env("BENCH_CROSS_ROUNDS", 2));
const boards = env("BENCH_CROSS_BOARDS", 10);
const readers = env("BENCH_CROSS_READERS", 5);
const rate = env("BENCH_CROSS_RATE", 10);
const baseDatabaseUrl = process.env.BENCH_CROSS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const TITLE = /^w #(\d+) @([\d.]+)$/;

export interface CrossPhase {
  phase: "one process" | "across processes";
  deliveries: number;
  expected: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** % of one core, process A and process B. */
  serverCpuPercent: number[];
  generatorCpuPercent: number;
}

async function startProcess(port: number, origin: string, databaseUrl: string): Promise<ChildProcess> {
  const { startNodeArgs } = await import("../server/start-args.js");
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    PUBLIC_ORIGIN: origin,
    TRUST_PROXY: "true",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    LOG_LEVEL: "warn",
  };
  const child = spawn(process.execPath, startNodeArgs(), { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    const lines = createInterface({ input: stream as NodeJS.ReadableStream });
    lines.on("line", (line) => /"level":(50|60)/.test(line) && process.stderr.write(`[${port}] ${line}\n`));
  }
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with ${child.exitCode}`);
    if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200) return child;
    await sleep(100);
  }
  throw new Error(`the server on port ${port} did not become ready`);
}

async function phase(
  name: CrossPhase["phase"],
  writerAt: (b: number) => Endpoint,
  readerAt: (b: number, r: number) => Endpoint,
  rooms: string[],
  pids: number[],
): Promise<CrossPhase> {
  const specs = rooms.flatMap((room, b) => [
    { endpoint: writerAt(b), room },
    ...Array.from({ length: readers }, (_, r) => ({ endpoint: readerAt(b, r), room })),
  ]);
  const { clients } = await connectAll(specs);
  const writers = rooms.map((_, b) => clients[b * (readers + 1)] as BenchClient);
  for (const w of writers) addAction(w.doc, { id: "w", title: "w ready" });
  while (clients.some((c) => c.actions.size < 1)) await sleep(20);
  const samples: number[] = [];
  let measuring = false;
  clients.forEach((client, i) => {
    if (i % (readers + 1) === 0) return;
    client.actions.observeDeep((events, transaction) => {
      if (transaction.local || !measuring) return;
      const now = performance.now();
      for (const event of events) {
        if (event.target === client.actions) continue;
        const match = TITLE.exec(String((event.target as Y.Map<unknown>).get("title")));
        if (match) samples.push(now - Number(match[2]));
      }
    });
  });
  const servers = pids.map((pid) => cpuMeter(pid));
  const self = selfCpuMeter();
  measuring = true;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (const w of writers) updateAction(w.doc, "w", { title: `w #${n} @${performance.now().toFixed(2)}` });
    n++;
    await sleep(1000 / rate);
  }
  await sleep(500);
  measuring = false;
  const sorted = samples.sort((a, b) => a - b);
  const result: CrossPhase = {
    phase: name,
    deliveries: sorted.length,
    expected: n * boards * readers,
    p50Ms: +percentile(sorted, 50).toFixed(2),
    p99Ms: +percentile(sorted, 99).toFixed(2),
    maxMs: +(sorted[sorted.length - 1] ?? 0).toFixed(2),
    serverCpuPercent: servers.map((m) => +m.stop().toFixed(1)),
    generatorCpuPercent: +self.stop().toFixed(1),
  };
  await destroyAll(clients);
  return result;
}

/** A fresh database next to `baseDatabaseUrl`, dropped by `drop`. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: postgres } = await import("postgres");
  const name = `samverkan_bench_cross_${Date.now().toString(36)}`;
  const admin = postgres(baseDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = postgres(baseDatabaseUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

/** Both phases, alternating, `rounds` times each. */
export async function measureCrossProcess(): Promise<CrossPhase[]> {
  const database = await freshDatabase();
  const [portA, portB] = [await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${portA}`;
  const started: ChildProcess[] = [];
  try {
    // The first migrates the new database alone; then the second.
    started.push(await startProcess(portA, origin, database.url));
    started.push(await startProcess(portB, origin, database.url));
    const sockets = boards * (readers + 1) * 2;
    const access = await setupOurs(origin, Math.ceil(sockets / 15));
    const endpoint = (port: number, k: number): Endpoint => ({
      serverUrl: `ws://127.0.0.1:${port}/ws/boards`,
      headers: { origin, cookie: access.userCookies[k % access.userCookies.length] as string },
    });
    const pids = started.map((child) => child.pid as number);
    const results: CrossPhase[] = [];
    for (let round = 0; round < rounds; round++) {
      const one = await createBoards(origin, access, boards, `one-${round}`);
      results.push(
        await phase(
          "one process",
          (i) => endpoint(portA, i),
          (i, r) => endpoint(portA, i * readers + r + 1),
          one,
          pids,
        ),
      );
      const across = await createBoards(origin, access, boards, `across-${round}`);
      results.push(
        await phase(
          "across processes",
          (i) => endpoint(portA, i),
          (i, r) => endpoint(portB, i * readers + r + 1),
          across,
          pids,
        ),
      );
    }
    return results;
  } finally {
    for (const child of started) {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)));
    }
    await database.drop();
  }
}

/** Pooled by phase: p99 is the worst round's (the rounds are short), deliveries summed. */
export function crossProcessMarkdown(results: CrossPhase[]): string {
  const rows = (["one process", "across processes"] as const).map((name) => {
    const mine = results.filter((r) => r.phase === name);
    const worst = (read: (r: CrossPhase) => number) => Math.max(...mine.map(read));
    const list = (read: (r: CrossPhase) => number) => mine.map(read).join(" / ");
    const delivered = mine.reduce((n, r) => n + r.deliveries, 0);
    const expected = mine.reduce((n, r) => n + r.expected, 0);
    const saturated = mine.some((r) => r.generatorCpuPercent >= 90);
    return `| ${name} | ${list((r) => r.p50Ms)} | ${list((r) => r.p99Ms)} | ${worst((r) => r.maxMs)} | ${delivered} of ${expected} | ${mine.map((r) => r.serverCpuPercent.join(" + ")).join(" / ")} | ${list((r) => r.generatorCpuPercent)}${saturated ? " (void: generator-bound)" : ""} |`;
  });
  return [
    `${boards} boards, 1 writer at ${rate}/s on process A and ${readers} readers each; ${rounds} round${rounds === 1 ? "" : "s"} of ${seconds} s per phase, alternating`,
    "",
    "| readers on | p50 (ms) per round | p99 (ms) per round | max (ms) | deliveries | server CPU A + B (% of a core) | generator CPU (%) |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

// Run directly (not imported by run.ts).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  console.log(crossProcessMarkdown(await measureCrossProcess()));
}
