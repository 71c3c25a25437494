/** The benchmark's scenarios: each drives every target with the same load (alternating) and returns plain results. */

import { LIMITS } from "../shared/protocol/limits.js";
import type { BenchConfig, ScenarioId, ServerKind } from "./config.js";
import { HISTORY_WRITERS, type LoadTiming, timeLoad, writeHistory } from "./history.js";
import type { IdleScenarioResult } from "./idle.js";
import { type LoadShape, type RunResult, runLoad } from "./load.js";
import { log } from "./log.js";
import { selfCpuMeter } from "./proc.js";
import { type LagRun, runProjectionLag } from "./projection-lag.js";
import { waitForQuiet } from "./quiet.js";
import type { PersistStats, StopResult } from "./servers.js";
import { median } from "./stats.js";
import type { Target } from "./targets.js";

// run.ts takes every scenario from here.
export { idleScenario } from "./idle.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Lets the servers finish closing the last run's sockets before the next run opens new ones. */
const PAUSE_MS = 500;
/** Times a disturbed run is measured again (see loadScenario). */
const MAX_REDO = 2;
/** Runs with at least this many boards leave enough rooms behind that their unloading is felt. */
const MANY_BOARDS = 10;

/** When each target's last many-board run ended. */
const manyBoardsEnded = new Map<Target, number>();

/**
 * Before a measured run: our server unloads (stores and compacts) a room 30 s after its last client
 * left, and unloading the previous run's 200 rooms at once stalls it for a moment (see README.md); here
 * we wait that out so it does not land in the next run's window. Then wait for a quiet machine.
 */
async function beforeRun(target: Target, c: BenchConfig): Promise<void> {
  const ended = manyBoardsEnded.get(target);
  manyBoardsEnded.delete(target);
  if (target.kind === "ours" && ended !== undefined) {
    const wait = ended + LIMITS.idleUnloadMs + 3000 - performance.now();
    if (wait > 0) {
      log(`  waiting ${(wait / 1000).toFixed(0)} s for our server to unload the previous run's rooms`);
      await sleep(wait);
    }
  }
  if (c.quietWaitSeconds > 0) await waitForQuiet(c.quietWaitSeconds, log);
}

function afterRun(target: Target, shape: LoadShape): void {
  if (shape.boards >= MANY_BOARDS) manyBoardsEnded.set(target, performance.now());
}

export interface LoadScenarioResult {
  kind: "load";
  id: ScenarioId;
  title: string;
  runs: RunResult[];
  /** Per server, runs measured again because the machine was busy with something else (the busy ones are not in `runs`). */
  redone: Record<ServerKind, number>;
}

export interface HistoryServerResult {
  server: ServerKind;
  label: string;
  updates: number;
  writeSeconds: number;
  restart: { stop: StopResult; startMs: number; persist: PersistStats | null } | null;
  first: LoadTiming;
  rest: LoadTiming[];
  medianMs: number;
  /** The load generator's CPU over the timed loads (% of a core). */
  generatorCpuPercent: number;
}

export interface HistoryScenarioResult {
  kind: "history";
  id: "5";
  title: string;
  servers: HistoryServerResult[];
}

export interface SweepStep {
  server: ServerKind;
  /** Offered updates/s on the board: writers × ratePerWriter. */
  total: number;
  writers: number;
  ratePerWriter: number;
  /** p99 within the limit and nothing lost, on a run whose generator was not saturated. */
  pass: boolean;
  /** The generator was saturated (see RunResult.generatorBound): the step says nothing about the server. */
  void: boolean;
  run: RunResult;
}

export interface SweepScenarioResult {
  kind: "sweep";
  id: "6";
  title: string;
  steps: SweepStep[];
}

export interface LagScenarioResult {
  kind: "lag";
  id: "7";
  title: string;
  /** Background load of the busy phase. */
  busyLoad: string;
  /** Ours only: the reference keeps no projections. */
  runs: LagRun[];
}

export type ScenarioResult =
  | LoadScenarioResult
  | HistoryScenarioResult
  | SweepScenarioResult
  | LagScenarioResult
  | IdleScenarioResult;

/**
 * Scenarios 4 and 6: stock clients per board (they write and measure); the board's other writers are
 * light (light-writer.ts), so the generator does not spend a core applying every update 50 times.
 */
const STOCK_CLIENTS = 5;
/** Scenario 6: at least this many writers (scenario 4's shape); more once the total needs more than the per-writer maximum. */
const SWEEP_MIN_WRITERS = 50;

/** Scenario 6's step for an offered total: the fewest writers (at least 50) at ≤ the per-writer maximum. */
export function sweepShape(total: number, maxPerWriter: number): { writers: number; rate: number } {
  const writers = Math.max(SWEEP_MIN_WRITERS, Math.ceil(total / maxPerWriter));
  return { writers, rate: total / writers };
}

export type LoadScenarioId = "1" | "2" | "3" | "4" | "8";

