/** The realtime table's rows: one block per scenario, ours beside the reference, ratios and void marks. */

import type { ScenarioId, ServerKind } from "./config.js";
import type { RunResult } from "./load.js";
import { type LagRun, lagSummary, TIMEOUT_MS } from "./projection-lag.js";
import type { ScenarioResult, SweepStep } from "./scenarios.js";
import type { LogSummary, LoopDelay, PersistStats } from "./servers.js";
import { mean, median, summarize } from "./stats.js";

/** What each server process said during one scenario. */
export interface ServerNotes {
  logs: Partial<Record<ServerKind, LogSummary[]>>;
  /** Our server's persist stats from its SIGTERM line at the end of the scenario. */
  persist: PersistStats | null;
  /** Our server's event-loop delay over the scenario (setup included), from the same line. */
  eventLoop: LoopDelay | null;
}

export interface ScenarioOutcome {
  id: ScenarioId;
  result: ScenarioResult | null;
  error: string | null;
  notes: ServerNotes;
}

type Cell = number | string | null;

export interface Row {
  scenario: string;
  metric: string;
  ours: Cell;
  reference: Cell;
  /** Whether ours/reference means anything for this metric. */
  ratio: boolean;
  digits: number;
  /**
   * A latency or throughput figure where a run of either server had its load generator saturated: the
   * ratio is void, and the figure of each server whose run it was (`voidOf`) is marked.
   */
  void?: boolean;
  voidOf?: ServerKind[];
}

/** Which servers' runs were generator-bound, for `add`. */
type Bound = { ours: boolean; reference: boolean };

export const VOID_RATIO = "void (generator-bound)";

function plain(value: Cell, digits: number): string {
  if (value === null) return "–";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "n/a";
  return value.toFixed(digits);
}

export function fmt(value: Cell, digits: number, isVoid = false): string {
  const text = plain(value, digits);
  return isVoid && value !== null ? `${text} (void²)` : text;
}

export function ratio(row: Row): string {
  const figures = typeof row.ours === "number" || typeof row.reference === "number";
  if (row.void && row.ratio && figures) return VOID_RATIO;
  if (!row.ratio || typeof row.ours !== "number" || typeof row.reference !== "number" || row.reference === 0) return "";
  return `${(row.ours / row.reference).toFixed(2)}×`;
}

/** Runs of one server in a load scenario, pooled: latency over all samples, rates averaged, losses summed. */
function pool(runs: RunResult[]) {
  if (runs.length === 0) return null;
  const samples = runs.flatMap((r) => Array.from(r.samples ?? []));
  const latency = summarize(samples);
  const closes: Record<string, number> = {};
  for (const r of runs) for (const [code, n] of Object.entries(r.closes)) closes[code] = (closes[code] ?? 0) + n;
  const boards = runs.reduce((s, r) => s + r.shape.boards, 0);
  const windows = runs.flatMap((r) => (r.serverWindow ? [r.serverWindow] : []));
  return {
    /** Worst run's p99 (percentiles of separate windows cannot be pooled), median run's p50. */
    persistWindow:
      windows.length > 0
        ? `${median(windows.map((w) => w.persist.p50Ms)).toFixed(1)} / ${Math.max(...windows.map((w) => w.persist.p99Ms)).toFixed(1)}`
        : null,
    loopWindow:
      windows.length > 0
        ? `${median(windows.map((w) => w.eventLoopDelay.p99Ms)).toFixed(1)} / ${Math.max(...windows.map((w) => w.eventLoopDelay.maxMs)).toFixed(1)}`
        : null,
    runs: runs.length,
    latency,
    targetWrites: runs[0]?.targetWritesPerSecond ?? 0,
    writes: mean(runs.map((r) => r.writesPerSecond)),
    delivered: mean(runs.map((r) => r.deliveredPerSecond)),
    lost: runs.reduce((s, r) => s + r.lost, 0),
    converged: `${runs.reduce((s, r) => s + r.boardsConverged, 0)}/${boards}`,
    drain: Math.max(...runs.map((r) => r.drainSeconds ?? Number.POSITIVE_INFINITY)),
    serverCpu: mean(runs.map((r) => r.serverCpuPercent)),
    serverProcessCpu: mean(runs.map((r) => r.serverProcessCpuPercent)),
    rss: Math.max(...runs.map((r) => r.serverRssMaxMB)),
    generatorCpu: mean(runs.map((r) => r.generatorCpuPercent)),
    connectP50: median(runs.map((r) => r.connectP50Ms)),
    connectMax: Math.max(...runs.map((r) => r.connectMaxMs)),
    generatorBound: `${runs.filter((r) => r.generatorBound).length}/${runs.length}`,
    boundRuns: runs.filter((r) => r.generatorBound).length,
    stockClients: runs[0]?.shape.stockClients ?? null,
    others: `${mean(runs.map((r) => r.otherCpuPercent)).toFixed(0)} (${runs.filter((r) => r.disturbed).length}/${runs.length} disturbed)`,
    closes:
      Object.entries(closes)
        .map(([code, n]) => `${code}×${n}`)
        .join(" ") || "none",
  };
}

