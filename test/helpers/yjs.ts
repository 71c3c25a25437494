/** Small Yjs utilities shared by the guard and bad-input suites. */
import type * as Y from "yjs";

/** Every incremental update a doc emits while `edit` runs, one per transaction. */
export function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on("update", listener);
  edit();
  doc.off("update", listener);
  return updates;
}
