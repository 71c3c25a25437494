/**
 * Scenario 7's measurement: how long after an edit a card's new title can be read from our server's
 * SQL projection (`GET /api/workspaces/:id/actions?board=<id>`). Our server only: the reference keeps
 * no projections.
 *
 * One stock client on one focus board sets its card's title to a fresh value, then the benchmark polls
 * the actions endpoint (as the same user) every POLL_MS until the title is there; the sample is the time
 * from the edit to the answer that held it. Edits are at least SPACING_MS apart, so each one settles
 * (250 ms quiet) on its own and the board's once-a-second limit is never what delays it. First on a
 * quiet server, then while other boards take background writes, which keep the projector busy: its
 * refreshes are paced (≤ 10 % of the time), so with many changed boards ours waits its turn.
 */
import { addAction, updateAction } from "../shared/boards/focus.js";
import { type BenchClient, connectAll, connectClient, destroyAll } from "./clients.js";
import { cpuMeter, machineMeter, selfCpuMeter } from "./proc.js";
import { percentile } from "./stats.js";
import type { Target } from "./targets.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Least time between two measured edits of the board. */
export const SPACING_MS = 1500;
/** Polls of the actions endpoint start this far apart (or right after a slower answer). */
export const POLL_MS = 20;
/** An edit not readable this long after it was made counts as a timeout; the run goes on. */
export const TIMEOUT_MS = 10_000;
/** The card's first title must be readable within this before anything is measured. */
const SETUP_TIMEOUT_MS = 30_000;
/** Background writers' scheduler tick. */
const TICK_MS = 10;

export interface LagSettings {
  /** Measured edits per phase. */
  edits: number;
  /** Background load of the busy phase: boards with one writer each, and each writer's updates/s. */
  backgroundBoards: number;
  backgroundRate: number;
  /** Seconds of background load before the busy phase's first measured edit. */
  warmupSeconds: number;
}

export interface LagPhase {
  /** Edit → first poll answer holding the new title (ms), for the edits readable within TIMEOUT_MS. */
  lagsMs: number[];
  /** Edits not readable within TIMEOUT_MS. */
  timeouts: number;
  /** Poll requests that failed or were not answered 200. */
  failedPolls: number;
  /** What the first failed poll said. */
  firstFailure: string | null;
  /** Background writes per second made during the phase (0 on the quiet server). */
  backgroundWritesPerSecond: number;
  serverCpuPercent: number;
  generatorCpuPercent: number;
  otherCpuPercent: number;
}

export interface LagRun {
  server: "ours";
  quiet: LagPhase;
  busy: LagPhase;
}

/** Titles of the board's actions as the projection holds them, read as `cookie`'s user. */
function actionsReader(target: Target, board: string, cookie: string) {
  const workspaceId = target.workspaceId;
  if (workspaceId === null) throw new Error(`the ${target.kind} server has no projections to read`);
  return async (timeoutMs: number): Promise<string[]> => {
    const url = `${target.server.baseUrl}/api/workspaces/${workspaceId}/actions?board=${board}`;
    const res = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(timeoutMs) });
    if (res.status !== 200) throw new Error(`GET actions → ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const body = (await res.json()) as { actions: { title: string }[] };
    return body.actions.map((a) => a.title);
  };
}

type Reader = ReturnType<typeof actionsReader>;
/** Failed polls: how many, and what the first one said. */
type Failures = { n: number; first?: string };

/** Polls until `title` is readable; the time of that answer, or null past `deadline`. Counts failed polls. */
async function pollUntilVisible(read: Reader, title: string, deadline: number, failed: Failures) {
  for (;;) {
    const asked = performance.now();
    try {
      const titles = await read(Math.ceil(Math.max(1000, deadline - asked)));
      const answered = performance.now();
      if (titles.includes(title)) return answered;
    } catch (error) {
      if (failed.n++ === 0) failed.first = error instanceof Error ? error.message : String(error);
    }
    const now = performance.now();
    if (now >= deadline) return null;
    await sleep(asked + POLL_MS - now);
  }
}

/** `edits` measured edits of `card`, each at least SPACING_MS after the one before. */
async function measureEdits(client: BenchClient, card: string, read: Reader, edits: number, tag: string) {
  const lagsMs: number[] = [];
  let timeouts = 0;
  const failed: Failures = { n: 0 };
  let lastEdit = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < edits; k++) {
    await sleep(lastEdit + SPACING_MS - performance.now());
    const title = `${tag} #${k} @${Date.now()}`;
    const t0 = performance.now();
    updateAction(client.doc, card, { title });
    lastEdit = t0;
    const seen = await pollUntilVisible(read, title, t0 + TIMEOUT_MS, failed);
    if (seen === null || seen - t0 > TIMEOUT_MS) timeouts++;
    else lagsMs.push(seen - t0);
  }
  return { lagsMs, timeouts, failedPolls: failed.n, firstFailure: failed.first ?? null };
}

