import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocStore, LoadedDoc } from "../../server/docs/doc-store.js";
import { createWriteQueue } from "../../server/docs/write-queue.js";
import { createLogger } from "../../server/logger.js";
import { createRoomManager } from "../../server/realtime/room-manager.js";
import { eventually } from "../helpers/eventually.js";

/** A store holding one board with a card title, counting its reads and able to hold a write. */
function countingStore() {
  const doc = new Y.Doc();
  doc.getMap("actions").set("a1", "Boka utbildning");
  const stored = Y.encodeStateAsUpdate(doc);
  let reads = 0;
  let releaseWrite: (() => void) | null = null;
  const store: DocStore = {
    load: async () => {
      reads++;
      return { snapshot: stored, updates: [], lastSeq: 1, tail: 0 } satisfies LoadedDoc;
    },
    append: () => new Promise<void>((resolve) => (releaseWrite = resolve)),
    compact: async () => {},
    recentlyActive: async () => [],
  };
  return {
    store,
    get reads() {
      return reads;
    },
    /** Lets the held write finish once the queue has begun it. */
    async releaseWrite() {
      await eventually(() => expect(releaseWrite).not.toBeNull());
      releaseWrite?.();
    },
  };
}

describe("reading a board while the joining person's access is checked", () => {
  it("the join's load takes the read already under way instead of reading again", async () => {
    const s = countingStore();
    const logger = createLogger("silent");
    const manager = createRoomManager({ store: s.store, queue: createWriteQueue(s.store, logger), logger });
    manager.prefetch("b1");
    manager.prefetch("b1");
    expect(s.reads).toBe(1);
    const room = await manager.acquire("b1", "focus");
    expect(s.reads).toBe(1);
    expect(room.doc.getMap("actions").get("a1")).toBe("Boka utbildning");
    // Loaded: nothing more to read ahead.
    manager.prefetch("b1");
    expect(s.reads).toBe(1);
    await manager.shutdown(1_000);
  });

  it("reads nothing ahead while the board still has writes on their way to storage", async () => {
    const s = countingStore();
    const logger = createLogger("silent");
    const queue = createWriteQueue(s.store, logger);
    const manager = createRoomManager({ store: s.store, queue, logger });
    queue.enqueue({ boardId: "b1", seq: 2, update: new Uint8Array([0, 0]), authorId: null, receivedAt: 0 } as never);
    manager.prefetch("b1");
    expect(s.reads).toBe(0);
    await s.releaseWrite();
    await manager.acquire("b1", "focus");
    expect(s.reads).toBe(1);
    await manager.shutdown(1_000);
  });
});
