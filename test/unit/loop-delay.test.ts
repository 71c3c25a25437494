import { afterEach, describe, expect, it } from "vitest";
import { createLoopDelayMonitor, type LoopDelayMonitor } from "../../server/realtime/loop-delay.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
function block(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

describe("event-loop delay monitor", () => {
  let monitor: LoopDelayMonitor;
  afterEach(() => monitor.stop());

  it("records a stall of the event loop while a connection is open", async () => {
    monitor = createLoopDelayMonitor(5);
    monitor.hold();
    await sleep(30);
    block(60);
    await sleep(30);
    const window = monitor.takeWindow();
    expect(window.maxMs).toBeGreaterThanOrEqual(50);
    expect(window.p50Ms).toBeLessThan(50);
    expect(monitor.total().maxMs).toBe(window.maxMs);
  });

  it("starts a new window each time one is taken, and keeps the whole run's figures", async () => {
    monitor = createLoopDelayMonitor(5);
    monitor.hold();
    await sleep(20);
    block(60);
    await sleep(20);
    monitor.takeWindow();
    await sleep(40);
    expect(monitor.takeWindow().maxMs).toBeLessThan(50);
    expect(monitor.total().maxMs).toBeGreaterThanOrEqual(50);
  });

  it("measures nothing, and so never wakes the process, once the last connection closed", async () => {
    monitor = createLoopDelayMonitor(5);
    monitor.hold();
    monitor.hold();
    monitor.release();
    await sleep(20);
    block(40);
    await sleep(20);
    expect(monitor.takeWindow().maxMs).toBeGreaterThanOrEqual(30); // one connection still open
    monitor.release();
    monitor.takeWindow();
    await sleep(30);
    block(40);
    await sleep(30);
    expect(monitor.takeWindow()).toEqual({ p50Ms: 0, p99Ms: 0, maxMs: 0 });
  });
});
