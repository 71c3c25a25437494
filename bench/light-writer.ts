/**
 * A light writer for the heavy scenarios (4 and the sweep): one raw WebSocket speaking the y-websocket
 * sync protocol and a private Y.Doc that holds little more than its own card.
 *
 * A stock client applies every update of every other writer to its full document (about 20 µs per
 * message): with 50 stock writers on one board the load generator spent a whole core on that and
 * measured itself, not the server. A light writer applies what the server sends only until the run
 * starts (the board's first state: the other cards), then reads its socket and drops the frames. Its own
 * writes are made with the same helpers (`updateAction` on its card) and reach the server as the same
 * small updates a stock client would send, so the server's work per update is unchanged. Latency and
 * loss are measured by the stock clients on the board, which apply everything.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { addAction, updateAction } from "../shared/boards/focus.js";
import { ACTIONS_ROOT, closed, type Endpoint } from "./clients.js";

const MESSAGE_SYNC = 0;
const REMOTE = Symbol("remote");

export interface LightWriter {
  /** The card this writer edits (made on its private doc, sent to the server at once). */
  card: string;
  /** Sets the card's title: one small update on the wire. */
  write(title: string): void;
  /** From now on, frames from the server are read and dropped (call once the run's setup is done). */
  deafen(): void;
  /** Close codes of connections the server ended (not our own destroy). */
  closes: number[];
  opened: Promise<void>;
  destroy(): Promise<void>;
}

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function connectLightWriter(endpoint: Endpoint, room: string, card: string): LightWriter {
  const doc = new Y.Doc();
  doc.getMap(ACTIONS_ROOT);
  const ws = new WebSocket(`${endpoint.serverUrl}/${room}`, { headers: endpoint.headers, perMessageDeflate: false });
  ws.binaryType = "nodebuffer";
  const closes: number[] = [];
  let deaf = false;
  let destroying = false;

  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE || ws.readyState !== WebSocket.OPEN) return;
    ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, update)));
  });
  ws.on("message", (data: Buffer) => {
    if (deaf) return;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // awareness and the rest: not needed here
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(decoder, reply, doc, REMOTE);
    if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
  });
  // A socket error ends in "close" (counted there); without a listener it would end the benchmark.
  ws.on("error", () => {});
  ws.on("close", (code) => {
    if (!destroying) closes.push(code);
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => {
      // As a stock client does: our state vector (the server answers with the board), then the card.
      ws.send(syncFrame((e) => syncProtocol.writeSyncStep1(e, doc)));
      addAction(doc, { id: card, title: `${card} ready` });
      resolve();
    });
    ws.once("error", reject);
  });

  return {
    card,
    write: (title) => updateAction(doc, card, { title }),
    deafen: () => {
      deaf = true;
    },
    closes,
    opened,
    async destroy() {
      destroying = true;
      doc.destroy();
      await closed(ws, true);
    },
  };
}
