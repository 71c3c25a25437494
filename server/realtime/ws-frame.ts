/**
 * A WebSocket frame built once for all recipients of a broadcast. `ws` builds every frame anew
 * for every socket (a header buffer, an options object and a view of the payload, then two writes
 * under cork/uncork); for an update going out to fifty people that is fifty times the same bytes.
 * Here the frame's bytes are made on the first send of a payload and kept beside it (a WeakMap, so
 * they go when the payload goes), and each further socket gets one plain write of them.
 */
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";

const framed = new WeakMap<Uint8Array, Buffer>();

/** The wire bytes of one final, unmasked binary frame (RFC 6455 §5.2) carrying `payload`. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const bytes = Buffer.allocUnsafe(header + length);
  bytes[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) {
    bytes[1] = length;
  } else if (length < 65_536) {
    bytes[1] = 126;
    bytes.writeUInt16BE(length, 2);
  } else {
    bytes[1] = 127;
    bytes.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    bytes.writeUInt32BE(length >>> 0, 6);
  }
  bytes.set(payload, header);
  return bytes;
}

/**
 * A send function for an open server-side socket: frames written straight to its TCP socket.
 * Only where `ws` would write exactly these bytes itself: no extension (permessage-deflate would
 * compress and set RSV1) — then it falls back to `ws.send`. Frames keep their order with what
 * `ws` writes itself (pings, close), since both write to the same socket synchronously.
 */
export function frameSender(ws: WebSocket): (payload: Uint8Array) => void {
  const socket = rawSocket(ws);
  if (!socket) return (payload) => ws.send(payload);
  return (payload) => writeFrame(socket, payload);
}

/** The TCP socket under `ws` when frames may be written to it directly (no extension), else null. */
export function rawSocket(ws: WebSocket): Duplex | null {
  const socket = (ws as unknown as { _socket?: Duplex })._socket;
  return socket && ws.extensions === "" ? socket : null;
}

/** Writes `payload` as one binary frame, its bytes built once per payload (see above). */
export function writeFrame(socket: Duplex, payload: Uint8Array): void {
  let bytes = framed.get(payload);
  if (!bytes) {
    bytes = binaryFrame(payload);
    framed.set(payload, bytes);
  }
  socket.write(bytes);
}