const LOAD_SHAPES: Record<LoadScenarioId, (c: BenchConfig) => { title: string; shape: LoadShape }> = {
  "1": () => ({
    title: "1 board, 50 clients, 5 writers × 20/s",
    shape: { boards: 1, clientsPerBoard: 50, writersPerBoard: 5, rate: 20 },
  }),
  "2": () => ({
    title: "1 board, 200 clients, 10 writers × 10/s",
    shape: { boards: 1, clientsPerBoard: 200, writersPerBoard: 10, rate: 10 },
  }),
  "3": (c) => ({
    title: `200 boards × 5 clients, 1 writer/board × ${c.manyBoardsRate}/s`,
    shape: { boards: 200, clientsPerBoard: 5, writersPerBoard: 1, rate: c.manyBoardsRate },
  }),
  "4": () => ({
    title: `near saturation: 1 board, 50 clients, all 50 × 20/s (${STOCK_CLIENTS} stock, 45 light writers)`,
    shape: { boards: 1, clientsPerBoard: 50, writersPerBoard: 50, rate: 20, stockClients: STOCK_CLIENTS },
  }),
  "8": () => ({
    title: "join bursts: scenario 1, and every 2 s 8 clients join (the last 8 leave) and 8 reconnect",
    shape: {
      boards: 1,
      clientsPerBoard: 50,
      writersPerBoard: 5,
      rate: 20,
      churn: { everyMs: 2_000, join: 8, reconnect: 8 },
    },
  }),
};

function brief(run: RunResult): string {
  const closes = Object.entries(run.closes)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
  return (
    `p50 ${run.latency.p50.toFixed(1)} ms, p99 ${run.latency.p99.toFixed(1)} ms, ${run.writesPerSecond.toFixed(0)} writes/s, ` +
    `${run.deliveredPerSecond.toFixed(0)} delivered/s, lost ${run.lost}, server CPU ${run.serverCpuPercent.toFixed(0)}%, ` +
    `generator CPU ${run.generatorCpuPercent.toFixed(0)}%, others ${run.otherCpuPercent.toFixed(0)}%${closes ? `, closes ${closes}` : ""}, ` +
    `connect → synced p50 ${run.connectP50Ms.toFixed(0)} ms, worst ${run.connectMaxMs.toFixed(0)} ms`
  );
}

/** Scenarios 1–4: the same shape, runs alternating over the targets. */
export async function loadScenario(id: LoadScenarioId, targets: Target[], c: BenchConfig): Promise<LoadScenarioResult> {
  const { title, shape } = LOAD_SHAPES[id](c);
  const run = async (target: Target, timing: { warmupSeconds: number; seconds: number }, tag: string) => {
    await beforeRun(target, c);
    const result = await runLoad(target, shape, { ...timing, graceSeconds: c.graceSeconds }, tag);
    afterRun(target, shape);
    return result;
  };
  for (const target of c.warmupRunSeconds > 0 ? targets : []) {
    log(`scenario ${id} warm-up run on ${target.kind} (not measured)`);
    log(`  (warm-up) ${brief(await run(target, { warmupSeconds: 0, seconds: c.warmupRunSeconds }, `s${id}w`))}`);
    await sleep(PAUSE_MS);
  }
  const runs: RunResult[] = [];
  const redone: Record<ServerKind, number> = { ours: 0, reference: 0 };
  const repeats = c.repeats(id);
  for (let rep = 0; rep < repeats; rep++) {
    // ABBA order (ours, reference, reference, ours, …): a machine that drifts over the runs (the
    // generator and both servers still warming up, other load fading) favours neither server.
    for (const target of rep % 2 === 0 ? targets : [...targets].reverse()) {
      log(`scenario ${id} run ${rep + 1}/${repeats} on ${target.kind}: ${title}`);
      let result: RunResult | null = null;
      // A run during which something outside the benchmark took a quarter of a core or more says
      // more about that than about the server: it is run again (at most twice), for either server.
      for (let attempt = 0; attempt <= MAX_REDO && (result === null || result.disturbed); attempt++) {
        if (result) {
          redone[target.kind]++;
          log(`  machine busy (${result.otherCpuPercent.toFixed(0)} % of a core used by other processes): run again`);
        }
        result = await run(target, { warmupSeconds: c.warmupSeconds, seconds: c.seconds }, `s${id}`);
        log(`  ${brief(result)}`);
        await sleep(PAUSE_MS);
      }
      runs.push(result as RunResult);
    }
  }
  return { kind: "load", id, title, runs, redone };
}

