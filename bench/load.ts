/**
 * Runs one load against one server: connects clients, lets writers edit their card's title at a fixed
 * rate, and measures fan-out latency, delivery, loss, convergence and CPU/RSS of server and generator.
 *
 * The writes are valid focus-board content (our server refuses anything else): each writer makes one
 * card before anything is measured, and each write gives that card a new title, "w<writer> #<n> @<ms>".
 * A title replaces the one before, so a receiver that gets several writes of one writer in one
 * transaction (our server merges what arrives in one tick; a stalled client applies a backlog) only
 * sees the last. Write n of a writer cannot arrive without writes 0…n-1 (Yjs applies one client's
 * changes in order), so writes between the last one a receiver saw and n arrived then too: every write
 * still counts once per receiver, with the stamp its writer recorded when it made it.
 */
import * as Y from "yjs";
import { addAction, updateAction } from "../shared/boards/focus.js";
import { type BenchClient, connectAll, connectClient, destroyAll } from "./clients.js";
import type { ServerKind } from "./config.js";
import { connectLightWriter, type LightWriter } from "./light-writer.js";
import { cpuMeter, machineMeter, rssBytes, selfCpuMeter } from "./proc.js";
import { BUSY_PERCENT } from "./quiet.js";
import type { WindowStats } from "./servers.js";
import { type Summary, summarize } from "./stats.js";
import { CLIENTS_PER_USER, type Target } from "./targets.js";

export interface LoadShape {
  boards: number;
  clientsPerBoard: number;
  /** The first `writersPerBoard` clients of each board write (and also receive). */
  writersPerBoard: number;
  /** Updates per second per writer. */
  rate: number;
  /**
   * Only the first `stockClients` clients of each board are stock y-websocket clients (they write if
   * among the writers, and they measure); the rest are light writers (light-writer.ts) that do not
   * apply the others' updates. Needs every client to write. Unset: all clients are stock clients.
   */
  stockClients?: number;
  /**
   * People coming and going while the others write (scenario 8): every `everyMs`, `join` new clients
   * join each board (the previous burst's leave), and the board's last `reconnect` clients drop their
   * socket and reconnect, as tablets do after a blip. Reconnecting clients must still receive every
   * write (counted in "lost") but their latency, which includes their own outage, is not sampled.
   */
  churn?: { everyMs: number; join: number; reconnect: number };
}

export interface Timing {
  warmupSeconds: number;
  seconds: number;
  graceSeconds: number;
}

