/**
 * An action item in the minutes becomes an action on its focus area, linked both ways: the focus
 * board is opened with the same machinery as on its own page, the action is added there with the
 * minutes as its source, its id is written back into the action item, and the focus board is
 * closed only once the server has taken the change.
 */
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type * as Y from "yjs";
import { addAction, removeAction } from "../../../../shared/boards/focus.js";
import { readMinutes, updateActionItem } from "../../../../shared/boards/minutes.js";
import { type OpenBoard, openBoard } from "../../collab/open-board.js";

/** Why a link could not be made, as the screen names it. */
export class LinkError extends Error {
  override name = "LinkError";
  constructor(readonly reason: "timeout" | "not-focus" | "refused") {
    super(reason);
  }
}

const WAIT_MS = 20_000;
/** y-websocket's message type for sync frames. */
const MESSAGE_SYNC = 0;

/** Resolves when `ready()` holds, checked on each connection-state change; fails on refusal or after a while. */
function until(board: OpenBoard, ready: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = board.state();
      if (state.kind === "refused") finish(new LinkError("refused"));
      else if (ready()) finish(null);
    };
    const timer = setTimeout(() => finish(new LinkError("timeout")), WAIT_MS);
    const stop = board.onState(check);
    function finish(error: Error | null) {
      clearTimeout(timer);
      stop();
      if (error) reject(error);
      else resolve();
    }
    check();
  });
}

/**
 * Resolves once the server has applied everything this client sent: it answers each SyncStep1
 * with a SyncStep2 after the frames before it (docs/PROTOCOL.md 2.1, frames in order), so the
 * answer to one sent now is the acknowledgement. If the socket is replaced meanwhile (a
 * reconnect), ask again on the new one.
 */
async function serverHasAll(board: OpenBoard): Promise<void> {
  const provider = board.provider;
  for (let attempt = 0; attempt < 5; attempt++) {
    await until(board, () => board.state().kind === "connected" && provider.ws?.readyState === WebSocket.OPEN);
    const socket = provider.ws;
    if (!socket) continue;
    const answered = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), WAIT_MS);
      const onSync = (synced: boolean) => synced && done(provider.ws === socket);
      function done(ok: boolean) {
        clearTimeout(timer);
        provider.off("sync", onSync);
        resolve(ok);
      }
      provider.on("sync", onSync);
      // The provider marks itself synced again when the next SyncStep2 arrives.
      provider.synced = false;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, board.doc);
      socket.send(encoding.toUint8Array(encoder));
    });
    if (answered) return;
  }
  throw new LinkError("timeout");
}

export interface LinkTarget {
  minutesDoc: Y.Doc;
  minutesBoardId: string;
  itemId: string;
  actionItemId: string;
}

/**
 * Adds the action item's action to its focus board and stores the action's id in the item.
 * Does nothing when the item is gone, has no focus area, or is linked already.
 */
export async function linkToFocusArea(target: LinkTarget): Promise<void> {
  const find = () => {
    const item = readMinutes(target.minutesDoc).items.find((i) => i.id === target.itemId);
    return { item, action: item?.actionItems.find((a) => a.id === target.actionItemId) };
  };
  const { item, action } = find();
  if (!item || !action?.focusBoardId || action.actionId) return;
  const focusBoardId = action.focusBoardId;
  const focus = openBoard(focusBoardId);
  try {
    await focus.local;
    await until(focus, () => focus.state().kind === "connected");
    // The server stamps every board with its kind when it loads it.
    if (focus.doc.getMap("meta").get("kind") !== "focus") throw new LinkError("not-focus");
    // Read again: the item may have changed (or been linked by someone else) while we waited.
    const now = find();
    if (!now.action || now.action.actionId || now.action.focusBoardId !== focusBoardId) return;
    const actionId = addAction(focus.doc, {
      title: now.action.title,
      ownerId: now.action.ownerId,
      dueDate: now.action.dueDate,
      status: "planned",
      source: { boardId: target.minutesBoardId, itemId: target.itemId, paragraph: now.item?.number ?? null },
    });
    const still = find().action;
    if (still && !still.actionId && still.focusBoardId === focusBoardId) {
      updateActionItem(target.minutesDoc, target.itemId, target.actionItemId, { actionId });
    } else {
      // Removed or linked elsewhere in the meantime: no action without its item.
      removeAction(focus.doc, actionId);
    }
    await serverHasAll(focus);
  } finally {
    await focus.close();
  }
}
