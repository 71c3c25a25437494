/**
 * Runs the live editing path a few thousand times before the server listens, so that the first
 * meeting after a restart is served by optimised code. V8 compiles a function with its optimising
 * compiler only after it has run for a while; at the pace of a meeting (tens of edits a second)
 * that takes a minute or more, during which every edit runs slower code and the compiler takes a
 * core of its own. Measured with the benchmark's first scenario: without this, the server was
 * still compiling its hot path (ws frames, the update and content guards, Yjs) 15 s into the load.
 *
 * The traffic is real, over loopback WebSockets: clients type into cards' descriptions, rename and
 * move cards and update their presence on a throw-away focus board, through the same Connection,
 * Room and write queue as a board in use. Nothing is stored: the write queue writes to a store
 * that keeps nothing, and the port (127.0.0.1, chosen by the system) is closed before the server
 * listens on its own.
 */
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { ACTION_STATUSES, actionDescription, addAction, moveAction, updateAction } from "../../shared/boards/focus.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import type { DocStore } from "../docs/doc-store.js";
import { createWriteQueue } from "../docs/write-queue.js";
import type { Logger } from "../logger.js";
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from "./codec.js";
import { Connection } from "./connection.js";
import { Room } from "./room.js";
import { warmUpBoardDocuments } from "./warm-up.js";
import { frameOf, socketOf } from "./ws-socket.js";

const NIL = "00000000-0000-4000-8000-000000000000";
/** Clients, and edits each: within the per-socket burst allowance, so none is rate limited. */
const CLIENTS = 16;
const EDITS_PER_CLIENT = Math.floor(LIMITS.updatesBurst * 0.8);
const AT_ONCE = 4;

/** A store that keeps nothing: the warm-up's edits are not anyone's. */
const nowhere: DocStore = {
  load: async () => ({ snapshot: null, updates: [], lastSeq: 0, tail: 0 }),
  append: async () => {},
  compact: async () => {},
  recentlyActive: async () => [],
};

interface WarmClient {
  ws: WebSocket;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  card: string;
}

/** Returns how long it took (ms). Never throws: a failed warm-up only means a slower first minute. */
export async function warmUpLive(logger: Logger): Promise<number> {
  const started = performance.now();
  // Whole boards first: with only single edits behind them, the guards' optimised code was thrown
  // away ("wrong map") at the board-load warm-up's first whole board, and only optimised again
  // some 30 s into real editing.
  warmUpBoardDocuments();
  const wss = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    maxPayload: LIMITS.maxFrameBytes,
    perMessageDeflate: false,
  });
  const queue = createWriteQueue(nowhere, logger);
  const room = new Room(NIL, "focus", await nowhere.load(NIL), {
    store: nowhere,
    queue,
    logger,
    // Compacted now and then (into the store that keeps nothing), as a board in use is: the code
    // is then optimised for a room whose compaction timer and promise have been set, too.
    compactAfter: 300,
    onStored: () => {},
  });
  const clients: WarmClient[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      wss.once("listening", resolve);
      wss.once("error", reject);
    });
    let n = 0;
    wss.on("connection", (ws) => {
      const i = n++;
      const connection = new Connection(
        socketOf(ws),
        {
          userId: `warm-up-${i}`,
          name: "Uppvärmning",
          organization: null,
          sessionId: `warm-up-${i}`,
          boardId: NIL,
          boardKind: "focus",
          workspaceId: NIL,
          role: "member",
          locked: false,
        },
        logger,
        () => {},
      );
      ws.on("message", (data: Buffer) => connection.receive(frameOf(data)));
      ws.on("close", () => connection.detach());
      ws.on("error", (err) => logger.debug({ err }, "warm-up socket error"));
      connection.attach(room);
    });
    const { port } = wss.address() as AddressInfo;
    for (let i = 0; i < CLIENTS; i++) clients.push(await connect(`ws://127.0.0.1:${port}/`, i, room));

    // A few clients edit at a time, as in a meeting: each turn of the room fans out a handful of edits.
    for (let round = 0; round < (EDITS_PER_CLIENT * CLIENTS) / AT_ONCE; round++) {
      const editing = clients.slice((round * AT_ONCE) % CLIENTS, ((round * AT_ONCE) % CLIENTS) + AT_ONCE);
      for (const client of editing) edit(client, Math.floor((round * AT_ONCE) / CLIENTS));
      // The next round once the room has applied this one (each client's edits build on its own).
      await until(() =>
        editing.every((c) => Y.getState(room.doc.store, c.doc.clientID) === Y.getState(c.doc.store, c.doc.clientID)),
      );
    }
    await queue.drain();
  } catch (err) {
    logger.warn({ err }, "warming up the live editing path failed; the first edits may be slower");
  } finally {
    for (const c of clients) c.awareness.destroy();
    // Both ends of every socket, and wait until they are closed: nothing of this outlives it.
    const sockets = [...clients.map((c) => c.ws), ...wss.clients];
    await Promise.all(sockets.map((ws) => closed(ws)));
    room.destroy();
    await new Promise((resolve) => wss.close(resolve));
  }
  return performance.now() - started;
}

