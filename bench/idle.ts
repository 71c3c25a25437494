/**
 * Memory per idle connection, from a fresh server: the server (fresh for this scenario) gets one client
 * per board (so loading a room is not counted per connection) and is left to settle; then RSS is sampled
 * several times, `BENCH_IDLE_CLIENTS` more clients connect over those boards and sit idle (25 s, and
 * until RSS settles, as before the first samples), and RSS is sampled again. Per connection = (median with − median without) / clients; the spread comes from the
 * extremes of the two sets of samples. One connect only, on purpose: a server that has already held the
 * connections once keeps the heap it grew for them, and a second cycle then costs it almost nothing
 * (that is how an earlier version of this scenario reported 7.7 KiB). With a thousand connections the
 * tens of MB RSS moves on its own (GC giving pages back) stay small beside what they add.
 */
import { type BenchClient, connectAll, destroyAll } from "./clients.js";
import type { BenchConfig, ServerKind } from "./config.js";
import { log } from "./log.js";
import { cpuMeter, rssBytes, selfCpuMeter } from "./proc.js";
import { waitForQuiet } from "./quiet.js";
import { median } from "./stats.js";
import type { Target } from "./targets.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Boards the idle clients are spread over. */
export const IDLE_BOARDS = 5;
/**
 * RSS samples on each side (without / with the clients), 1 s apart: 16, so the CPU measured while
 * they are taken spans a whole presence period. A stock client renews its presence every 15 s
 * (y-protocols: half its 30 s timeout, checked every 3 s), and clients that joined within the same
 * 3 s renew within the same few seconds of every period: a shorter window could fall in the quiet
 * part (our server measured 2 % of a core in one run, 16–20 % in others).
 */
const SAMPLES = 16;
const SAMPLE_EVERY_MS = 1000;
/**
 * Before each set of samples: long enough for our server to notice it is quiet and give memory
 * back (server/ops/idle-memory.ts checks every 10 s; two checks), so the figures are not a
 * matter of when a collection happened to run.
 */
const QUIET_MS = 25_000;

export interface IdleServerResult {
  server: ServerKind;
  clients: number;
  boards: number;
  /** RSS (MB) of the fresh server with no connection at all, after it went quiet: an idle server. */
  noConnectionsMB: number;
  /** RSS samples (MB) before the clients connected and while they sat idle. */
  baselineSamplesMB: number[];
  loadedSamplesMB: number[];
  baselineMB: number;
  loadedMB: number;
  /** (median with − median without) / clients. */
  perConnectionKB: number;
  /** (lowest with − highest without) / clients … (highest with − lowest without) / clients. */
  perConnectionSpreadKB: [number, number];
  idleCpuPercent: number;
  /** The load generator's CPU while the clients sat idle (% of a core). */
  generatorCpuPercent: number;
}

export interface IdleScenarioResult {
  kind: "idle";
  id: "idle";
  title: string;
  servers: IdleServerResult[];
}

async function samples(pid: number): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    if (i > 0) await sleep(SAMPLE_EVERY_MS);
    values.push(rssBytes(pid) / 2 ** 20);
  }
  return values;
}

/** Waits (up to `maxMs`) until two RSS readings 2 s apart differ by less than 1 MB. */
async function settleRss(pid: number, maxMs = 20_000): Promise<void> {
  const t0 = performance.now();
  let previous = rssBytes(pid);
  while (performance.now() - t0 < maxMs) {
    await sleep(2000);
    const current = rssBytes(pid);
    if (Math.abs(current - previous) < 2 ** 20) return;
    previous = current;
  }
}

export async function idleScenario(targets: Target[], c: BenchConfig): Promise<IdleScenarioResult> {
  const servers: IdleServerResult[] = [];
  const title = `${c.idleClients} idle connections over ${IDLE_BOARDS} boards, fresh server`;
  for (const target of targets) {
    log(`idle on ${target.kind}: ${title}`);
    await target.prepare(c.idleClients + IDLE_BOARDS);
    const boards = await target.boards(IDLE_BOARDS, "idle");
    const pid = target.server.pid;
    // Indices after the first clients', so no user goes over our server's sockets-per-user limit.
    const spec = (i: number) => ({ endpoint: target.endpoint(i), room: boards[i % boards.length] as string });
    await sleep(QUIET_MS);
    await settleRss(pid);
    const noConnections = median(await samples(pid));
    const { clients: first } = await connectAll(boards.map((_, i) => spec(i)));
    let clients: BenchClient[] = [];
    try {
      if (c.quietWaitSeconds > 0) await waitForQuiet(c.quietWaitSeconds, log);
      await sleep(QUIET_MS);
      await settleRss(pid);
      const baseline = await samples(pid);
      clients = (await connectAll(Array.from({ length: c.idleClients }, (_, i) => spec(IDLE_BOARDS + i)))).clients;
      // Idle connections, not a join: the same wait as before the baseline, so what the burst of
      // joins allocated for a moment (V8's young generation grows to take it) is not counted as
      // what each connection holds. Both servers wait alike.
      await sleep(QUIET_MS);
      await settleRss(pid);
      const cpu = cpuMeter(pid);
      const self = selfCpuMeter();
      const loaded = await samples(pid);
      const idleCpuPercent = cpu.stop();
      const generatorCpuPercent = self.stop();
      const perKB = (mb: number) => (mb * 1024) / c.idleClients;
      const result: IdleServerResult = {
        server: target.kind,
        clients: c.idleClients,
        boards: IDLE_BOARDS,
        noConnectionsMB: noConnections,
        baselineSamplesMB: baseline,
        loadedSamplesMB: loaded,
        baselineMB: median(baseline),
        loadedMB: median(loaded),
        perConnectionKB: perKB(median(loaded) - median(baseline)),
        perConnectionSpreadKB: [
          perKB(Math.min(...loaded) - Math.max(...baseline)),
          perKB(Math.max(...loaded) - Math.min(...baseline)),
        ],
        idleCpuPercent,
        generatorCpuPercent,
      };
      log(
        `  RSS with no connection ${noConnections.toFixed(1)} MB; ${result.baselineMB.toFixed(1)} → ${result.loadedMB.toFixed(1)} MB: ${result.perConnectionKB.toFixed(1)} KiB ` +
          `per connection (${result.perConnectionSpreadKB.map((k) => k.toFixed(1)).join("–")}), generator CPU ${generatorCpuPercent.toFixed(0)} %`,
      );
      servers.push(result);
    } finally {
      await destroyAll([...first, ...clients]);
    }
    await sleep(500);
  }
  return { kind: "idle", id: "idle", title, servers };
}
