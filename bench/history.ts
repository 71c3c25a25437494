/**
 * Scenario 5's pieces: write a board's history through many clients, and time a fresh client's load of it.
 *
 * The history is valid focus-board content that stays on the board, one entry per update: each writer
 * first makes its own cards (one update each), then adds measurements to them in turn (one update
 * each). A card holds at most 100 measurements and a board at most 1000 cards, so a history of up to
 * about 100 000 updates fits.
 */
import * as Y from "yjs";
import { addAction, addMeasurement } from "../shared/boards/focus.js";
import { type BenchClient, connectAll, connectClient, destroyAll } from "./clients.js";
import type { Target } from "./targets.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Writers in parallel: one socket may send at most 60 updates/s to our server, so 10 000 updates need many. */
export const HISTORY_WRITERS = 20;
const HISTORY_RATE = 50;
/** The focus layout's limits: measurements per card and cards per board. */
const MEASUREMENTS_PER_CARD = 100;
const CARDS_PER_BOARD = 1000;

/** Cards a writer with `quota` updates makes so that its measurements fit on them. */
const cardsFor = (quota: number) => Math.ceil(quota / (MEASUREMENTS_PER_CARD + 1));

/** A writer's k-th update: one of its cards first, then a measurement on each of its cards in turn. */
function writeEntry(client: BenchClient, writer: number, cards: number, k: number): void {
  if (k < cards) {
    addAction(client.doc, { id: `h${writer}-${k}`, title: `Historik ${writer}.${k}` });
    return;
  }
  addMeasurement(client.doc, `h${writer}-${(k - cards) % cards}`, {
    label: `Mätning ${k}`,
    value: performance.now(),
    unit: "ms",
    date: "2026-01-15",
    kind: "follow_up",
  });
}

/** History entries (cards + measurements) a client holds: one per update written. */
function entries(client: BenchClient): number {
  let n = 0;
  for (const card of client.actions.values()) {
    if (!(card instanceof Y.Map)) continue;
    const measurements = card.get("measurements");
    n += 1 + (measurements instanceof Y.Map ? measurements.size : 0);
  }
  return n;
}

/** Writes `total` updates (cards, then measurements) to a fresh board; returns it once every writer holds all of them. */
export async function writeHistory(target: Target, total: number): Promise<{ board: string; seconds: number }> {
  await target.prepare(HISTORY_WRITERS + 1);
  const [board] = await target.boards(1, "history");
  if (!board) throw new Error("no board for the history");
  const { clients: writers } = await connectAll(
    Array.from({ length: HISTORY_WRITERS }, (_, i) => ({ endpoint: target.endpoint(i), room: board })),
  );
  try {
    const t0 = performance.now();
    const quota = writers.map((_, i) => Math.floor(total / HISTORY_WRITERS) + (i < total % HISTORY_WRITERS ? 1 : 0));
    const cards = quota.map(cardsFor);
    if (cards.reduce((sum, n) => sum + n, 0) > CARDS_PER_BOARD) {
      throw new Error(
        `a history of ${total} updates does not fit on one focus board (at most ${CARDS_PER_BOARD} cards)`,
      );
    }
    const written = writers.map(() => 0);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.floor(((performance.now() - t0) * HISTORY_RATE) / 1000) + 1;
        let done = true;
        writers.forEach((w, i) => {
          const goal = Math.min(due, quota[i] as number);
          while ((written[i] as number) < goal) writeEntry(w, i, cards[i] as number, (written[i] as number)++);
          if ((written[i] as number) < (quota[i] as number)) done = false;
        });
        if (done) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    // Every writer holding everything means the server has applied everything.
    const deadline = performance.now() + 60_000;
    while (writers.some((w) => entries(w) < total)) {
      if (performance.now() > deadline) throw new Error("history did not reach every writer within 60 s");
      await sleep(50);
    }
    return { board, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await destroyAll(writers);
  }
}

export interface LoadTiming {
  /** connect → synced with all `expected` entries present. */
  ms: number;
  /**
   * connect → the frame carrying the document has arrived (the largest one), before the client
   * applies it: the server's share of the load plus the transfer.
   */
  receivedMs: number;
  /** The client said "synced" before the content was all there (should not happen). */
  syncedEarly: boolean;
  closes: number[];
}

/** One fresh client loading `board`; "loaded" means synced *and* holding `expected` entries (cards + measurements). */
export async function timeLoad(
  target: Target,
  board: string,
  expected: number,
  clientIndex: number,
): Promise<LoadTiming> {
  const t0 = performance.now();
  const client: BenchClient = connectClient(target.endpoint(clientIndex), board, { recordFrames: true });
  try {
    await client.synced(60_000);
    const syncedEarly = entries(client) < expected;
    const deadline = performance.now() + 30_000;
    while (entries(client) < expected) {
      if (performance.now() > deadline) throw new Error(`load ended with ${entries(client)} of ${expected} entries`);
      await sleep(5);
    }
    const ms = performance.now() - t0;
    const largest = client.received.reduce((a, b) => (b.bytes > a.bytes ? b : a), { at: Number.NaN, bytes: -1 });
    return { ms, receivedMs: largest.at - t0, syncedEarly, closes: client.closes };
  } finally {
    await client.destroy();
  }
}
