import { describe, expect, it } from "vitest";
import type { DocStore, LoadedDoc } from "../../server/docs/doc-store.js";
import { createWriteQueue } from "../../server/docs/write-queue.js";
import { createLogger } from "../../server/logger.js";
import { createRoomManager } from "../../server/realtime/room-manager.js";
import { eventually } from "../helpers/eventually.js";

const nothing = (): LoadedDoc => ({ snapshot: null, updates: [], lastSeq: 0, tail: 0 });
/** A store of boards that are all empty and take every write. */
const emptyStore = (): DocStore => ({
  load: async () => nothing(),
  loadMany: async (ids) => new Map(ids.map((id) => [id, nothing()])),
  append: async () => {},
  compact: async () => {},
  recentlyActive: async () => [],
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("unloading idle rooms while people join", () => {
  it("waits for a pause in the joins (a meeting starting as the previous one's rooms unload), then unloads", async () => {
    const store = emptyStore();
    const logger = createLogger("silent");
    const queue = createWriteQueue(store, logger);
    // Idle rooms unload after 1–1.2 s; during a storm of joins, once it has paused for 100 ms.
    const manager = createRoomManager({ store, queue, logger, idleUnloadMs: 1_000 });
    await manager.preload([{ boardId: "idle", kind: "focus" }]);
    expect(manager.room("idle")).toBeDefined();

    // Someone joins another board every 10 ms for 1.6 s: well past the idle room's time.
    let n = 0;
    const joining = setInterval(() => void manager.acquire(`busy${n++ % 5}`, "focus"), 10);
    await sleep(1_600);
    expect(manager.room("idle")).toBeDefined();
    clearInterval(joining);
    await eventually(() => expect(manager.room("idle")).toBeUndefined(), 2_000);
    await manager.shutdown(1_000);
  });

  it("waits for a storm at most as long as a room's idle time, so a storm that never ends does not keep rooms in memory", async () => {
    const store = emptyStore();
    const logger = createLogger("silent");
    const manager = createRoomManager({ store, queue: createWriteQueue(store, logger), logger, idleUnloadMs: 300 });
    await manager.preload([{ boardId: "idle", kind: "focus" }]);
    let n = 0;
    const joining = setInterval(() => void manager.acquire(`busy${n++ % 5}`, "focus"), 10);
    try {
      // Unload due after 300–360 ms, then at most 300 ms of waiting for the storm.
      await eventually(() => expect(manager.room("idle")).toBeUndefined(), 2_000);
    } finally {
      clearInterval(joining);
    }
    await manager.shutdown(1_000);
  });
});
