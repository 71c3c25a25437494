/** Reads the benchmark's environment knobs once, with defaults sized so the full run takes about 13 minutes on two cores. */

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function list(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export const ALL_SCENARIOS = ["1", "2", "3", "4", "5", "6", "7", "8", "idle"] as const;
export type ScenarioId = (typeof ALL_SCENARIOS)[number];
export type ServerKind = "ours" | "reference";

function scenarios(): ScenarioId[] {
  const wanted = list("BENCH_SCENARIOS", ALL_SCENARIOS.join(","));
  for (const id of wanted) {
    if (!(ALL_SCENARIOS as readonly string[]).includes(id)) {
      throw new Error(`BENCH_SCENARIOS: unknown scenario "${id}" (known: ${ALL_SCENARIOS.join(",")})`);
    }
  }
  return ALL_SCENARIOS.filter((id) => wanted.includes(id));
}

function servers(): ServerKind[] {
  const wanted = list("BENCH_SERVERS", "ours,reference");
  for (const s of wanted)
    if (s !== "ours" && s !== "reference") throw new Error(`BENCH_SERVERS: unknown server "${s}"`);
  return (["ours", "reference"] as const).filter((s) => wanted.includes(s));
}

/** BENCH_REPEATS, when set, for every scenario. */
const REPEATS = process.env.BENCH_REPEATS?.trim() ? Math.max(1, Math.round(num("BENCH_REPEATS", 2))) : null;

const repeatsFor = (id: ScenarioId): number => REPEATS ?? (id === "1" || id === "2" ? 4 : 2);

export const config = {
  scenarios: scenarios(),
  servers: servers(),
  /** Measured load per run, after warm-up. */
  seconds: num("BENCH_SECONDS", 12),
  warmupSeconds: num("BENCH_WARMUP", 3),
  /**
   * Scenarios 1–4: seconds of one unmeasured run per server before the measured ones (0 = none).
   * The first run of a benchmark process was slower whichever server it drove (the load generator
   * itself warming up), which put that cost on one server alone.
   */
  warmupRunSeconds: num("BENCH_WARMUP_RUN", 6),
  /**
   * Runs per server per scenario, alternating ours/reference: BENCH_REPEATS for every scenario, or
   * by default 4 in scenarios 1 and 2 (their targets are the closest, and one run's p99 moves by
   * ±20 % on this machine) and 2 in the others.
   */
  repeats: repeatsFor,
  /** Longest wait after the load for every receiver to hold every update. */
  graceSeconds: num("BENCH_GRACE", 10),
  /** Scenario 6's offered totals (updates/s on the board), one step each. */
  sweepTotals: list("BENCH_SWEEP_TOTALS", "500,1000,1500,2000,2500,3000,4000,5000").map(Number),
  /** Scenario 6's highest rate per writer; more writers beyond 50 × this (our server allows 60 updates/s per socket). */
  sweepMaxPerWriter: Math.min(60, Math.max(1, num("BENCH_SWEEP_MAX_RATE", 50))),
  sweepSeconds: num("BENCH_SWEEP_SECONDS", 8),
  p99LimitMs: num("BENCH_P99_LIMIT_MS", 100),
  historyUpdates: Math.round(num("BENCH_HISTORY", 10_000)),
  /** Loads after the first one in scenario 5; their median is reported. */
  loads: Math.max(1, Math.round(num("BENCH_LOADS", 7))),
  idleClients: Math.max(1, Math.round(num("BENCH_IDLE_CLIENTS", 1000))),
  /** Scenario 3's write rate per board (one writer each). */
  manyBoardsRate: num("BENCH_MANY_BOARDS_RATE", 2),
  /** Scenario 7: measured edits per phase, and boards taking background writes (at manyBoardsRate) in its busy phase. */
  lagEdits: Math.max(1, Math.round(num("BENCH_LAG_EDITS", 30))),
  lagBoards: Math.round(num("BENCH_LAG_BOARDS", 50)),
  /** Pause after the benchmark created accounts on our server, before anything is measured (0: none). */
  settleSeconds: num("BENCH_SETTLE", 20),
  /** Longest wait before each run for other processes on the machine to go quiet (0: do not wait). */
  quietWaitSeconds: num("BENCH_QUIET_WAIT", 30),
  out: process.env.BENCH_OUT ?? "bench/results/latest.json",
} as const;

export type BenchConfig = typeof config;
