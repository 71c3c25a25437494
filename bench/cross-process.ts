/**
 * Fan-out across processes (issue 22): two of our processes on one PostgreSQL and one Redis; one
 * writer per board edits its card's title at a fixed rate on process A, readers of the same board
 * listen on A ("one process") or on B ("across processes"), and the time from a write to each
 * reader's receipt is the sample. Both phases run on fresh boards of the same servers, so the
 * difference is the hop through Redis (an update is relayed once A has stored it: the write window
 * and the commit are part of the cross-process figure).
 *
 *   BENCH_DATABASE_URL=postgres://…/empty_db [BENCH_REDIS_URL=redis://127.0.0.1:6379] \
 *     npx tsx bench/cross-process.ts        (after npm run build:server)
 *
 * BENCH_SECONDS (10), BENCH_BOARDS (10), BENCH_READERS (5 per board), BENCH_RATE (10 writes/s per
 * writer). Prints one JSON line per phase with p50/p99/max, the servers' and this generator's CPU.
 * Not part of `npm run bench` yet: its report does not know two servers.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type * as Y from "yjs";
import { addAction, updateAction } from "../shared/boards/focus.js";
import { type BenchClient, connectAll, destroyAll, type Endpoint } from "./clients.js";
import { createBoards, setupOurs } from "./ours-api.js";
import { cpuMeter, selfCpuMeter } from "./proc.js";
import { freePort } from "./servers.js";
import { percentile } from "./stats.js";

const ROOT = new URL("..", import.meta.url).pathname;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const boards = Number(process.env.BENCH_BOARDS ?? 10);
const readers = Number(process.env.BENCH_READERS ?? 5);
const rate = Number(process.env.BENCH_RATE ?? 10);
const databaseUrl = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const TITLE = /^w #(\d+) @([\d.]+)$/;

async function startProcess(port: number, origin: string): Promise<ChildProcess> {
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
  const child = spawn(process.execPath, startNodeArgs(), { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on("line", (line) => process.stderr.write(`[${port}] ${line}\n`));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with ${child.exitCode}`);
    if ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200) return child;
    await sleep(100);
  }
  throw new Error(`the server on port ${port} did not become ready`);
}

async function phase(
  name: string,
  writerAt: (b: number) => Endpoint,
  readerAt: (b: number, r: number) => Endpoint,
  rooms: string[],
  pids: number[],
) {
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
  const result = {
    phase: name,
    boards,
    readersPerBoard: readers,
    writesPerSecondPerBoard: rate,
    deliveries: sorted.length,
    expected: n * boards * readers,
    p50Ms: +percentile(sorted, 50).toFixed(2),
    p99Ms: +percentile(sorted, 99).toFixed(2),
    maxMs: +(sorted[sorted.length - 1] ?? 0).toFixed(2),
    serverCpuPercent: servers.map((m) => +m.stop().toFixed(1)),
    generatorCpuPercent: +self.stop().toFixed(1),
  };
  console.log(JSON.stringify(result));
  await destroyAll(clients);
}

async function main() {
  if (!databaseUrl) throw new Error("BENCH_DATABASE_URL must name an empty PostgreSQL database");
  const [portA, portB] = [await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${portA}`;
  const a = await startProcess(portA, origin);
  const b = await startProcess(portB, origin);
  try {
    const sockets = boards * (readers + 1) * 2;
    const access = await setupOurs(origin, Math.ceil(sockets / 15));
    const endpoint = (port: number, k: number): Endpoint => ({
      serverUrl: `ws://127.0.0.1:${port}/ws/boards`,
      headers: { origin, cookie: access.userCookies[k % access.userCookies.length] as string },
    });
    const pids = [a.pid as number, b.pid as number];
    const one = await createBoards(origin, access, boards, "one");
    await phase(
      "one process",
      (i) => endpoint(portA, i),
      (i, r) => endpoint(portA, i * readers + r + 1),
      one,
      pids,
    );
    const across = await createBoards(origin, access, boards, "across");
    await phase(
      "across processes",
      (i) => endpoint(portA, i),
      (i, r) => endpoint(portB, i * readers + r + 1),
      across,
      pids,
    );
  } finally {
    for (const child of [a, b]) child.kill("SIGTERM");
  }
}

await main();
