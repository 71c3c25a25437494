import { describe, expect, it } from "vitest";
import type { DocStore, StoredUpdate } from "../../server/docs/doc-store.js";
import { createWriteQueue } from "../../server/docs/write-queue.js";
import { createLogger } from "../../server/logger.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("group commit under steady load", () => {
  it("batches what arrives during a write into the next window instead of committing it at once", async () => {
    const commits: number[] = [];
    const store = {
      append: async (rows: StoredUpdate[]) => {
        commits.push(rows.length);
        await sleep(4); // the database's share of one commit
      },
    } as unknown as DocStore;
    const windowMs = 25;
    const queue = createWriteQueue(store, createLogger("silent"), { windowMs });
    const latencies: number[] = [];
    // An update every ~2 ms on a different board for 400 ms, as 200 boards with a writer each send.
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 400) {
      const receivedAt = performance.now();
      queue.enqueue({
        boardId: `b${n % 200}`,
        seq: ++n,
        update: new Uint8Array([0, 0]),
        authorId: null,
        receivedAt,
        onDurable: () => latencies.push(performance.now() - receivedAt),
      });
      await sleep(2);
    }
    expect(await queue.drain(5_000)).toBe(true);
    expect(latencies).toHaveLength(n);
    // Committing again as soon as a write returned made a chain of one- and two-row commits
    // (here ~n/2 of them); paced by the window, there are about 400 / 25 of them.
    expect(commits.length).toBeLessThanOrEqual(Math.ceil(400 / windowMs) + 4);
    expect(commits.reduce((a, b) => a + b, 0)).toBe(n);
    // And no update waits much longer than the window plus one write.
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(3 * windowMs);
  });
});
