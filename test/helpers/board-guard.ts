/** A server document and client replicas for the content-guard suites: what a client sends, checked as a room does. */
import { expect } from "vitest";
import * as Y from "yjs";
import { ProtocolError } from "../../server/realtime/protocol-error.js";
import { checkUpdate } from "../../server/realtime/update-guard.js";
import { BOARD_SPECS, type BoardKind } from "../../shared/boards/index.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { updatesOf } from "./yjs.js";

let nextClientId = 100;

export class GuardedBoard {
  /** The room's copy, garbage-collecting like the server's. */
  readonly server = new Y.Doc({ gc: true });

  constructor(readonly kind: BoardKind) {
    this.server.clientID = 1;
  }

  /** A client that has synced with the server (a fresh client id each time, as separate tabs would have). */
  client(): Y.Doc {
    const doc = new Y.Doc();
    doc.clientID = nextClientId++;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server));
    return doc;
  }

  /** The updates `client` emits while `edit` runs, one per transaction. */
  updates(client: Y.Doc, edit: (doc: Y.Doc) => unknown): Uint8Array[] {
    const updates = updatesOf(client, () => edit(client));
    expect(updates.length, "the edit wrote nothing").toBeGreaterThan(0);
    return updates;
  }

  /** The one update a fresh client sends for `edit`. */
  edit(edit: (doc: Y.Doc) => unknown, client = this.client()): Uint8Array {
    const before = Y.encodeStateVector(client);
    edit(client);
    const update = Y.encodeStateAsUpdate(client, before);
    const { structs, ds } = Y.decodeUpdate(update);
    expect(structs.length + ds.clients.size, "the edit wrote nothing").toBeGreaterThan(0);
    return update;
  }

  /** Checks `update` as the room does, then applies it; fails the test if it is refused. */
  accept(...updates: Uint8Array[]): void {
    for (const update of updates) {
      try {
        checkUpdate(this.server, update, 64, BOARD_SPECS[this.kind]);
      } catch (error) {
        expect.fail(`refused: ${(error as Error).message}`);
      }
      Y.applyUpdate(this.server, update);
      expect(this.server.store.pendingStructs).toBeNull();
    }
  }

  /** Applies the changes `edit` makes on a fresh client through the guard. */
  write(edit: (doc: Y.Doc) => unknown): void {
    const client = this.client();
    this.accept(...this.updates(client, edit));
  }

  /** Checks an update that must be refused as not fitting the board; returns the reason. The server is untouched. */
  refuse(update: Uint8Array): string {
    const before = Y.encodeStateAsUpdate(this.server);
    let error: unknown;
    try {
      checkUpdate(this.server, update, 64, BOARD_SPECS[this.kind]);
    } catch (e) {
      error = e;
    }
    expect(error, "the update was accepted").toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).close, (error as Error).message).toBe(Close.ContentRefused);
    expect(Y.encodeStateAsUpdate(this.server)).toEqual(before);
    return (error as Error).message;
  }
}
