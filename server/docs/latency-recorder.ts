/** Keeps recent latency samples (bounded) and answers percentiles; for the persistence stats. */
export function createLatencyRecorder(capacity = 100_000) {
  let samples: number[] = [];
  let count = 0;
  let maxMs = 0;
  return {
    record(ms: number) {
      count++;
      if (ms > maxMs) maxMs = ms;
      samples.push(ms);
      if (samples.length > capacity) samples = samples.slice(-Math.floor(capacity / 2));
    },
    summary() {
      const sorted = [...samples].sort((a, b) => a - b);
      const at = (p: number) =>
        sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
      const round = (n: number) => Math.round(n * 100) / 100;
      return { count, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), maxMs: round(maxMs) };
    },
  };
}
