/** `npm run bench`: runs the selected scenarios against fresh server processes, prints the table and writes the JSON. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { actionsQueryMarkdown, measureActionsQuery } from "./actions-query.js";
import { type BundleSize, measureBundle } from "./bundle.js";
import { config, type ScenarioId } from "./config.js";
import { crossProcessMarkdown, measureCrossProcess } from "./cross-process.js";
import { historyStorageMarkdown, measureHistoryStorage } from "./history-storage.js";
import type { OursAccess } from "./ours-api.js";
import { json, type Meta, markdown, type ScenarioOutcome, type ServerNotes, withoutSamples } from "./report.js";
import { measureReportGeneration, reportGenerationMarkdown } from "./report-generation.js";
import {
  historyScenario,
  idleScenario,
  lagScenario,
  loadScenario,
  type ScenarioResult,
  sweepScenario,
} from "./scenarios.js";
import { measureSearch, searchMarkdown } from "./search.js";
import { freePort, killAllServers } from "./servers.js";
import { oursTarget, referenceTarget, type Target } from "./targets.js";

const ROOT = new URL("..", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "samverkan-bench-"));

function cleanup() {
  killAllServers();
  rmSync(dataDir, { recursive: true, force: true });
}
process.on("exit", cleanup);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping servers`);
    process.exit(130);
  });
}

function commit(): string {
  try {
    const head = execFileSync("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["-C", ROOT, "status", "--porcelain", "server", "shared"], {
      encoding: "utf8",
    }).trim();
    return dirty ? `${head} (+ uncommitted server changes)` : head;
  } catch {
    return "unknown";
  }
}

function runScenario(id: ScenarioId, targets: Target[]): Promise<ScenarioResult> {
  switch (id) {
    case "1":
    case "2":
    case "3":
    case "4":
    case "8":
      return loadScenario(id, targets, config);
    case "5":
      return historyScenario(targets, config);
    case "6":
      return sweepScenario(targets, config);
    case "7":
      return lagScenario(targets, config);
    case "idle":
      return idleScenario(targets, config);
  }
}

async function main() {
  const started = performance.now();
  const outcomes: ScenarioOutcome[] = [];
  let access: OursAccess | null = null;
  // One port for ours throughout, so its public origin stays the same across restarts.
  const oursPort = await freePort();

  for (const id of config.scenarios) {
    // Fresh processes per scenario: no scenario inherits another's rooms, heap or (for ours) persist stats.
    const targets: Target[] = [];
    const notes: ServerNotes = { logs: {}, persist: null, eventLoop: null };
    const outcome: ScenarioOutcome = { id, result: null, error: null, notes };
    try {
      if (config.servers.includes("ours")) {
        const started = await oursTarget(dataDir, access, oursPort);
        access = started.access;
        targets.push(started.target);
      }
      if (config.servers.includes("reference")) targets.push(await referenceTarget());
      outcome.result = await runScenario(id, targets);
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
      console.error(`scenario ${id} failed: ${(error as Error).stack ?? error}`);
    } finally {
      for (const target of targets) {
        const stop = await target.stop();
        if (target.kind === "ours") {
          notes.persist = target.server.logs.persist;
          notes.eventLoop = target.server.logs.eventLoop;
          if (stop.exitCode !== 0)
            console.error(`our server exited with ${stop.exitCode ?? stop.signal} after scenario ${id}`);
        }
        notes.logs[target.kind] = [...(notes.logs[target.kind] ?? []), target.server.logs];
      }
    }
    outcomes.push(outcome);
  }

  // Measured after the scenarios, so building the app never competes with a measured run.
  let bundle: BundleSize | null = null;
  try {
    bundle = await measureBundle(ROOT);
  } catch (error) {
    console.error(`measuring the web app's size failed: ${(error as Error).message}`);
  }

  // History's storage cost (server/history), in-process on in-memory PGlite; BENCH_HISTORY_STORAGE=0 skips it.
  let history: string | null = null;
  if (process.env.BENCH_HISTORY_STORAGE !== "0") {
    try {
      history = historyStorageMarkdown(await measureHistoryStorage());
    } catch (error) {
      console.error(`measuring history's storage failed: ${(error as Error).message}`);
    }
  }

  // The actions page's query and CSV over the demo and 10 000 actions; BENCH_ACTIONS_QUERY=0 skips it.
  let actionsQuery: string | null = null;
  if (process.env.BENCH_ACTIONS_QUERY !== "0") {
    try {
      actionsQuery = actionsQueryMarkdown(await measureActionsQuery());
    } catch (error) {
      console.error(`measuring the actions query failed: ${(error as Error).message}`);
    }
  }

  // Fan-out across two processes on PostgreSQL + Redis against one process (issue 22); BENCH_CROSS=0 skips it.
  // Measured right after the scenarios, before the in-process sections load this process.
  let cross: string | null = null;
  if (process.env.BENCH_CROSS !== "0") {
    try {
      cross = crossProcessMarkdown(await measureCrossProcess());
    } catch (error) {
      console.error(`measuring across processes failed (PostgreSQL and Redis needed): ${(error as Error).message}`);
    }
  }

  // The header search's latency, demo and 10 000 actions (also `npm run bench:search`); BENCH_SEARCH=0 skips it.
  let search: string | null = null;
  if (process.env.BENCH_SEARCH !== "0") {
    try {
      search = searchMarkdown(await measureSearch());
    } catch (error) {
      console.error(`measuring the search failed: ${(error as Error).message}`);
    }
  }

  // Time to generate the follow-up report (issue 19), demo and a big partnership; BENCH_REPORT=0 skips it.
  let reportGeneration: string | null = null;
  if (process.env.BENCH_REPORT !== "0") {
    try {
      reportGeneration = reportGenerationMarkdown(await measureReportGeneration());
    } catch (error) {
      console.error(`measuring the report generation failed: ${(error as Error).message}`);
    }
  }

  const meta: Meta = {
    date: new Date().toISOString().slice(0, 16).replace("T", " "),
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: cpus().length,
    node: process.versions.node,
    commit: commit(),
    durationSeconds: (performance.now() - started) / 1000,
    bundle,
  };
  const table = markdown(outcomes, meta, config);
  console.log(`\n${table}\n`);
  if (history)
    console.log(
      `History storage, one focus board through ${process.env.BENCH_HISTORY_WEEKS ?? 13} working weeks (docs/benchmarks.md):\n${history}\n`,
    );
  if (actionsQuery) console.log(`Actions page query (in-process PGlite, bench/actions-query.ts):\n${actionsQuery}\n`);
  if (cross)
    console.log(`Across processes (PostgreSQL + Redis, two of our processes, bench/cross-process.ts):\n${cross}\n`);
  if (search) console.log(`Search (in-process PGlite, bench/search.ts):\n${search}\n`);
  if (reportGeneration)
    console.log(
      `Follow-up report generation (in-process PGlite, bench/report-generation.ts; PDF: a third of the rounds):\n${reportGeneration}\n`,
    );
  const out = resolve(ROOT, config.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(json(outcomes, meta, config), withoutSamples, 2)}\n`);
  console.log(`Results written to ${config.out}`);
  return outcomes.some((o) => o.error !== null) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
