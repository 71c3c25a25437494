import type { DocStore, LoadedDoc } from "../docs/doc-store.js";

/** Boards loaded together at most, in one statement. */
const MAX_BATCH = 100;

/**
 * Reads boards' stored documents: a load asked for while another is under way waits for it and
 * then goes with every other waiting one in one statement (store.loadMany), so a reconnect storm
 * costs the database a few round trips instead of one per board, and no load waits longer than
 * one read ahead of it. A store without loadMany reads each board alone.
 */
export function batchedLoads(store: DocStore): (boardId: string) => Promise<LoadedDoc> {
  if (!store.loadMany) return (boardId) => store.load(boardId);
  const loadMany = store.loadMany.bind(store);
  type Waiter = { resolve: (doc: LoadedDoc) => void; reject: (err: unknown) => void };
  const waiting = new Map<string, Waiter[]>();
  let reading = false;
  function next() {
    if (reading || waiting.size === 0) return;
    const batch = new Map([...waiting].slice(0, MAX_BATCH));
    for (const id of batch.keys()) waiting.delete(id);
    reading = true;
    loadMany([...batch.keys()])
      .then(
        (loaded) => {
          for (const [id, waiters] of batch) {
            const doc = loaded.get(id);
            for (const w of waiters) doc ? w.resolve(doc) : w.reject(new Error(`board ${id} was not read`));
          }
        },
        (err) => {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
        },
      )
      .finally(() => {
        reading = false;
        next();
      });
  }
  return (boardId) =>
    new Promise<LoadedDoc>((resolve, reject) => {
      const list = waiting.get(boardId);
      if (list) list.push({ resolve, reject });
      else waiting.set(boardId, [{ resolve, reject }]);
      next();
    });
}
