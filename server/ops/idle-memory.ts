/**
 * Gives memory back once the server has gone quiet. V8 grows its young generation to the maximum
 * under load (and the start-up warm-up is load) and keeps it: an idle server held 32–64 MB of young
 * generation it no longer used. A full collection when no edit has arrived for a while
 * shrinks it and compacts the old generation. It runs only on a quiet tick while the young
 * generation is still large (a collection does not always shrink it at once), never while anyone
 * edits, so it costs no edit any latency. Needs `--expose-gc` (package.json's start script);
 * without it this does nothing.
 */
import { getHeapSpaceStatistics } from "node:v8";
import { traffic } from "../metrics/instruments.js";

type Collect = (options: { type: "major"; execution: "sync" }) => void;

/** A young generation at most this large is left alone. */
const SMALL_YOUNG_BYTES = 4 * 1024 * 1024;

export interface IdleMemoryOptions {
  /** How long without an edit counts as quiet. */
  quietMs?: number;
  /** What counts as activity; by default the edits received. */
  activity?: () => number;
  /** Committed size of the young generation. */
  youngBytes?: () => number;
  gc?: Collect | undefined;
}

const newSpaceBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;

/** Starts watching; returns the function that stops it. */
export function releaseMemoryWhenIdle(options: IdleMemoryOptions = {}): () => void {
  const collect = options.gc ?? (globalThis as { gc?: Collect }).gc;
  if (!collect) return () => {};
  // Edits received: presence renewals of idle clients (every 15 s each) do not count as activity.
  const activity = options.activity ?? (() => traffic.updatesIn);
  const youngBytes = options.youngBytes ?? newSpaceBytes;
  let seen = activity();
  const timer = setInterval(() => {
    const now = activity();
    if (now !== seen) {
      seen = now;
      return;
    }
    if (youngBytes() > SMALL_YOUNG_BYTES) collect({ type: "major", execution: "sync" });
  }, options.quietMs ?? 10_000);
  timer.unref();
  return () => clearInterval(timer);
}
