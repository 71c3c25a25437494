/** Stock y-websocket clients (and raw sockets for bad input) against a test server, with a session cookie. */
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { TEST_ORIGIN } from "./test-config.js";

export interface ClientOptions {
  cookie: string | null;
  origin?: string;
  doc?: Y.Doc;
  connect?: boolean;
}

/** The `ws` WebSocket with our cookie and Origin, in the shape y-websocket's WebSocketPolyfill expects. */
function socketClass(cookie: string | null, origin: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin, ...(cookie ? { cookie } : {}) } });
    }
  };
}

export function connectProvider(baseUrl: string, boardId: string, options: ClientOptions) {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/ws/boards`, boardId, doc, {
    WebSocketPolyfill: socketClass(
      options.cookie,
      options.origin ?? TEST_ORIGIN,
    ) as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    // Tests that expect a refusal must not see the client hammer the server with retries.
    maxBackoffTime: 200,
    disableBc: true,
  });
  return { doc, provider };
}

export function synced(provider: WebsocketProvider, timeoutMs = 5_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("provider did not sync in time")), timeoutMs);
    provider.once("sync", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Resolves with the first close the provider sees (code and reason). */
export function firstClose(provider: WebsocketProvider, timeoutMs = 5_000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no close in time")), timeoutMs);
    provider.once("connection-close", (event: CloseEvent | null) => {
      clearTimeout(timer);
      resolve({ code: event?.code ?? 0, reason: event?.reason ?? "" });
    });
  });
}

/** A raw socket for sending frames the stock client never would. */
export function rawSocket(baseUrl: string, boardId: string, cookie: string | null, origin = TEST_ORIGIN) {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/ws/boards/${boardId}`, {
    headers: { origin, ...(cookie ? { cookie } : {}) },
  });
  const received: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, received, closed, opened };
}
