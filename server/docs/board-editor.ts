/**
 * Server-side changes to a board's content (a restored version, actions handed over, an identity
 * number removed): made in the live room when the realtime layer runs, so everyone on the board
 * sees them at once, else appended to the stored log as the next update. Either way the change is
 * an ordinary Yjs update with an author, never a rewrite of what is stored.
 */
import * as Y from "yjs";
import type { BoardKind } from "../../shared/boards/spec.js";
import type { Db } from "../db/client.js";
import { createDocStore } from "./doc-store.js";

export type BoardEdit = (doc: Y.Doc) => void;
type LiveEdit = (boardId: string, kind: BoardKind, authorId: string | null, edit: BoardEdit) => Promise<void>;

export function createBoardEditor(db: Db) {
  const store = createDocStore(db);
  let live: LiveEdit | null = null;
  return {
    /** How the realtime layer takes over: changes then go through the board's room. */
    attachLive(fn: LiveEdit) {
      live = fn;
    },

    /** Applies `edit` in one transaction, authored by `authorId`; resolves once it is stored. */
    async edit(boardId: string, kind: BoardKind, authorId: string | null, edit: BoardEdit): Promise<void> {
      if (live) return live(boardId, kind, authorId, edit);
      const loaded = await store.load(boardId);
      const doc = new Y.Doc();
      try {
        if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
        for (const update of loaded.updates) Y.applyUpdate(doc, update);
        const before = Y.encodeStateVector(doc);
        doc.transact(() => edit(doc));
        const update = Y.encodeStateAsUpdate(doc, before);
        // An update with no structs and no deletions is two zero bytes: nothing changed.
        if (update.byteLength <= 2) return;
        await store.append([{ boardId, seq: loaded.lastSeq + 1, update, authorId }]);
      } finally {
        doc.destroy();
      }
    },
  };
}

export type BoardEditor = ReturnType<typeof createBoardEditor>;
