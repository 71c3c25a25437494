/**
 * Opens one board in the browser: its Y.Doc, kept on this device in IndexedDB (edits made offline
 * survive a reload) and synced with the server over the standard y-websocket protocol. Tracks a
 * connection state people can see — connected (and whether the server has confirmed every change
 * made here), offline (changes kept on this device; also when the link went silent: link-watch.ts),
 * syncing, or refused with the server's reason — and stops retrying when retrying cannot help.
 */
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { Close, type CloseReason } from "../../../shared/protocol/close-codes.js";
import { watchLink } from "./link-watch.js";

export type ConnectionState =
  | { kind: "connecting" }
  | { kind: "syncing" }
  /** `unsynced`: changes made here that the server has not confirmed as stored for over a second. */
  | { kind: "connected"; unsynced: boolean }
  /** No network, or a link that has gone silent: `unsent` changes are kept on this device. */
  | {
      kind: "offline";
      unsent: boolean;
      /** The server is up but cannot store anything just now (4502): it takes changes again once it can. */
      storage?: boolean;
    }
  | {
      kind: "refused";
      close: CloseReason | { code: number; reason: string; retry: "no" };
      /** Changes made here that never reached the server (kept on this device). */
      unsent: boolean;
    };

/** A change the server has not confirmed for this long is shown as not yet synced (not at every keystroke). */
const UNSYNCED_AFTER_MS = 1_000;

const BY_CODE = new Map<number, CloseReason>(Object.values(Close).map((c) => [c.code, c]));

export interface OpenBoard {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves when the copy on this device has been read (the board can be shown, also offline). */
  readonly local: Promise<void>;
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
  /** Changes made here that the server has not yet confirmed as stored. */
  unacknowledged(): number;
  /** Called on every change made here, acknowledgement and state change (e.g. for "Sparat"). */
  onProgress(listener: () => void): () => void;
  /** Forgets this device's copy (after the server refused its content); reload the page next. */
  discardLocalCopy(): Promise<void>;
  close(): Promise<void>;
}

export function openBoard(boardId: string): OpenBoard {
  const doc = new Y.Doc();
  const stored = new IndexeddbPersistence(`samverkan-board-${boardId}`, doc);
  const base = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/boards`;
  const provider = new WebsocketProvider(base, boardId, doc, {
    // Retry only when the server says it can help (restart, rate limit, reload); never after a refusal.
    shouldReconnect: (event: CloseEvent) => (BY_CODE.get(event.code)?.retry ?? "yes") === "yes",
    maxBackoffTime: 10_000,
  });
  // Awareness starts at clock 0, which peers ignore until its first change: announce ourselves now.
  // The server sets who we are (name, organisation); we only say what we have open.
  provider.awareness.setLocalStateField("focus", null);
  const listeners = new Set<(state: ConnectionState) => void>();
  const progress = new Set<() => void>();
  /** Where the connection is, from the provider's events; the shown state also weighs the link and acknowledgements. */
  let phase: "connecting" | "syncing" | "synced" | "offline" = "connecting";
  let refused: (ConnectionState & { kind: "refused" })["close"] | null = null;
  let current: ConnectionState = { kind: "connecting" };
  /** The last close was the server saying it cannot store (until the next sync). */
  let storageDown = false;

  const compute = (): ConnectionState => {
    const unsent = link.unacknowledged > 0;
    if (refused) return { kind: "refused", close: refused, unsent };
    if (phase === "offline" || (phase === "synced" && link.silent)) {
      return storageDown ? { kind: "offline", unsent, storage: true } : { kind: "offline", unsent };
    }
    if (phase === "synced") return { kind: "connected", unsynced: link.unacknowledgedForMs() > UNSYNCED_AFTER_MS };
    return { kind: phase };
  };
  const update = () => {
    for (const listener of progress) listener();
    const next = compute();
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    current = next;
    for (const listener of listeners) listener(next);
  };
  const link = watchLink(provider, update);

  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === stored) return;
    link.changed();
    update();
  });
  provider.on("status", ({ status }: { status: string }) => {
    if (status === "connected") phase = "syncing";
    else if (status === "disconnected") phase = "offline";
    update();
  });
  // A connection that could not be made (no network at page load) counts as offline too.
  provider.on("connection-close", (event: CloseEvent | null) => {
    if (event) storageDown = event.code === Close.StorageUnavailable.code;
    if (phase === "connecting" || phase === "syncing") phase = "offline";
    update();
  });
  provider.on("sync", (synced: boolean) => {
    if (!synced) return;
    phase = "synced";
    storageDown = false;
    link.synced();
    update();
  });
  provider.on("closed", ({ code, reason }: { code: number; reason: string }) => {
    refused = BY_CODE.get(code) ?? { code, reason, retry: "no" };
    update();
  });
  // The browser knows at once when the device loses its network: say so now, and reconnect the
  // moment it is back rather than after the provider's back-off.
  const onOffline = () => {
    phase = "offline";
    update();
  };
  const onOnline = () => {
    if (refused) return;
    if (provider.wsconnected) {
      // The socket lived through it (the heartbeat drops it if it did not).
      phase = provider.synced ? "synced" : "syncing";
      update();
    } else if (provider.shouldConnect) {
      provider.disconnect();
      provider.connect();
    }
  };
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  if (!navigator.onLine) phase = "offline";

  const stop = () => {
    window.removeEventListener("offline", onOffline);
    window.removeEventListener("online", onOnline);
    link.destroy();
  };

  return {
    doc,
    provider,
    local: stored.whenSynced.then(() => undefined),
    state: () => current,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unacknowledged: () => link.unacknowledged,
    onProgress(listener) {
      progress.add(listener);
      return () => progress.delete(listener);
    },
    async discardLocalCopy() {
      stop();
      provider.destroy();
      await stored.clearData();
    },
    async close() {
      listeners.clear();
      progress.clear();
      stop();
      provider.destroy();
      await stored.destroy();
      doc.destroy();
    },
  };
}