/** Scenario 5: a fresh client loading a board with a long history; ours right after a restart. */
export async function historyScenario(targets: Target[], c: BenchConfig): Promise<HistoryScenarioResult> {
  const servers: HistoryServerResult[] = [];
  for (const target of targets) {
    log(`scenario 5 on ${target.kind}: writing ${c.historyUpdates} updates through ${HISTORY_WRITERS} clients`);
    const { board, seconds } = await writeHistory(target, c.historyUpdates);
    await beforeRun(target, c);
    let restart: HistoryServerResult["restart"] = null;
    if (target.kind === "ours") {
      const before = target.server;
      const r = await target.restart();
      restart = { ...r, persist: before.logs.persist };
      log(`  restarted: stop ${r.stop.ms.toFixed(0)} ms (exit ${r.stop.exitCode}), start ${r.startMs.toFixed(0)} ms`);
    }
    const loads: LoadTiming[] = [];
    const self = selfCpuMeter();
    for (let i = 0; i <= c.loads; i++) loads.push(await timeLoad(target, board, c.historyUpdates, i));
    const generatorCpuPercent = self.stop();
    const [first, ...rest] = loads as [LoadTiming, ...LoadTiming[]];
    const result: HistoryServerResult = {
      server: target.kind,
      label:
        target.kind === "ours"
          ? "first load after restart (from the database)"
          : "no restart (in memory; a restart would lose the board)",
      updates: c.historyUpdates,
      writeSeconds: seconds,
      restart,
      first,
      rest,
      medianMs: median(rest.map((l) => l.ms)),
      generatorCpuPercent,
    };
    log(
      `  first load ${first.ms.toFixed(0)} ms (document received after ${first.receivedMs.toFixed(0)} ms), ` +
        `median of next ${rest.length}: ${result.medianMs.toFixed(0)} ms`,
    );
    servers.push(result);
    await sleep(PAUSE_MS);
  }
  return { kind: "history", id: "5", title: `fresh client loading a ${c.historyUpdates}-update board`, servers };
}

/**
 * Scenario 6: scenario 4's kind of load (every client writes, 5 stock clients measure, the rest are light
 * writers), the offered total raised step by step; beyond 50 writers × the per-writer maximum it takes
 * more writers, not faster ones. A step passes with p99 within the limit and nothing lost; a step whose
 * generator was saturated is void (it measured the generator), and ends the sweep for that server as a
 * failure does.
 */
export async function sweepScenario(targets: Target[], c: BenchConfig): Promise<SweepScenarioResult> {
  const steps: SweepStep[] = [];
  let active = [...targets];
  for (const total of c.sweepTotals) {
    const { writers, rate } = sweepShape(total, c.sweepMaxPerWriter);
    for (const target of active) {
      log(`scenario 6 on ${target.kind}: ${writers} writers × ${rate.toFixed(1)}/s = ${total}/s`);
      await beforeRun(target, c);
      const run = await runLoad(
        target,
        { boards: 1, clientsPerBoard: writers, writersPerBoard: writers, rate, stockClients: STOCK_CLIENTS },
        { warmupSeconds: Math.min(2, c.warmupSeconds), seconds: c.sweepSeconds, graceSeconds: c.graceSeconds },
        `s6-${total}`,
      );
      const isVoid = run.generatorBound;
      const pass = !isVoid && run.latency.p99 <= c.p99LimitMs && run.lost === 0;
      log(`  ${isVoid ? "VOID (generator-bound)" : pass ? "sustained" : "NOT sustained"}: ${brief(run)}`);
      steps.push({ server: target.kind, total, writers, ratePerWriter: rate, pass, void: isVoid, run });
      await sleep(PAUSE_MS);
    }
    active = active.filter((t) => steps.some((s) => s.server === t.kind && s.total === total && s.pass));
    if (active.length === 0) break;
  }
  const title = `saturation sweep: 1 board, ≥ ${SWEEP_MIN_WRITERS} writers × ≤ ${c.sweepMaxPerWriter}/s, p99 ≤ ${c.p99LimitMs} ms`;
  return { kind: "sweep", id: "6", title, steps };
}

/** Scenario 7: edit → readable in our SQL projection, on a quiet server and under background writes. Ours only. */
export async function lagScenario(targets: Target[], c: BenchConfig): Promise<LagScenarioResult> {
  const busyLoad = `${c.lagBoards} boards × 1 writer × ${c.manyBoardsRate}/s`;
  const runs: LagRun[] = [];
  const ours = targets.find((t) => t.kind === "ours");
  if (targets.some((t) => t.kind === "reference")) log("scenario 7: skipping the reference (it keeps no projections)");
  for (let rep = 0; ours && rep < c.repeats("7"); rep++) {
    log(`scenario 7 run ${rep + 1}/${c.repeats("7")} on ours: projection lag, quiet and with ${busyLoad}`);
    await beforeRun(ours, c);
    const settings = {
      edits: c.lagEdits,
      backgroundBoards: c.lagBoards,
      backgroundRate: c.manyBoardsRate,
      warmupSeconds: c.warmupSeconds,
    };
    try {
      runs.push(await runProjectionLag(ours, settings, log));
    } finally {
      afterRun(ours, { boards: c.lagBoards, clientsPerBoard: 1, writersPerBoard: 1, rate: c.manyBoardsRate });
    }
    await sleep(PAUSE_MS);
  }
  return { kind: "lag", id: "7", title: "projection lag: edit → readable in GET …/actions", busyLoad, runs };
}
