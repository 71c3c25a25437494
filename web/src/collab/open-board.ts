/**
 * Opens one board in the browser: its Y.Doc, kept on this device in IndexedDB (edits made offline
 * survive a reload) and synced with the server over the standard y-websocket protocol. Tracks a
 * connection state people can see — connected, offline (changes kept on this device), syncing,
 * or refused with the server's reason — and stops retrying when retrying cannot help.
 */
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { Close, type CloseReason } from "../../../shared/protocol/close-codes.js";

export type ConnectionState =
  | { kind: "connecting" }
  | { kind: "syncing" }
  | { kind: "connected" }
  | { kind: "offline"; unsent: boolean }
  | { kind: "refused"; close: CloseReason | { code: number; reason: string; retry: "no" } };

const BY_CODE = new Map<number, CloseReason>(Object.values(Close).map((c) => [c.code, c]));

export interface OpenBoard {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves when the copy on this device has been read (the board can be shown, also offline). */
  readonly local: Promise<void>;
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
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
  let current: ConnectionState = { kind: "connecting" };
  /** Local changes not yet acknowledged by a sync with the server. */
  let unsent = false;

  const set = (next: ConnectionState) => {
    current = next;
    for (const listener of listeners) listener(next);
  };

  doc.on("update", (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === stored) return;
    if (current.kind !== "connected") unsent = true;
    if (current.kind === "offline") set({ kind: "offline", unsent: true });
  });
  provider.on("status", ({ status }: { status: string }) => {
    if (current.kind === "refused") return;
    if (status === "connected") set({ kind: "syncing" });
    else if (status === "disconnected") set({ kind: "offline", unsent });
  });
  // A connection that could not be made (no network at page load) counts as offline too.
  provider.on("connection-close", () => {
    if (current.kind === "connecting" || current.kind === "syncing") set({ kind: "offline", unsent });
  });
  provider.on("sync", (synced: boolean) => {
    if (!synced || current.kind === "refused") return;
    unsent = false;
    set({ kind: "connected" });
  });
  provider.on("closed", ({ code, reason }: { code: number; reason: string }) => {
    set({ kind: "refused", close: BY_CODE.get(code) ?? { code, reason, retry: "no" } });
  });

  return {
    doc,
    provider,
    local: stored.whenSynced.then(() => undefined),
    state: () => current,
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async discardLocalCopy() {
      provider.destroy();
      await stored.clearData();
    },
    async close() {
      listeners.clear();
      provider.destroy();
      await stored.destroy();
      doc.destroy();
    },
  };
}
