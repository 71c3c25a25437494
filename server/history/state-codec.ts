/**
 * How a version's Yjs state is stored: the V2 update encoding (column-oriented: about a third of
 * V1 for text typed a character at a time) compressed with gzip off the main thread. A focus
 * board's 13-week history took 21.7 MB stored as V1 bytes and 10.0 MB like this, a third of it the
 * changes' JSON (docs/benchmarks.md).
 */
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import * as Y from "yjs";

const gzipAsync = promisify(gzip);

export async function packState(stateV2: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await gzipAsync(stateV2));
}

/** Applies a stored version's state to `doc`. */
export function applyPackedState(doc: Y.Doc, packed: Uint8Array): void {
  Y.applyUpdateV2(doc, new Uint8Array(gunzipSync(packed)));
}
