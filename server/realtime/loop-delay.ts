/**
 * How long ready work waits for the event loop: every millisecond of it is fan-out latency. A
 * timer that should fire every `resolutionMs` records how late it fired, into the whole run's
 * histogram and the current window's (SIGUSR2, for the benchmark).
 *
 * It runs only while someone is connected. Each firing wakes the process; at 5 ms, with a second
 * histogram for windows (Node's `monitorEventLoopDelay`, one timer each), that was 400 wake-ups a
 * second during load and 200 on an idle server, about 1 % of a core for measuring alone.
 */
import { createHistogram, type RecordableHistogram } from "node:perf_hooks";

export interface LoopDelays {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export const LOOP_DELAY_RESOLUTION_MS = 10;

export function createLoopDelayMonitor(resolutionMs = LOOP_DELAY_RESOLUTION_MS) {
  const total = createHistogram();
  let window = createHistogram();
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  let holders = 0;

  function tick() {
    const now = performance.now();
    // Recorded in microseconds (a histogram takes integers ≥ 1); 1 µs stands for "on time".
    const late = Math.max(1, Math.round((now - last - resolutionMs) * 1000));
    last = now;
    total.record(late);
    window.record(late);
  }

  return {
    /** A connection opened: measure while any is open. */
    hold() {
      if (holders++ > 0) return;
      last = performance.now();
      timer = setInterval(tick, resolutionMs);
      timer.unref();
    },
    /** A connection closed. */
    release() {
      if (holders === 0 || --holders > 0) return;
      if (timer) clearInterval(timer);
      timer = null;
    },
    total: () => delays(total),
    /** The delays since the previous call; a new window starts. */
    takeWindow(): LoopDelays {
      const taken = delays(window);
      window = createHistogram();
      return taken;
    },
    stop() {
      holders = 0;
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type LoopDelayMonitor = ReturnType<typeof createLoopDelayMonitor>;

function delays(h: RecordableHistogram): LoopDelays {
  if (h.count === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0 };
  return { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
}

const ms = (us: number) => (us <= 1 ? 0 : Math.round(us / 10) / 100);
