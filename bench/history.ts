/** Scenario 5's pieces: write a board's history through many clients, and time a fresh client's load of it. */
import { type BenchClient, connectAll, connectClient, destroyAll } from "./clients.js";
import type { Target } from "./targets.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Writers in parallel: one socket may send at most 60 updates/s to our server, so 10 000 updates need many. */
export const HISTORY_WRITERS = 20;
const HISTORY_RATE = 50;

/** Writes `total` single-key updates to a fresh board; returns it once every writer holds all of them. */
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
    const written = writers.map(() => 0);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.floor(((performance.now() - t0) * HISTORY_RATE) / 1000) + 1;
        let done = true;
        writers.forEach((w, i) => {
          const goal = Math.min(due, quota[i] as number);
          while ((written[i] as number) < goal) w.map.set(`h${i}:${(written[i] as number)++}`, performance.now());
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
    while (writers.some((w) => w.map.size < total)) {
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
  /** The client said "synced" before the content was all there (should not happen). */
  syncedEarly: boolean;
  closes: number[];
}

/** One fresh client loading `board`; "loaded" means synced *and* holding `expected` entries. */
export async function timeLoad(
  target: Target,
  board: string,
  expected: number,
  clientIndex: number,
): Promise<LoadTiming> {
  const t0 = performance.now();
  const client: BenchClient = connectClient(target.endpoint(clientIndex), board);
  try {
    await client.synced(60_000);
    const syncedEarly = client.map.size < expected;
    const deadline = performance.now() + 30_000;
    while (client.map.size < expected) {
      if (performance.now() > deadline) throw new Error(`load ended with ${client.map.size} of ${expected} entries`);
      await sleep(5);
    }
    return { ms: performance.now() - t0, syncedEarly, closes: client.closes };
  } finally {
    await client.destroy();
  }
}
