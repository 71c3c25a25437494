/**
 * Runs the hot paths of a board load once before the server listens: the storage queries and
 * Yjs decoding/encoding and the content guard. The first people to reconnect after a restart (a whole meeting at once)
 * then get their boards at warm speed instead of waiting for the JIT and cold query caches.
 */
import * as Y from "yjs";
import { actionDescription, addAction, moveAction } from "../../shared/boards/focus.js";
import { BOARD_SPECS, openBoard } from "../../shared/boards/index.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import { writePlainParagraphs } from "../../shared/richtext/text.js";
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

  warmUpBoardDocuments();
  return performance.now() - started;
}

/**
 * The document side of a board load: a whole focus board decoded, checked by the update and
 * content guards, applied and encoded. No database; the live warm-up runs it first too, so the
 * guards are optimised for whole boards as well as for single edits and do not give up their
 * optimised code when the first whole board comes.
 */
export function warmUpBoardDocuments(): void {
  // A focus board like a working group's: cards with descriptions, moved about.
  const source = new Y.Doc();
  openBoard(source, "focus");
  for (let i = 0; i < 60; i++) {
    source.transact(() => {
      const id = addAction(source, { title: `Uppvärmning ${i}`, dueDate: "2026-01-15" });
      writePlainParagraphs(actionDescription(source, id), "Samverkan kring rutiner.");
      if (i % 3 === 0) moveAction(source, id, "planned", null);
    });
  }
  const state = Y.encodeStateAsUpdate(source);
  for (let round = 0; round < 3; round++) {
    const copy = new Y.Doc();
    checkUpdate(copy, state, LIMITS.maxNestingDepth, BOARD_SPECS.focus);
    Y.applyUpdate(copy, state);
    decodeClientFrame(encodeSyncStep2(Y.encodeStateAsUpdate(copy, Y.encodeStateVector(new Y.Doc()))));
    copy.destroy();
  }
  source.destroy();
}
