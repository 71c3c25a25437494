/**
 * Making a board's content what an earlier version held, as ordinary edits: each root map of
 * the layout is brought to the version's value key by key (values set where they differ, records
 * and fields missing then removed, rich text replaced where its content differs). Applied in one
 * Yjs transaction on the live document, so it is one new change that everyone receives; the
 * document's past stays as it is. `meta` (kind and layout version) is left alone.
 */
import * as Y from "yjs";
import { BOARD_SPECS } from "../../shared/boards/index.js";
import type { BoardKind } from "../../shared/boards/spec.js";

export function replaceContent(doc: Y.Doc, version: Y.Doc, kind: BoardKind): void {
  for (const root of Object.keys(BOARD_SPECS[kind].roots)) {
    if (root === "meta") continue;
    if (root === "comments") continue; // a conversation is not content: restoring leaves every thread as it is
    syncMap(doc.getMap<unknown>(root), version.getMap<unknown>(root));
  }
}

// biome-ignore lint/suspicious/noExplicitAny: every shared type has clone(); its event type differs per kind
const cloneType = (value: Y.AbstractType<any>) => (value as unknown as { clone(): Y.AbstractType<any> }).clone();

function syncMap(current: Y.Map<unknown>, wanted: Y.Map<unknown>): void {
  for (const key of [...current.keys()]) if (!wanted.has(key)) current.delete(key);
  for (const [key, value] of wanted.entries()) {
    const have = current.get(key);
    if (value instanceof Y.Map) {
      if (have instanceof Y.Map) syncMap(have, value);
      else current.set(key, cloneType(value));
    } else if (value instanceof Y.XmlFragment) {
      if (have instanceof Y.XmlFragment && !(have instanceof Y.XmlElement)) {
        if (have.toString() !== value.toString()) {
          have.delete(0, have.length);
          have.insert(
            0,
            value.toArray().map((node) => cloneType(node) as Y.XmlElement | Y.XmlText),
          );
        }
      } else current.set(key, cloneType(value));
    } else if (value instanceof Y.AbstractType) {
      current.set(key, cloneType(value));
    } else if (JSON.stringify(have) !== JSON.stringify(value)) {
      current.set(key, value);
    }
  }
}
