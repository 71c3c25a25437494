/** Makes stock y-websocket clients (one Y.Doc + WebsocketProvider each, `ws` underneath) and tears them down. */
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** Where and as whom a client connects. */
export interface Endpoint {
  /** y-websocket appends "/<room>". */
  serverUrl: string;
  headers: Record<string, string>;
}

export interface BenchClient {
  doc: Y.Doc;
  /**
   * The focus board's `actions` root (card id → card), where the benchmark writes: it edits card titles
   * (load.ts) and adds cards with measurements (history.ts) through shared/boards/focus.ts, so the
   * content fits a focus board and our server's content guard accepts it.
   */
  actions: Y.Map<unknown>;
  provider: WebsocketProvider;
  /** Frames received (performance.now() on arrival, before y-websocket reads them) and their sizes. */
  received: { at: number; bytes: number }[];
  /** Close codes of connections the server (or network) ended; our own destroy is not counted. */
  closes: number[];
  synced(timeoutMs: number): Promise<void>;
  destroy(): Promise<void>;
}

export const ACTIONS_ROOT = "actions";

// Every WebsocketProvider adds a process 'exit' listener; a thousand of them are expected here.
process.setMaxListeners(0);

/** The `ws` WebSocket carrying our headers, in the shape y-websocket's WebSocketPolyfill option expects. */
function socketClass(headers: Record<string, string>, received?: BenchClient["received"]) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      // No permessage-deflate: both servers refuse it anyway, and offering it costs the generator CPU.
      super(url, protocols, { headers, perMessageDeflate: false });
      // Registered before y-websocket's onmessage, so it runs first: the time the bytes arrived.
      if (received)
        this.on("message", (data: ArrayBuffer | Buffer) =>
          received.push({ at: performance.now(), bytes: data.byteLength }),
        );
    }
  };
}

/** `recordFrames`: note each received frame's arrival (only for single timed loads: it costs the generator). */
export function connectClient(endpoint: Endpoint, room: string, options: { recordFrames?: boolean } = {}): BenchClient {
  const received: BenchClient["received"] = [];
  const doc = new Y.Doc();
  const actions = doc.getMap<unknown>(ACTIONS_ROOT);
  const provider = new WebsocketProvider(endpoint.serverUrl, room, doc, {
    WebSocketPolyfill: socketClass(
      endpoint.headers,
      options.recordFrames ? received : undefined,
    ) as unknown as typeof globalThis.WebSocket,
    // Without this, clients of the same room in this one process would sync through a BroadcastChannel, bypassing the server.
    disableBc: true,
    maxBackoffTime: 1000,
  });
  const closes: number[] = [];
  let destroying = false;
  provider.on("connection-close", (event) => {
    if (!destroying) closes.push(event?.code ?? 0);
  });

  return {
    doc,
    actions,
    provider,
    closes,
    received,
    synced(timeoutMs) {
      if (provider.synced) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const onSync = (state: boolean) => {
          if (!state) return;
          clearTimeout(timer);
          provider.off("sync", onSync);
          resolve();
        };
        const timer = setTimeout(() => {
          provider.off("sync", onSync);
          reject(new Error(`client did not sync within ${timeoutMs} ms (closes: ${closes.join(",") || "none"})`));
        }, timeoutMs);
        provider.on("sync", onSync);
      });
    },
    async destroy() {
      destroying = true;
      const ws = provider.ws as unknown as WebSocket | null;
      provider.destroy();
      doc.destroy();
      if (!ws) return;
      await closed(ws);
    },
  };
}

/**
 * Connects clients spread evenly over up to 3 s and waits until every one has synced. The spread
 * matters beyond politeness: each client's presence (awareness) timer runs from its creation, and
 * clients created in the same instant would all renew their presence in the same instant every
 * 15 s, a burst of N² messages no real board sees. Returns each client's connect → synced time.
 */
export async function connectAll(
  specs: ReadonlyArray<{ endpoint: Endpoint; room: string }>,
  { spreadMs = Math.min(3000, specs.length * 15), timeoutMs = 60_000 } = {},
): Promise<{ clients: BenchClient[]; syncMs: number[] }> {
  const clients: BenchClient[] = [];
  const syncMs: number[] = [];
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < specs.length; i++) {
      const due = t0 + (i * spreadMs) / specs.length - performance.now();
      if (due > 1) await new Promise((resolve) => setTimeout(resolve, due));
      const spec = specs[i] as { endpoint: Endpoint; room: string };
      const created = performance.now();
      const client = connectClient(spec.endpoint, spec.room);
      clients.push(client);
      pending.push(client.synced(timeoutMs).then(() => void syncMs.push(performance.now() - created)));
    }
    await Promise.all(pending);
  } catch (error) {
    await destroyAll(clients);
    throw error;
  }
  return { clients, syncMs };
}

export async function destroyAll(clients: readonly BenchClient[]): Promise<void> {
  await Promise.all(clients.map((c) => c.destroy()));
}

/**
 * Resolves once `ws` has closed (terminated after 3 s), so the server has let go of the socket: our
 * server counts sockets per user. `close` also starts the closing; without it, the caller has.
 */
export async function closed(ws: WebSocket, close = false): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, 3000);
    ws.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    if (!close) return;
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close();
  });
}