export interface RunResult {
  server: ServerKind;
  shape: LoadShape;
  /** Fan-out latency (write → remote observer) of updates written inside the measured window. */
  latency: Summary;
  targetWritesPerSecond: number;
  writesPerSecond: number;
  /** Updates arriving at remote clients per second during the window (each update counts once per receiver). */
  deliveredPerSecond: number;
  /** Receiver × update pairs still missing after the grace period (must be 0). */
  lost: number;
  /** Seconds after the last write until every receiver held every update (null: never, see `lost`). */
  drainSeconds: number | null;
  boardsConverged: number;
  serverCpuPercent: number;
  /** Of it, the server's own process: without its children (ours: the embedded database's process). */
  serverProcessCpuPercent: number;
  serverRssMaxMB: number;
  generatorCpuPercent: number;
  /** CPU used by everything else on the machine during the window (other people's tests, builds…). */
  otherCpuPercent: number;
  /** Other processes used ≥ BUSY_PERCENT of a core: the run competed for the CPU with something outside the benchmark. */
  disturbed: boolean;
  /** Per client: connect → synced, median and worst (clients are started spread over up to 3 s). */
  connectP50Ms: number;
  connectMaxMs: number;
  /**
   * The generator, not the server, may be what limits this run: it used ≥ 90 % of its one core, or could
   * not even offer 95 % of the writes. Latency then includes the generator's own queueing.
   */
  generatorBound: boolean;
  /** close code → count, for connections the server ended during the run. */
  closes: Record<string, number>;
  /** Ours: persistence latency and event-loop delay from the measured window to the end of the grace period. */
  serverWindow?: WindowStats | null;
  /** Kept out of the JSON; used to pool percentiles over repeats. */
  samples?: Float64Array;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Open-loop scheduler tick: small enough for 60/s writers, cheap for hundreds of writers. */
const TICK_MS = 5;
/** A writer that falls this far behind skips ahead instead of bursting (the skipped writes just are not sent). */
const MAX_CATCH_UP = 5;
/** y-protocols' awareness renews a client's presence every outdatedTimeout / 2 = 15 s. */
const PRESENCE_RENEW_MS = 15_000;
/** Node runs the generator's clients on one thread: near a full core, it is the bottleneck. */
const GENERATOR_BOUND_CPU = 90;

/** How long every client may take to see every writer's card before the load starts. */
const CARDS_TIMEOUT_MS = 30_000;

interface Writer {
  /** The stock client writing, or null for a light writer. */
  client: BenchClient | null;
  write(title: string): void;
  /** Its place among its board's writers; its card's id is `w<index>`. */
  index: number;
  card: string;
  start: number;
  slots: number;
  written: number;
  /** performance.now() when each write (by number) was made. */
  stamps: number[];
}

/** A write's title: the writer's card, the write's number and its time. */
const title = (card: string, n: number, stamp: number) => `${card} #${n} @${stamp.toFixed(1)}`;
const TITLE = /^w(\d+) #(\d+) @/;

/** Sorted state vector + every card's title: equal for two docs exactly when they hold the same updates here. */
function fingerprint(client: BenchClient): string {
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(client.doc)).entries()].sort((a, b) => a[0] - b[0]);
  const titles = [...client.actions.entries()]
    .map(([id, card]) => `${id}=${card instanceof Y.Map ? String(card.get("title")) : "?"}`)
    .sort();
  return `${sv.map(([c, k]) => `${c}:${k}`).join(",")}|${titles.join(",")}`;
}

