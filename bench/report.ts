/** Turns scenario results into one markdown table (ours vs reference, with ratios) and the JSON written to disk. */

import { startNodeArgs } from "../server/start-args.js";
import { type BundleSize, describeBundle } from "./bundle.js";
import type { BenchConfig, ScenarioId, ServerKind } from "./config.js";
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

interface Row {
  scenario: string;
  metric: string;
  ours: Cell;
  reference: Cell;
  /** Whether ours/reference means anything for this metric. */
  ratio: boolean;
  digits: number;
}

function fmt(value: Cell, digits: number): string {
  if (value === null) return "–";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return "n/a";
  return value.toFixed(digits);
}

function ratio(row: Row): string {
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
    rss: Math.max(...runs.map((r) => r.serverRssMaxMB)),
    generatorCpu: mean(runs.map((r) => r.generatorCpuPercent)),
    connectP50: median(runs.map((r) => r.connectP50Ms)),
    connectMax: Math.max(...runs.map((r) => r.connectMaxMs)),
    generatorBound: `${runs.filter((r) => r.generatorBound).length}/${runs.length}`,
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
    others: mean(phases.map((p) => p.otherCpuPercent)),
  };
}

function rowsFor(outcome: ScenarioOutcome): Row[] {
  const s = `${outcome.id}`;
  const rows: Row[] = [];
  const add = (metric: string, ours: Cell, reference: Cell, digits = 0, hasRatio = true) =>
    rows.push({ scenario: s, metric, ours, reference, ratio: hasRatio, digits });
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
      add(`**${result.title}** — runs per server`, o?.runs ?? null, r?.runs ?? null, 0, false);
      add("fan-out latency p50 (ms)", o?.latency.p50 ?? null, r?.latency.p50 ?? null, 1);
      add("fan-out latency p99 (ms)", o?.latency.p99 ?? null, r?.latency.p99 ?? null, 1);
      add(`writes/s (offered ${o?.targetWrites ?? r?.targetWrites})`, o?.writes ?? null, r?.writes ?? null, 0);
      add("delivered updates/s", o?.delivered ?? null, r?.delivered ?? null, 0);
      add("catch-up after the last write, worst run (s)", o?.drain ?? null, r?.drain ?? null, 2, false);
      add("lost updates (must be 0)", o?.lost ?? null, r?.lost ?? null, 0, false);
      add("boards converged", o?.converged ?? null, r?.converged ?? null, 0, false);
      add("server CPU (% of a core)", o?.serverCpu ?? null, r?.serverCpu ?? null, 0);
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
      const describeFail = (f: SweepStep | null) =>
        f
          ? `${f.ratePerWriter}/s: p99 ${f.run.latency.p99.toFixed(0)} ms, lost ${f.run.lost}, ${f.run.writesPerSecond.toFixed(0)} writes/s` +
            (f.run.generatorBound ? `, generator-bound (${f.run.generatorCpuPercent.toFixed(0)} %)²` : "") +
            (f.run.disturbed ? `, machine busy (${f.run.otherCpuPercent.toFixed(0)} %)³` : "")
          : "none (top of sweep)";
      add(
        `**${result.title}** — highest sustained total updates/s`,
        o?.run.writesPerSecond ?? 0,
        r?.run.writesPerSecond ?? 0,
        0,
      );
      add("… at per-writer rate (/s)", o?.ratePerWriter ?? null, r?.ratePerWriter ?? null, 0, false);
      add("… p99 there (ms)", o?.run.latency.p99 ?? null, r?.run.latency.p99 ?? null, 1);
      add("… server CPU there (% of a core)", o?.run.serverCpuPercent ?? null, r?.run.serverCpuPercent ?? null, 0);
      add(
        "… generator CPU there (% of a core)",
        o?.run.generatorCpuPercent ?? null,
        r?.run.generatorCpuPercent ?? null,
        0,
      );
      add("first step not sustained", describeFail(failed("ours")), describeFail(failed("reference")), 0, false);
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
        add("… other processes' CPU, mean (% of a core)³", o?.others ?? null, null, 0, false);
        if (o && o.failedPolls > 0) add("… polls that failed or were not answered 200", o.failedPolls, null, 0, false);
      }
      break;
    }
    case "idle": {
      const o = result.servers.find((x) => x.server === "ours");
      const r = result.servers.find((x) => x.server === "reference");
      add(`**${result.title}** — RSS before, median (MB)`, o?.baselineMB ?? null, r?.baselineMB ?? null, 0);
      add("RSS with the clients connected, median (MB)", o?.loadedMB ?? null, r?.loadedMB ?? null, 0);
      add(
        "RSS added per cycle (MB)",
        o?.deltasMB.map((d) => d.toFixed(1)).join(", ") ?? null,
        r?.deltasMB.map((d) => d.toFixed(1)).join(", ") ?? null,
        0,
        false,
      );
      add("memory per idle connection, median cycle (KiB)", o?.perConnectionKB ?? null, r?.perConnectionKB ?? null, 1);
      add("server CPU while idle (% of a core)", o?.idleCpuPercent ?? null, r?.idleCpuPercent ?? null, 1);
      break;
    }
  }
  return rows;
}

export interface Meta {
  date: string;
  cpu: string;
  cores: number;
  node: string;
  commit: string;
  durationSeconds: number;
  /** The web app's JavaScript for a board page (null when the build failed). */
  bundle: BundleSize | null;
}