async function connect(url: string, i: number, room: Room): Promise<WarmClient> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.binaryType = "nodebuffer";
  await new Promise<void>((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  ws.on("error", () => {}); // a socket error here only ends the warm-up early (it waits for the room)
  const doc = new Y.Doc();
  ws.send(encodeSyncStep1(Y.encodeStateVector(doc)));
  // And the answer to the server's sync step 1, as a stock client sends it on joining: what it has
  // that the board lacks, nothing for a new client. Without it the update guard's path for empty
  // updates first ran when real people joined, and threw away its optimised code then.
  ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(room.doc))));
  // What the server's sync step 2 would bring (the layout it stamped), taken directly: the client
  // side is not what is being warmed.
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const awareness = new awarenessProtocol.Awareness(doc);
  doc.on("update", (update: Uint8Array) => ws.send(encodeUpdate(update)));
  awareness.on("update", ({ added, updated }: Record<string, number[]>) => {
    const changed = [...(added ?? []), ...(updated ?? [])];
    ws.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, changed)));
  });
  // Cards with and without a due date, as people make them.
  const card = addAction(doc, { title: `Uppvärmning ${i}`, ...(i % 2 === 0 ? { dueDate: "2026-01-15" } : {}) });
  return { ws, doc, awareness, card };
}

/** One edit such as people make: mostly typing, now and then a title, a move or a cursor. */
function edit(client: WarmClient, round: number) {
  const { doc, card } = client;
  const kind = round % 10;
  if (kind < 6) {
    const description = actionDescription(doc, card);
    let paragraph = description.get(description.length - 1);
    if (!(paragraph instanceof Y.XmlElement) || round % 40 === 0) {
      paragraph = new Y.XmlElement("paragraph");
      description.insert(description.length, [paragraph]);
      paragraph.insert(0, [new Y.XmlText()]);
    }
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(text.length, "Samverkan ", round % 7 === 0 ? { strong: {} } : undefined);
  } else if (kind === 6) {
    updateAction(doc, card, { title: `Uppvärmning ${round}` });
  } else if (kind === 7) {
    updateAction(doc, card, { title: `Uppvärmning ${round}`, dueDate: `2026-0${1 + (round % 9)}-15` });
  } else if (kind === 8) {
    moveAction(doc, card, ACTION_STATUSES[round % ACTION_STATUSES.length] as (typeof ACTION_STATUSES)[number], null);
  } else if (round % 20 === 9) {
    client.awareness.setLocalState({ cursor: null, focus: card });
  }
}

function closed(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  const done = new Promise<void>((resolve) => ws.once("close", () => resolve()));
  ws.terminate();
  return done;
}

/** Resolves once `done()` holds, checking after each turn of the event loop (at most 5 s). */
async function until(done: () => boolean): Promise<void> {
  const deadline = performance.now() + 5_000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error("the warm-up room did not keep up");
    await new Promise((resolve) => setImmediate(resolve));
  }
}
