/**
 * Keeps the steering view live: the partnership's follow-up and plan boards are held open over the
 * same y-websocket protocol every board uses (/ws/boards; read-only for observers, the server
 * refuses their writes), and every change that arrives from the server asks the page to read
 * /steering again. No new server endpoint, no polling while nothing changes: a couple of sockets per
 * shown steering view. Not collab/open-board.ts: the view needs no copy on the device, and sharing
 * that module with this lazily loaded page would split it off the focus board's first download.
 *
 * /steering reads projections, which trail the live documents by a moment. After a change the page
 * reads again after a short pause and, while the answer is still the same, a few more times with
 * growing pauses (`RETRY_MS`), so a change shows within a couple of seconds without a reload.
 */
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { get } from "../api/client.js";
import type { Board } from "../api/types.js";

/** The boards whose changes the steering view shows: indicator values, indicators and goals. */
const WATCHED: readonly Board["kind"][] = ["followup", "plan"];
/** Pauses before each read after a change while the view has not changed yet (projection lag). */
export const RETRY_MS = [250, 500, 1_000, 2_000, 4_000] as const;
/** Connections closed in a row without a sync before a board is given up (refused, gone): the slow refresh remains. */
const GIVE_UP_AFTER = 10;

export interface LiveWatch {
  stop(): void;
}

/** Calls `changed` on every change to the watched boards made elsewhere (after each board's first sync). */
export function watchSteeringBoards(workspaceId: string, changed: () => void): LiveWatch {
  const open: { doc: Y.Doc; provider: WebsocketProvider }[] = [];
  let stopped = false;
  void (async () => {
    let boards: Board[];
    try {
      ({ boards } = await get<{ boards: Board[] }>(`/api/workspaces/${encodeURIComponent(workspaceId)}/boards`));
    } catch {
      return; // Offline or refused: the page's own slow refresh still runs.
    }
    if (stopped) return;
    const base = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws/boards`;
    for (const board of boards.filter((b) => WATCHED.includes(b.kind))) {
      const doc = new Y.Doc();
      let failures = 0;
      const provider = new WebsocketProvider(base, board.id, doc, {
        // Not after a refusal (4400–4499, as y-websocket's default), nor after many failed tries.
        shouldReconnect: (event: CloseEvent) => !(event.code >= 4400 && event.code < 4500) && failures < GIVE_UP_AFTER,
        maxBackoffTime: 10_000,
        // Changes made in this browser's other tabs reach the server and come back from it.
        disableBc: true,
      });
      provider.on("connection-close", () => failures++);
      provider.on("sync", (synced: boolean) => {
        if (synced) failures = 0;
      });
      open.push({ doc, provider });
      doc.on("update", (_update: Uint8Array, origin: unknown) => {
        // Only what the server sends once the board is in sync, not the first sync itself.
        if (origin === provider && provider.synced) changed();
      });
    }
  })();
  return {
    stop() {
      stopped = true;
      for (const { doc, provider } of open.splice(0)) {
        provider.destroy();
        doc.destroy();
      }
    },
  };
}

/**
 * Reads again after a change until the answer differs from what is shown (or the pauses run out).
 * `read` returns whether the view changed. A change while reading starts the pauses over.
 */
export function refreshAfterChange(read: () => Promise<boolean>): { changed(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;
  const next = () => {
    if (stopped || attempt >= RETRY_MS.length) return;
    timer = setTimeout(async () => {
      attempt++;
      const differs = await read().catch(() => false);
      if (!differs) next();
    }, RETRY_MS[attempt]);
  };
  return {
    changed() {
      clearTimeout(timer);
      attempt = 0;
      next();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
