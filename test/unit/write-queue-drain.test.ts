import { describe, expect, it } from "vitest";
import type { DocStore, StoredUpdate } from "../../server/docs/doc-store.js";
import { createWriteQueue } from "../../server/docs/write-queue.js";
import { createLogger } from "../../server/logger.js";

describe("waiting for a board's updates to be stored before it is read", () => {
  it("waits for that board's write under way, not for another board's", async () => {
    let finish = () => {};
    const writing: StoredUpdate[][] = [];
    const store = {
      append: (rows: StoredUpdate[]) =>
        new Promise<void>((resolve) => {
          writing.push(rows);
          finish = resolve;
        }),
    } as unknown as DocStore;
    const queue = createWriteQueue(store, createLogger("silent"), { windowMs: 0 });
    queue.enqueue({ boardId: "busy", seq: 1, update: new Uint8Array([0, 0]), authorId: null, receivedAt: 0 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(writing).toHaveLength(1); // the busy board's write is in flight

    // A board with nothing queued is read at once; the busy one only once its write has committed.
    expect(await queue.drain(1_000, "quiet")).toBe(true);
    let busyDrained = false;
    const busy = queue.drain(1_000, "busy").then((ok) => {
      busyDrained = ok;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(busyDrained).toBe(false);
    finish();
    await busy;
    expect(busyDrained).toBe(true);
    expect(await queue.drain(1_000)).toBe(true);
  });
});
