/**
 * Binds an element to one open board: opens it when the element connects and closes it when it
 * disconnects; re-renders (at most every 16 ms) on document changes, presence changes and
 * connection-state changes.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { Close } from "../../../shared/protocol/close-codes.js";
import type { PresenceUser } from "../../../shared/protocol/presence.js";
import { type ConnectionState, type OpenBoard, openBoard } from "./open-board.js";

export class BoardController implements ReactiveController {
  board: OpenBoard | null = null;
  state: ConnectionState = { kind: "connecting" };
  /** The copy on this device has been read: the board can be shown (also offline). */
  ready = false;
  /** This device's changes to a locked board were refused and dropped (see reopenAsStored). */
  lockedChangesDropped = false;
  private readonly cleanup: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { isConnected?: boolean },
    private readonly boardId: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.open();
  }

  private open(): void {
    const board = openBoard(this.boardId());
    this.board = board;
    this.state = board.state();
    const refresh = () => {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.host.requestUpdate();
      }, 16);
    };
    board.doc.on("update", refresh);
    board.provider.awareness.on("change", refresh);
    this.cleanup.push(
      () => board.doc.off("update", refresh),
      () => board.provider.awareness.off("change", refresh),
      board.onState((state) => {
        this.state = state;
        if (state.kind === "refused" && state.close.code === Close.Locked.code) void this.reopenAsStored(board);
        this.host.requestUpdate();
      }),
    );
    void board.local.then(() => {
      if (this.board !== board) return;
      this.ready = true;
      this.host.requestUpdate();
    });
  }

  /**
   * The board is locked (minutes closed for approval or sealed) and this device held changes the
   * server will never take: forget this device's copy and show the board as stored.
   */
  private async reopenAsStored(board: OpenBoard): Promise<void> {
    if (this.board !== board) return;
    this.lockedChangesDropped = true;
    for (const undo of this.cleanup.splice(0)) undo();
    this.board = null;
    this.ready = false;
    await board.discardLocalCopy();
    await board.close();
    if (this.host.isConnected !== false) this.open();
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    for (const undo of this.cleanup.splice(0)) undo();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.board?.close();
    this.board = null;
    this.ready = false;
  }

  /** Everyone else on the board now, as the server names them (never as their client claims). */
  others(): PresenceUser[] {
    const board = this.board;
    if (!board) return [];
    const seen = new Map<string, PresenceUser>();
    for (const [clientId, state] of board.provider.awareness.getStates()) {
      if (clientId === board.doc.clientID) continue;
      const user = (state as { user?: PresenceUser }).user;
      if (user?.id && user.name) seen.set(user.id, user);
    }
    return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
  }
}