function serverNotes(outcomes: ScenarioOutcome[]): string[] {
  const lines: string[] = [];
  for (const o of outcomes) {
    for (const [server, logs] of Object.entries(o.notes.logs)) {
      for (const l of logs ?? []) {
        if (l.warnings + l.errors === 0) continue;
        const msgs = Object.entries(l.messages)
          .map(([m, n]) => `${m} (×${n})`)
          .join("; ");
        lines.push(`- scenario ${o.id}, ${server}: ${l.warnings} warnings, ${l.errors} errors — ${msgs}`);
      }
    }
  }
  return lines;
}

export function markdown(outcomes: ScenarioOutcome[], meta: Meta, c: BenchConfig): string {
  const rows = outcomes.flatMap(rowsFor);
  const out = [
    `## Samverkan realtime benchmark — ${meta.date}`,
    "",
    `${meta.cpu}, ${meta.cores} cores, Node ${meta.node}, commit ${meta.commit}; ${describeRepeats(outcomes, c)} alternating runs per server, ` +
      `${c.warmupSeconds} s warm-up + ${c.seconds} s measured each (sweep ${c.sweepSeconds} s); whole run ${(meta.durationSeconds / 60).toFixed(1)} min.`,
    "",
    ...(meta.bundle ? [describeBundle(meta.bundle), ""] : []),
    "| # | Metric | Ours | Reference | Ours/Ref |",
    "|---|---|---:|---:|---:|",
    ...rows.map(
      (r) => `| ${r.scenario} | ${r.metric} | ${fmt(r.ours, r.digits)} | ${fmt(r.reference, r.digits)} | ${ratio(r)} |`,
    ),
    "",
    "Fan-out latency: each writer sets its own card's title on a focus board (`w<n> #<k> @<ms>`); every other client's deep " +
      "observer of the `actions` root records now − the stamp of each write it newly holds, including writes a later title " +
      "replaced within the same received transaction (one process, one clock). Pooled over all runs of a server; only " +
      "updates written in the measured window count. " +
      "CPU is % of one core (200 % = both); the load generator shares the machine with the server. Ours runs as `node " +
      startNodeArgs().join(" ") +
      "` (as npm start does); the reference (@y/websocket-server 0.1.1) keeps everything in memory and persists nothing.",
    "¹ Ours: the first load right after SIGTERM + restart, from the database; reference: no restart (it would lose the board).",
    "² The load generator used ≥ 90 % of its single core or could not offer 95 % of the writes: there the numbers " +
      "(latency above all) measure generator and server together, not the server alone.",
    "³ CPU used during the measured window by processes outside the benchmark (e.g. tests running on the same machine); " +
      "a run is disturbed when that reached 25 % of a core, and is then measured again (at most twice). Each run first waits " +
      "(up to BENCH_QUIET_WAIT s) for a quiet machine.",
  ];
  if (outcomes.some((o) => o.result?.kind === "lag")) {
    out.push(
      "⁴ One stock client sets its card's title on a focus board; the benchmark polls GET /api/workspaces/:id/actions?board=… " +
        "(every 20 ms, as the same user) until the title is there: lag = edit → the answer holding it. Edits are ≥ 1.5 s " +
        "apart, so each settles on its own (250 ms quiet). Percentiles are over the edits that became readable; " +
        `an edit not readable within ${TIMEOUT_MS / 1000} s is a timeout. Busy: the same while other boards take writes. ` +
        "The reference keeps no projections.",
    );
  }
  out.push(
    "⁵ Ours, from the server (SIGUSR2 at the start of each measured window and after its grace period): persist " +
      "latency is receipt → committed of each update; event-loop delay is how late a 10 ms timer fired, time every " +
      "waiting update spends before it is even read. p50 of the median run / p99 (or max) of the worst run. " +
      '"Whole scenario" adds setup (boards created, clients connecting, first cards) and warm-up.',
    "⁶ When the frame carrying the document (the largest) arrived at the client, before y-websocket reads it: the " +
      'server\'s share of a load plus the transfer. The rest, up to "synced with all entries", is the client applying ' +
      "the document (the same bytes from either server).",
  );
  const notes = serverNotes(outcomes);
  if (notes.length > 0) out.push("", "Server log warnings/errors:", ...notes);
  return out.join("\n");
}

/** The JSON document: everything but the raw latency samples. */
export function json(outcomes: ScenarioOutcome[], meta: Meta, c: BenchConfig): unknown {
  return {
    meta,
    config: c,
    table: outcomes
      .flatMap(rowsFor)
      .map(({ scenario, metric, ours, reference }) => ({ scenario, metric, ours, reference })),
    scenarios: outcomes,
  };
}

/** JSON.stringify replacer: drops the typed sample arrays (hundreds of thousands of numbers). */
export function withoutSamples(key: string, value: unknown): unknown {
  return key === "samples" ? undefined : value;
}

/** "4 (scenarios 1, 2) / 2 (3, 4, 7)" — or one number when every scenario ran as many. */
function describeRepeats(outcomes: ScenarioOutcome[], c: BenchConfig): string {
  const byCount = new Map<number, string[]>();
  for (const o of outcomes) {
    if (o.result?.kind !== "load" && o.result?.kind !== "lag") continue;
    const n = c.repeats(o.id);
    byCount.set(n, [...(byCount.get(n) ?? []), o.id]);
  }
  if (byCount.size <= 1) return String([...byCount.keys()][0] ?? c.repeats("1"));
  return [...byCount].map(([n, ids]) => `${n} (scenario ${ids.join(", ")})`).join(" / ");
}
