/** Turns scenario results into one markdown table (ours vs reference, with ratios) and the JSON written to disk. */

import { startNodeArgs } from "../server/start-args.js";
import { type BundleSize, describeBundle } from "./bundle.js";
import type { BenchConfig } from "./config.js";
import { TIMEOUT_MS } from "./projection-lag.js";
import { fmt, ratio, rowsFor, type ScenarioOutcome } from "./report-rows.js";

export type { ScenarioOutcome, ServerNotes } from "./report-rows.js";

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
      (r) =>
        `| ${r.scenario} | ${r.metric} | ${fmt(r.ours, r.digits, r.voidOf?.includes("ours"))} | ${fmt(r.reference, r.digits, r.voidOf?.includes("reference"))} | ${ratio(r)} |`,
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
      "(latency above all) measure generator and server together, not the server alone. Such a figure is marked " +
      '"(void²)", and its ratio, whichever server\'s run it was, reads "void (generator-bound)"; in the sweep, a ' +
      "server whose sweep ended on a generator-bound step has only a lower bound.",
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
    "⁷ Scenarios 4 and 6: only 5 clients per board are stock y-websocket clients (they write and measure: latency, " +
      "delivery, loss, convergence); the other writers are light (bench/light-writer.ts: the same small updates on the " +
      "wire, but they drop what the server sends instead of applying it), so the generator does not spend a core " +
      "applying every update 50 times over. Delivered updates/s counts what reached those 5 clients.",
    "⁸ The server process alone, from /proc/<pid>/stat, without its descendants: for ours the rest of the server " +
      "CPU is the embedded database's process (PGlite: every update stored within 50 ms, projections refreshed); the " +
      "reference has no child process, so both of its CPU rows are the same.",
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
    table: outcomes.flatMap(rowsFor).map(({ scenario, metric, ours, reference, void: isVoid, voidOf }) => ({
      scenario,
      metric,
      ours,
      reference,
      ...(isVoid ? { void: true, voidOf } : {}),
    })),
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
