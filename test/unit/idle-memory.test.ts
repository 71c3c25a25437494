/**
 * The server gives memory back only when nobody is editing: a full collection on a quiet tick
 * while the young generation is still large, none while traffic flows or once it has shrunk.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { releaseMemoryWhenIdle } from "../../server/ops/idle-memory.js";

const MB = 1024 * 1024;

describe("memory given back when the server is quiet", () => {
  afterEach(() => vi.useRealTimers());

  it("collects on quiet ticks until the young generation is small, never during traffic", () => {
    vi.useFakeTimers();
    let traffic = 0;
    let young = 64 * MB;
    const gc = vi.fn(() => {
      young = young > 32 * MB ? 32 * MB : MB; // a collection does not always shrink it all at once
    });
    const stop = releaseMemoryWhenIdle({ quietMs: 1_000, activity: () => traffic, youngBytes: () => young, gc });

    // Edits every tick: no collection, however large the young generation.
    for (let i = 0; i < 5; i++) {
      traffic += 10;
      vi.advanceTimersByTime(1_000);
    }
    expect(gc).not.toHaveBeenCalled();

    // Quiet: collected on each quiet tick until small, then left alone.
    vi.advanceTimersByTime(1_000);
    expect(gc).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(gc).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(gc).toHaveBeenCalledTimes(2);

    // A meeting starts: the young generation grows again; collected once the meeting is over.
    young = 64 * MB;
    traffic += 1;
    vi.advanceTimersByTime(1_000);
    expect(gc).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1_000);
    expect(gc).toHaveBeenCalledTimes(3);
    stop();
  });

  it("does nothing without --expose-gc", () => {
    vi.useFakeTimers();
    const stop = releaseMemoryWhenIdle({ quietMs: 1_000, activity: () => 0, youngBytes: () => 64 * MB, gc: undefined });
    expect(() => vi.advanceTimersByTime(5_000)).not.toThrow();
    stop();
  });
});