/** One phase of scenario 7 over all runs: samples pooled, timeouts and failed polls summed, CPU averaged. */
function poolLag(runs: LagRun[], phase: "quiet" | "busy") {
  if (runs.length === 0) return null;
  const phases = runs.map((r) => r[phase]);
  const sum = (f: (p: (typeof phases)[number]) => number) => phases.reduce((s, p) => s + f(p), 0);
  return {
    ...lagSummary(phases.flatMap((p) => p.lagsMs)),
    timeouts: sum((p) => p.timeouts),
    failedPolls: sum((p) => p.failedPolls),
    background: mean(phases.map((p) => p.backgroundWritesPerSecond)),
    serverCpu: mean(phases.map((p) => p.serverCpuPercent)),
    generatorCpu: mean(phases.map((p) => p.generatorCpuPercent)),
    others: mean(phases.map((p) => p.otherCpuPercent)),
  };
}

export function rowsFor(outcome: ScenarioOutcome): Row[] {
  const s = `${outcome.id}`;
  const rows: Row[] = [];
  const add = (metric: string, ours: Cell, reference: Cell, digits = 0, hasRatio = true, bound?: Bound) => {
    const voidOf = bound ? (["ours", "reference"] as const).filter((k) => bound[k]) : [];
    const marks = voidOf.length > 0 ? { void: true, voidOf } : {};
    rows.push({ scenario: s, metric, ours, reference, ratio: hasRatio, digits, ...marks });
  };
  const result = outcome.result;
  if (!result) {
    add("FAILED", outcome.error ?? "unknown error", null, 0, false);
    return rows;
  }
  const persist = outcome.notes.persist;
  const loop = outcome.notes.eventLoop;
  switch (result.kind) {
    case "load": {
      const o = pool(result.runs.filter((r) => r.server === "ours"));
      const r = pool(result.runs.filter((r) => r.server === "reference"));
      // A figure from a saturated generator measures the generator: void for both servers.
      const v = { ours: (o?.boundRuns ?? 0) > 0, reference: (r?.boundRuns ?? 0) > 0 };
      const stock = o?.stockClients ?? r?.stockClients ?? null;
      add(`**${result.title}** — runs per server`, o?.runs ?? null, r?.runs ?? null, 0, false);
      add("fan-out latency p50 (ms)", o?.latency.p50 ?? null, r?.latency.p50 ?? null, 1, true, v);
      add("fan-out latency p99 (ms)", o?.latency.p99 ?? null, r?.latency.p99 ?? null, 1, true, v);
      add(`writes/s (offered ${o?.targetWrites ?? r?.targetWrites})`, o?.writes ?? null, r?.writes ?? null, 0, true, v);
      add(
        stock === null ? "delivered updates/s" : `delivered updates/s (to the ${stock} stock clients)⁷`,
        o?.delivered ?? null,
        r?.delivered ?? null,
        0,
        true,
        v,
      );
      add("catch-up after the last write, worst run (s)", o?.drain ?? null, r?.drain ?? null, 2, false);
      add("lost updates (must be 0)", o?.lost ?? null, r?.lost ?? null, 0, false);
      add("boards converged", o?.converged ?? null, r?.converged ?? null, 0, false);
      add("server CPU (% of a core)", o?.serverCpu ?? null, r?.serverCpu ?? null, 0);
      add(
        "… of it the server's own process (ours: without its database's)⁸",
        o?.serverProcessCpu ?? null,
        r?.serverProcessCpu ?? null,
        0,
      );
      add("server RSS peak (MB)", o?.rss ?? null, r?.rss ?? null, 0);
      add("load generator CPU (% of a core)", o?.generatorCpu ?? null, r?.generatorCpu ?? null, 0);
      add("runs limited by the load generator²", o?.generatorBound ?? null, r?.generatorBound ?? null, 0, false);
      add("other processes' CPU, mean (% of a core)³", o?.others ?? null, r?.others ?? null, 0, false);
      add("runs measured again, machine busy³", result.redone?.ours ?? 0, result.redone?.reference ?? 0, 0, false);
      add("client connect → synced, median (ms)", o?.connectP50 ?? null, r?.connectP50 ?? null, 0);
      add("client connect → synced, worst (ms)", o?.connectMax ?? null, r?.connectMax ?? null, 0);
      add("connections closed by server", o?.closes ?? null, r?.closes ?? null, 0, false);
      if (o?.persistWindow) add("persist latency p50 / p99, measured windows (ms)⁵", o.persistWindow, null, 0, false);
      if (persist)
        add("persist latency p50 / p99, whole scenario (ms)", `${persist.p50Ms} / ${persist.p99Ms}`, null, 0, false);
      if (o?.loopWindow) add("event-loop delay p99 / max, measured windows (ms)⁵", o.loopWindow, null, 0, false);
      if (loop) add("event-loop delay p99 / max, whole scenario (ms)", `${loop.p99Ms} / ${loop.maxMs}`, null, 0, false);
      break;
    }
    case "history": {
      const o = result.servers.find((x) => x.server === "ours");
      const r = result.servers.find((x) => x.server === "reference");
      add(`**${result.title}** — history written in (s)`, o?.writeSeconds ?? null, r?.writeSeconds ?? null, 1, false);
      add(
        "first load: connect → document received (ms)¹ ⁶",
        o?.first.receivedMs ?? null,
        r?.first.receivedMs ?? null,
        0,
      );
      add("first load: connect → synced with all entries (ms)¹", o?.first.ms ?? null, r?.first.ms ?? null, 0);
      add(
        `median of the next ${o?.rest.length ?? r?.rest.length} loads (ms)`,
        o?.medianMs ?? null,
        r?.medianMs ?? null,
        0,
      );
      add(
        "median of the next loads: connect → document received (ms)⁶",
        o ? median(o.rest.map((l) => l.receivedMs)) : null,
        r ? median(r.rest.map((l) => l.receivedMs)) : null,
        0,
      );
      add(
        "load generator CPU over the loads (% of a core)",
        o?.generatorCpuPercent ?? null,
        r?.generatorCpuPercent ?? null,
        0,
        false,
      );
      const early = (x: typeof o) => (x ? [x.first, ...x.rest].filter((l) => l.syncedEarly).length : null);
      add("loads that said synced before content (must be 0)", early(o), early(r), 0, false);
      if (o?.restart) {
        add(
          "restart: SIGTERM → exit (ms), exit code",
          `${o.restart.stop.ms.toFixed(0)}, ${o.restart.stop.exitCode}`,
          null,
          0,
          false,
        );
        add("restart: spawn → listening (ms)", o.restart.startMs, null, 0, false);
        const p = o.restart.persist;
        if (p) add("persist latency p50 / p99 while writing (ms)", `${p.p50Ms} / ${p.p99Ms}`, null, 0, false);
      }
      break;
    }
    case "sweep": {
      const best = (server: ServerKind) => {
        const passed = result.steps.filter((x) => x.server === server && x.pass);
        return passed.sort((a, b) => b.run.writesPerSecond - a.run.writesPerSecond)[0] ?? null;
      };
      const failed = (server: ServerKind): SweepStep | null =>
        result.steps.find((x) => x.server === server && !x.pass) ?? null;
      const o = best("ours");
      const r = best("reference");
      const ran = (server: ServerKind) => result.steps.some((x) => x.server === server);
      // A sweep that ended on a saturated generator found the generator's limit, not the server's.
      const v = { ours: failed("ours")?.void === true, reference: failed("reference")?.void === true };
      const gen = (run: RunResult) => `generator ${run.generatorCpuPercent.toFixed(0)} %`;
      const describeFail = (f: SweepStep | null) =>
        f
          ? `${f.total}/s (${f.writers} × ${f.ratePerWriter.toFixed(0)}/s): ` +
            (f.void ? "void, generator-bound², " : "") +
            `p99 ${f.run.latency.p99.toFixed(0)} ms, lost ${f.run.lost}, ${f.run.writesPerSecond.toFixed(0)} writes/s, ${gen(f.run)}` +
            (f.run.disturbed ? `, machine busy (${f.run.otherCpuPercent.toFixed(0)} %)³` : "")
          : "none (top of sweep)";
      const describeSteps = (server: ServerKind) =>
        result.steps
          .filter((x) => x.server === server)
          .map((x) => `${x.total}: ${x.run.latency.p99.toFixed(1)} ms, ${gen(x.run)}${x.void ? " (void)" : ""}`)
          .join("; ") || null;
      add(
        `**${result.title}** — highest sustained total updates/s`,
        o?.run.writesPerSecond ?? (ran("ours") ? 0 : null),
        r?.run.writesPerSecond ?? (ran("reference") ? 0 : null),
        0,
        true,
        v,
      );
      add(
        "… writers × per-writer rate (/s)",
        o ? `${o.writers} × ${o.ratePerWriter.toFixed(0)}` : null,
        r ? `${r.writers} × ${r.ratePerWriter.toFixed(0)}` : null,
        0,
        false,
      );
      add("… p99 there (ms)", o?.run.latency.p99 ?? null, r?.run.latency.p99 ?? null, 1, true, v);
      add("… server CPU there (% of a core)", o?.run.serverCpuPercent ?? null, r?.run.serverCpuPercent ?? null, 0);
      add(
        "… generator CPU there (% of a core)",
        o?.run.generatorCpuPercent ?? null,
        r?.run.generatorCpuPercent ?? null,
        0,
        false,
      );
      add(
        "first step not sustained or void",
        ran("ours") ? describeFail(failed("ours")) : null,
        ran("reference") ? describeFail(failed("reference")) : null,
        0,
        false,
      );
      add("steps (offered/s: p99, generator CPU)", describeSteps("ours"), describeSteps("reference"), 0, false);
      break;
    }
    case "lag": {
      add(`**${result.title}**⁴ — runs (ours only)`, result.runs.length, null, 0, false);
      for (const phase of ["quiet", "busy"] as const) {
        const o = poolLag(result.runs, phase);
        const label = phase === "quiet" ? "quiet server" : `busy server (${result.busyLoad})`;
        add(`${label}: edits readable / timed out (> ${TIMEOUT_MS / 1000} s)`, o && `${o.count} / ${o.timeouts}`, null);
        add("… lag p50 (ms)", o?.p50 ?? null, null, 0, false);
        add("… lag p95 (ms)", o?.p95 ?? null, null, 0, false);
        add("… lag max (ms)", o?.max ?? null, null, 0, false);
        if (phase === "busy") add("… background writes/s", o?.background ?? null, null, 0, false);
        add("… server CPU (% of a core)", o?.serverCpu ?? null, null, 0, false);
        add("… load generator CPU (% of a core)", o?.generatorCpu ?? null, null, 0, false);
        add("… other processes' CPU, mean (% of a core)³", o?.others ?? null, null, 0, false);
        if (o && o.failedPolls > 0) add("… polls that failed or were not answered 200", o.failedPolls, null, 0, false);
      }
      break;
    }
    case "idle": {
      const o = result.servers.find((x) => x.server === "ours");
      const r = result.servers.find((x) => x.server === "reference");
      const spread = (x: typeof o) => x?.perConnectionSpreadKB.map((k) => k.toFixed(1)).join(" – ");
      add(
        `**${result.title}** — idle server, no connection: RSS, median (MB)`,
        o?.noConnectionsMB ?? null,
        r?.noConnectionsMB ?? null,
        0,
      );
      add("RSS with one client per board, median (MB)", o?.baselineMB ?? null, r?.baselineMB ?? null, 0);
      add("RSS with the clients connected, median (MB)", o?.loadedMB ?? null, r?.loadedMB ?? null, 0);
      add("memory per idle connection, medians (KiB)", o?.perConnectionKB ?? null, r?.perConnectionKB ?? null, 1);
      add("… spread, extremes of the samples (KiB)", spread(o) ?? null, spread(r) ?? null, 0, false);
      add("server CPU while idle (% of a core)", o?.idleCpuPercent ?? null, r?.idleCpuPercent ?? null, 1);
      add(
        "load generator CPU while idle (% of a core)",
        o?.generatorCpuPercent ?? null,
        r?.generatorCpuPercent ?? null,
        0,
        false,
      );
      break;
    }
  }
  return rows;
}
