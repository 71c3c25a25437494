/**
 * Runs the hot paths of a board load once before the server listens: the storage queries and
 * Yjs decoding/encoding. The first people to reconnect after a restart (a whole meeting at once)
 * then get their boards at warm speed instead of waiting for the JIT and cold query caches.
 */
import * as Y from "yjs";
import type { DocStore } from "../docs/doc-store.js";
import type { Services } from "../services/index.js";
import { decodeClientFrame, encodeSyncStep2 } from "./codec.js";
import { checkUpdate } from "./update-guard.js";

const NIL = "00000000-0000-4000-8000-000000000000";

export async function warmUp(store: DocStore, services: Services): Promise<number> {
  const started = performance.now();
  await store.load(NIL);
  await services.sessions.resolve("warm-up-token-that-matches-nothing");
  await services.access.board({ id: NIL, isAdmin: false }, NIL, "boards.read").catch(() => {});

  const source = new Y.Doc();
  const map = source.getMap("warm");
  const text = source.getText("text");
  for (let batch = 0; batch < 40; batch++) {
    source.transact(() => {
      for (let i = 0; i < 100; i++) map.set(`k${batch}:${i}`, { n: i, label: "uppvärmning" });
      text.insert(text.length, "Samverkan ");
    });
  }
  const state = Y.encodeStateAsUpdate(source);
  for (let round = 0; round < 3; round++) {
    const copy = new Y.Doc();
    checkUpdate(copy, state);
    Y.applyUpdate(copy, state);
    decodeClientFrame(encodeSyncStep2(Y.encodeStateAsUpdate(copy, Y.encodeStateVector(new Y.Doc()))));
    copy.destroy();
  }
  source.destroy();
  return performance.now() - started;
}