export async function runLoad(target: Target, shape: LoadShape, timing: Timing, label: string): Promise<RunResult> {
  const total = shape.boards * shape.clientsPerBoard;
  const churn = shape.churn;
  // Joiners are people of their own (endpoints from the next whole user on): sharing a user with
  // clients that reconnect, whose old sockets the server may not have dropped yet, they could pass
  // its 20 sockets per user and be turned away (4529), which is not what this load is about.
  const joinersFrom = Math.ceil(total / CLIENTS_PER_USER) * CLIENTS_PER_USER;
  await target.prepare(churn ? joinersFrom + churn.join * shape.boards : total);
  const rooms = await target.boards(shape.boards, label);
  // Stock clients per board; the board's other clients (all writers) are light writers.
  const stock = Math.min(shape.stockClients ?? shape.clientsPerBoard, shape.clientsPerBoard);
  if (stock < shape.clientsPerBoard && shape.writersPerBoard !== shape.clientsPerBoard)
    throw new Error("light writers need every client of the board to write");
  const specs = rooms.flatMap((room, b) =>
    Array.from({ length: stock }, (_, c) => ({ endpoint: target.endpoint(b * shape.clientsPerBoard + c), room })),
  );
  const { clients, syncMs } = await connectAll(specs);
  const light: LightWriter[] = rooms.flatMap((room, b) =>
    Array.from({ length: shape.clientsPerBoard - stock }, (_, l) =>
      connectLightWriter(target.endpoint(b * shape.clientsPerBoard + stock + l), room, `w${stock + l}`),
    ),
  );
  const connect = summarize(syncMs);
  const presence: NodeJS.Timeout[] = [];
  let joiners: BenchClient[] = [];
  let churnTimer: NodeJS.Timeout | null = null;
  /** Clients that reconnect in bursts: their samples include their own outage, so they are not taken. */
  const churners = new Set<BenchClient>(churn ? clients.filter((_, i) => i % stock >= stock - churn.reconnect) : []);

  try {
    await Promise.all(light.map((l) => l.opened));
    // Presence as people produce it: each client changes its state once at a random moment in the
    // first renewal period, so the stock 15 s renewals that follow are spread out, not synchronised.
    clients.forEach((client, i) => {
      const timer = setTimeout(
        () => client.provider.awareness.setLocalStateField("focus", `card-${i % 20}`),
        Math.random() * PRESENCE_RENEW_MS,
      );
      presence.push(timer);
    });

    // Writes stamped inside [windowStart, windowEnd) are the measured ones.
    let windowStart = Number.POSITIVE_INFINITY;
    let windowEnd = Number.POSITIVE_INFINITY;
    const samples: number[] = [];
    let arrivals = 0;
    let windowWrites = 0;

    // Setup, before anything is measured: each writer makes its card, and every client gets every card.
    const writersByBoard: Writer[][] = [];
    for (let b = 0; b < shape.boards; b++) {
      const boardWriters: Writer[] = [];
      for (let w = 0; w < shape.writersPerBoard; w++) {
        const card = `w${w}`;
        const stamps: number[] = [];
        const base = { index: w, card, start: 0, slots: 0, written: 0, stamps };
        if (w < stock) {
          const client = clients[b * stock + w] as BenchClient;
          addAction(client.doc, { id: card, title: `${card} ready` });
          const write = (t: string) => updateAction(client.doc, card, { title: t });
          boardWriters.push({ ...base, client, write });
        } else {
          // A light writer made its card when it connected.
          const writer = light[b * (shape.clientsPerBoard - stock) + w - stock] as LightWriter;
          boardWriters.push({ ...base, client: null, write: writer.write });
        }
      }
      writersByBoard.push(boardWriters);
    }
    const cardsBy = performance.now() + CARDS_TIMEOUT_MS;
    while (clients.some((c) => c.actions.size < shape.writersPerBoard)) {
      if (performance.now() > cardsBy) throw new Error("the writers' cards did not reach every client within 30 s");
      await sleep(20);
    }
    for (const l of light) l.deafen();

    // Per client, the number of the last write it has seen from each writer of its board (-1: none).
    const seen = clients.map(() => new Int32Array(shape.writersPerBoard).fill(-1));
    clients.forEach((client, i) => {
      const boardWriters = writersByBoard[Math.floor(i / stock)] as Writer[];
      const last = seen[i] as Int32Array;
      client.actions.observeDeep((events, transaction) => {
        if (transaction.local) return; // our own write, not a delivery
        const now = performance.now();
        for (const event of events) {
          if (event.target === client.actions || !(event as Y.YMapEvent<unknown>).keysChanged.has("title")) continue;
          const match = TITLE.exec(String((event.target as Y.Map<unknown>).get("title")));
          const writer = match ? boardWriters[Number(match[1])] : undefined;
          if (!match || !writer) continue;
          const n = Number(match[2]);
          // Writes this receiver has not seen yet up to n all arrived now (see the top of this file).
          for (let k = (last[writer.index] as number) + 1; k <= n; k++) {
            const stamp = writer.stamps[k] as number;
            if (churners.has(client)) continue;
            if (stamp >= windowStart && stamp < windowEnd) samples.push(now - stamp);
            if (now >= windowStart && now < windowEnd) arrivals++;
          }
          if (n > (last[writer.index] as number)) last[writer.index] = n;
        }
      });
    });

    const writers = writersByBoard.flat();
    const period = 1000 / shape.rate;
    const startAt = performance.now() + 100;
    // Random phase so writers do not all fire in the same tick.
    for (const w of writers) w.start = startAt + Math.random() * period;
    windowStart = startAt + timing.warmupSeconds * 1000;
    windowEnd = windowStart + timing.seconds * 1000;

    const tick = setInterval(() => {
      const now = performance.now();
      if (now >= windowEnd) return;
      for (const w of writers) {
        if (now < w.start) continue;
        const due = Math.floor(((now - w.start) * shape.rate) / 1000) + 1;
        const burst = Math.min(due - w.slots, MAX_CATCH_UP);
        w.slots = due;
        for (let i = 0; i < burst; i++) {
          const n = w.written++;
          const stamp = performance.now();
          w.stamps[n] = stamp;
          w.write(title(w.card, n, stamp));
          if (stamp >= windowStart && stamp < windowEnd) windowWrites++;
        }
      }
    }, TICK_MS);

    if (churn) {
      churnTimer = setInterval(() => {
        if (performance.now() >= windowEnd) return;
        const leaving = joiners;
        joiners = rooms.flatMap((room, b) =>
          Array.from({ length: churn.join }, (_, j) =>
            connectClient(target.endpoint(joinersFrom + b * churn.join + j), room),
          ),
        );
        void destroyAll(leaving);
        for (const c of churners) {
          c.provider.disconnect();
          c.provider.connect();
        }
      }, churn.everyMs);
    }

    await sleep(windowStart - performance.now());
    const serverWindow = target.server.windowStats?.(); // starts the server's own measuring window
    const serverCpu = cpuMeter(target.server.pid);
    const serverProcessCpu = cpuMeter(target.server.pid, false);
    const selfCpu = selfCpuMeter();
    const machine = machineMeter();
    let rssMax = rssBytes(target.server.pid);
    const rssTimer = setInterval(() => {
      rssMax = Math.max(rssMax, rssBytes(target.server.pid));
    }, 1000);
    await sleep(windowEnd - performance.now());
    clearInterval(tick);
    clearInterval(rssTimer);
    if (churnTimer) clearInterval(churnTimer);
    const measured = (performance.now() - windowStart) / 1000;
    const serverCpuPercent = serverCpu.stop();
    const serverProcessCpuPercent = serverProcessCpu.stop();
    const generatorCpuPercent = selfCpu.stop();
    const otherCpuPercent = Math.max(0, machine.stop() - serverCpuPercent - generatorCpuPercent);
    rssMax = Math.max(rssMax, rssBytes(target.server.pid));
    const deliveredPerSecond = arrivals / measured;

    // Grace: every client must end up with every write of every other writer of its board.
    const missing = () => {
      let sum = 0;
      clients.forEach((client, i) => {
        const last = seen[i] as Int32Array;
        for (const w of writersByBoard[Math.floor(i / stock)] as Writer[]) {
          if (w.client !== client) sum += w.written - 1 - (last[w.index] as number);
        }
      });
      return sum;
    };
    const drainStart = performance.now();
    let drainSeconds: number | null = null;
    while (performance.now() - drainStart < timing.graceSeconds * 1000) {
      if (missing() === 0) {
        drainSeconds = (performance.now() - drainStart) / 1000;
        break;
      }
      await sleep(50);
    }
    const lost = missing();
    // The measured writes are all delivered, so applied; give the last group commit time to finish.
    await serverWindow;
    await sleep(200);
    const windowStats = (await target.server.windowStats?.()) ?? null;

    let boardsConverged = 0;
    for (let b = 0; b < shape.boards; b++) {
      const prints = new Set(clients.slice(b * stock, (b + 1) * stock).map(fingerprint));
      if (prints.size === 1) boardsConverged++;
    }

    const closes: Record<string, number> = {};
    for (const c of [...clients, ...light]) for (const code of c.closes) closes[code] = (closes[code] ?? 0) + 1;

    const sampleArray = Float64Array.from(samples);
    return {
      server: target.kind,
      shape,
      latency: summarize(sampleArray),
      targetWritesPerSecond: writers.length * shape.rate,
      writesPerSecond: windowWrites / timing.seconds,
      deliveredPerSecond,
      lost,
      drainSeconds,
      boardsConverged,
      serverCpuPercent,
      serverProcessCpuPercent,
      serverRssMaxMB: rssMax / 2 ** 20,
      generatorCpuPercent,
      otherCpuPercent,
      disturbed: otherCpuPercent >= BUSY_PERCENT,
      connectP50Ms: connect.p50,
      connectMaxMs: connect.max,
      generatorBound:
        generatorCpuPercent >= GENERATOR_BOUND_CPU ||
        windowWrites / timing.seconds < 0.95 * writers.length * shape.rate,
      closes,
      serverWindow: windowStats,
      samples: sampleArray,
    };
  } finally {
    for (const timer of presence) clearTimeout(timer);
    if (churnTimer) clearInterval(churnTimer);
    await destroyAll([...clients, ...joiners]);
    await Promise.all(light.map((l) => l.destroy()));
  }
}
