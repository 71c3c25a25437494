/**
 * Keeps the steering view live: the partnership's follow-up and plan boards are held open through
 * the ordinary board machinery (collab/open-board.ts: the same y-websocket sync every board uses,
 * read-only for observers because the server refuses their writes), and every change that arrives
 * from the server asks the page to read /steering again. No new server endpoint, no polling while
 * nothing changes: a couple of sockets per shown steering view.
 *
 * /steering reads projections, which trail the live documents by a moment. After a change the page
 * reads again after a short pause and, while the answer is still the same, a few more times with
 * growing pauses (`RETRY_MS`), so a change shows within a couple of seconds without a reload.
 */
import { get } from "../api/client.js";
import type { Board } from "../api/types.js";
import { type OpenBoard, openBoard } from "../collab/open-board.js";

/** The boards whose changes the steering view shows: indicator values, indicators and goals. */
const WATCHED: readonly Board["kind"][] = ["followup", "plan"];
/** Pauses before each read after a change while the view has not changed yet (projection lag). */
export const RETRY_MS = [250, 500, 1_000, 2_000, 4_000] as const;

export interface LiveWatch {
  stop(): void;
}

/** Calls `changed` on every change to the watched boards made elsewhere (after each board's first sync). */
export function watchSteeringBoards(workspaceId: string, changed: () => void): LiveWatch {
  const open: OpenBoard[] = [];
  let stopped = false;
  void (async () => {
    let boards: Board[];
    try {
      ({ boards } = await get<{ boards: Board[] }>(`/api/workspaces/${encodeURIComponent(workspaceId)}/boards`));
    } catch {
      return; // Offline or refused: the page's own slow refresh still runs.
    }
    if (stopped) return;
    for (const board of boards.filter((b) => WATCHED.includes(b.kind))) {
      const opened = openBoard(board.id);
      open.push(opened);
      opened.doc.on("update", (_update: Uint8Array, origin: unknown) => {
        // Only what the server sends once the board is in sync: not this device's stored copy, not the first sync.
        if (origin === opened.provider && opened.provider.synced) changed();
      });
    }
  })();
  return {
    stop() {
      stopped = true;
      for (const board of open.splice(0)) void board.close();
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
