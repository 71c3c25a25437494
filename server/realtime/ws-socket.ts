/**
 * A `ws` socket as the realtime core sees it (SocketLike), and the per-socket state of the upgrade
 * until a Connection takes over. Both are plain objects with methods on their prototype and the
 * ws event handlers are shared by every socket (`this` is the socket): a thousand idle
 * connections hold no closure, context or dictionary-mode object of their own here. The object
 * literal this replaced (four closures and a getter) was a dictionary-mode object with a context
 * per socket; removing the early-frame listener from the socket turned ws's `_events` into one too.
 */
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import type { Connection, SocketLike } from "./connection.js";
import { rawSocket, writeFrame } from "./ws-frame.js";

export class WsSocket implements SocketLike {
  /** Written to directly when ws would write the same bytes (ws-frame.ts); null: through ws.send. */
  private readonly raw: Duplex | null;

  constructor(private readonly ws: WebSocket) {
    this.raw = rawSocket(ws);
  }

  send(frame: Uint8Array): void {
    if (this.raw) writeFrame(this.raw, frame);
    else this.ws.send(frame);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }
}

/** A `ws` socket as the realtime core sees it. */
export const socketOf = (ws: WebSocket): SocketLike => new WsSocket(ws);

/** A received frame as a view on ws's buffer, without copying. */
export const frameOf = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/**
 * What one board socket holds from the upgrade on: frames that arrive while it is authorised and
 * registered wait in `early` (in order) until `connection` takes them; then only the connection.
 */
export class SocketState {
  early: Uint8Array[] | null = [];
  connection: Connection | null = null;

  constructor(readonly boardId: string) {}

  receive(frame: Uint8Array): void {
    if (this.connection) this.connection.receive(frame);
    else this.early?.push(frame);
  }

  /** Hands the socket to `connection`, with whatever arrived meanwhile. */
  handOver(connection: Connection): void {
    this.connection = connection;
    const early = this.early ?? [];
    this.early = null;
    for (const frame of early) connection.receive(frame);
  }
}