/** Meters of one phase: server, generator and everything else on the machine. */
function meters(target: Target) {
  const server = cpuMeter(target.server.pid);
  const self = selfCpuMeter();
  const machine = machineMeter();
  return () => {
    const serverCpuPercent = server.stop();
    const generatorCpuPercent = self.stop();
    const otherCpuPercent = Math.max(0, machine.stop() - serverCpuPercent - generatorCpuPercent);
    return { serverCpuPercent, generatorCpuPercent, otherCpuPercent };
  };
}

/** One writer per fresh board setting its card's title `rate` times a second, random phases. */
async function startBackground(target: Target, boards: number, rate: number, firstClient: number) {
  const rooms = await target.boards(boards, "s7-background");
  const { clients } = await connectAll(rooms.map((room, i) => ({ endpoint: target.endpoint(firstClient + i), room })));
  for (const client of clients) addAction(client.doc, { id: "bg", title: "bg ready" });
  const period = 1000 / rate;
  const t0 = performance.now();
  const next = clients.map(() => t0 + Math.random() * period);
  let written = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    clients.forEach((client, i) => {
      if (now < (next[i] as number)) return;
      updateAction(client.doc, "bg", { title: `bg #${written++} @${now.toFixed(1)}` });
      // A writer that fell behind skips ahead rather than bursting.
      next[i] = Math.max((next[i] as number) + period, now);
    });
  }, TICK_MS);
  return {
    written: () => written,
    async stop() {
      clearInterval(timer);
      await destroyAll(clients);
    },
  };
}

/**
 * One run: a fresh focus board and one member client on it; `settings.edits` measured edits on the
 * quiet server, then as many with the background load running. `say` logs progress.
 */
export async function runProjectionLag(
  target: Target,
  settings: LagSettings,
  say: (message: string) => void,
): Promise<LagRun> {
  await target.prepare(1 + settings.backgroundBoards);
  const [board] = await target.boards(1, "s7-lag");
  if (!board) throw new Error("no board for the projection-lag scenario");
  const endpoint = target.endpoint(0);
  const cookie = endpoint.headers.cookie;
  if (!cookie) throw new Error("no session cookie to read the projection with");
  const read = actionsReader(target, board, cookie);
  const client = connectClient(endpoint, board);
  let background: Awaited<ReturnType<typeof startBackground>> | null = null;
  try {
    await client.synced(30_000);
    // Setup, not measured: the card exists and the projection holds it.
    const card = addAction(client.doc, { id: "lag", title: "lag ready" });
    const start = performance.now();
    if ((await pollUntilVisible(read, "lag ready", start + SETUP_TIMEOUT_MS, { n: 0 })) === null) {
      throw new Error(`the card did not appear in GET …/actions within ${SETUP_TIMEOUT_MS / 1000} s`);
    }
    await sleep(start + SPACING_MS - performance.now());

    say(`  quiet server: ${settings.edits} edits, ≥ ${SPACING_MS / 1000} s apart`);
    let stop = meters(target);
    const quietEdits = await measureEdits(client, card, read, settings.edits, "quiet");
    const quiet: LagPhase = { ...quietEdits, backgroundWritesPerSecond: 0, ...stop() };
    say(`  ${brief(quiet)}`);

    say(
      `  busy server: ${settings.backgroundBoards} boards × 1 writer × ${settings.backgroundRate}/s in the background, ` +
        `${settings.warmupSeconds} s warm-up, then ${settings.edits} edits`,
    );
    background = await startBackground(target, settings.backgroundBoards, settings.backgroundRate, 1);
    await sleep(settings.warmupSeconds * 1000);
    const written0 = background.written();
    const t0 = performance.now();
    stop = meters(target);
    const busyEdits = await measureEdits(client, card, read, settings.edits, "busy");
    const cpu = stop();
    const backgroundWritesPerSecond = (background.written() - written0) / ((performance.now() - t0) / 1000);
    const busy: LagPhase = { ...busyEdits, backgroundWritesPerSecond, ...cpu };
    say(`  ${brief(busy)}`);
    return { server: "ours", quiet, busy };
  } finally {
    await Promise.all([client.destroy(), background?.stop()]);
  }
}

/** p50, p95 and max of lag samples (NaN when there are none). */
export function lagSummary(lagsMs: readonly number[]): { count: number; p50: number; p95: number; max: number } {
  const sorted = [...lagsMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: percentile(sorted, 100),
  };
}

function brief(phase: LagPhase): string {
  const s = lagSummary(phase.lagsMs);
  return (
    `${s.count} seen, ${phase.timeouts} timeouts, p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, ` +
    `max ${s.max.toFixed(0)} ms, server CPU ${phase.serverCpuPercent.toFixed(0)}%` +
    (phase.backgroundWritesPerSecond > 0 ? `, background ${phase.backgroundWritesPerSecond.toFixed(0)} writes/s` : "") +
    (phase.failedPolls > 0 ? `, failed polls ${phase.failedPolls} (first: ${phase.firstFailure})` : "")
  );
}
