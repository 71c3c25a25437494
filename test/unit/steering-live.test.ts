/**
 * The steering view's reads after a change (web/src/pages/steering-live.ts): read again after a
 * short pause, and while the answer is unchanged (the projection has not caught up) a few more times
 * with growing pauses; stop once it changed or the pauses run out; a new change starts over.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RETRY_MS, refreshAfterChange } from "../../web/src/pages/steering-live.js";

describe("steering view: reading again after a change", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reads after the first pause and stops once the view changed", async () => {
    const read = vi.fn(async () => true);
    const r = refreshAfterChange(read);
    r.changed();
    await vi.advanceTimersByTimeAsync(RETRY_MS[0] - 1);
    expect(read).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("retries with growing pauses while the projection lags, then gives up", async () => {
    let lagging = 2;
    const read = vi.fn(async () => lagging-- <= 0);
    const r = refreshAfterChange(read);
    r.changed();
    await vi.advanceTimersByTimeAsync(RETRY_MS[0] + RETRY_MS[1]);
    expect(read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(RETRY_MS[2]);
    expect(read).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(read).toHaveBeenCalledTimes(3);

    const never = vi.fn(async () => false);
    const n = refreshAfterChange(never);
    n.changed();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(never).toHaveBeenCalledTimes(RETRY_MS.length);
  });

  it("starts over on a new change, treats a failed read as unchanged, and does nothing once stopped", async () => {
    const read = vi.fn(async () => {
      throw new Error("offline");
    });
    const r = refreshAfterChange(read);
    r.changed();
    await vi.advanceTimersByTimeAsync(RETRY_MS[0]);
    expect(read).toHaveBeenCalledTimes(1);
    r.changed();
    await vi.advanceTimersByTimeAsync(RETRY_MS[0]);
    expect(read).toHaveBeenCalledTimes(2);
    r.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(read).toHaveBeenCalledTimes(2);
  });
});
