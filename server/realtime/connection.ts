/**
 * One client socket on one board. Frames are handled strictly in arrival order; until the room
 * is loaded they wait in a bounded queue. Enforces rate limits, read-only access and the
 * awareness rules, and closes only itself when something is wrong.
 */

import type { Role } from "../../shared/api/workspaces.js";
import type { BoardKind } from "../../shared/boards/spec.js";
import { Close, type CloseReason } from "../../shared/protocol/close-codes.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import { COMMENT_REASON, GOVERNANCE_REASON, READ_ONLY_REASON } from "../../shared/protocol/messages.js";
import { clientPresenceSchema } from "../../shared/protocol/presence.js";
import type { Logger } from "../logger.js";
import { traffic } from "../metrics/instruments.js";
import { can } from "../policy/policy.js";
import { type AwarenessEntry, decodeClientFrame, encodeAck, encodePermissionDenied, PONG_FRAME } from "./codec.js";
import { PendingUpdates } from "./pending-updates.js";
import { malformed, ProtocolError } from "./protocol-error.js";
import type { Room, RoomMember } from "./room.js";
import { TokenBucket } from "./token-bucket.js";

/** The transport, reduced to what the realtime core needs (ws in production, anything in tests). */
export interface SocketLike {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  readonly bufferedAmount: number;
  isOpen(): boolean;
}

export interface Identity {
  userId: string;
  name: string;
  organization: string | null;
  sessionId: string;
  boardId: string;
  boardKind: BoardKind;
  workspaceId: string;
  role: Role;
  /** Minutes closed for approval, approved or sealed: nobody may change the board. */
  locked: boolean;
}

const COLORS = ["#0b6e4f", "#8a3b12", "#1f4e9c", "#7a1f5c", "#5b5b00", "#00607a", "#9c1f1f", "#4b3b8a"];

export class Connection implements RoomMember {
  private room: Room | null = null;
  /** Frames that arrived before the room was loaded (created only then). */
  private queued: Uint8Array[] | null = null;
  private queuedBytes = 0;
  private closed = false;
  private lastPresence: string | null = null;
  private pendingAwareness: AwarenessEntry | null = null;
  private awarenessTimer: NodeJS.Timeout | null = null;
  private readonly updates = new TokenBucket(LIMITS.updatesPerSecond, LIMITS.updatesBurst);
  private readonly awarenessBucket = new TokenBucket(LIMITS.awarenessPerSecond, LIMITS.awarenessBurst);
  private toldReadOnly = false;
  private detached = false;
  /** Updates waiting for content the board does not have yet (PROTOCOL §2.3); made when one first has to wait. */
  private pending: PendingUpdates | null = null;
  /** The newest acknowledgement asked for while updates were still waiting. */
  private ackWanted: number | null = null;
  /** Set when the client sends anything; read and reset by the periodic session re-check. */
  active = true;

  constructor(
    private readonly socket: SocketLike,
    readonly identity: Identity,
    private readonly logger: Logger,
    private readonly onClose: (connection: Connection) => void,
  ) {}

  get userId(): string {
    return this.identity.userId;
  }

  get workspaceId(): string {
    return this.identity.workspaceId;
  }

  get canEdit(): boolean {
    return can(this.identity.role, "board.edit");
  }

  /** Conveners of the partnership run every meeting: they may change a protokoll's convener, approvers and agenda. */
  get runsMeetings(): boolean {
    return can(this.identity.role, "boards.manage");
  }

  /** Part of this member's update was undone (governance-guard.ts): told why, the connection stays open. */
  undone(fields: string[], reason?: string): void {
    reason ??= fields.every((f) => f.startsWith("comments.")) ? COMMENT_REASON : GOVERNANCE_REASON;
    this.send(encodePermissionDenied(`${reason}: ${fields.join(", ")}`));
  }

  setRole(role: Role): void {
    this.identity.role = role;
  }

  /** False once either side began closing: the socket only finishes its goodbye. */
  get open(): boolean {
    return !this.closed && this.socket.isOpen();
  }

  send(frame: Uint8Array): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > LIMITS.maxBufferedBytes) {
      this.close(Close.TooSlow, "send buffer over the limit");
      return;
    }
    traffic.framesOut++;
    traffic.bytesOut += frame.byteLength;
    this.socket.send(frame);
  }

  /** Called once the room is loaded: greet, then work off whatever arrived meanwhile. */
  attach(room: Room): void {
    if (this.closed) return;
    this.room = room;
    room.join(this);
    const queued = this.queued ?? [];
    this.queued = null;
    this.queuedBytes = 0;
    for (const frame of queued) {
      if (this.closed) return;
      this.process(frame);
    }
  }

  receive(frame: Uint8Array): void {
    if (this.closed) return;
    if (!this.room) {
      this.queued ??= [];
      this.queued.push(frame);
      this.queuedBytes += frame.byteLength;
      if (this.queued.length > LIMITS.maxQueuedFrames || this.queuedBytes > LIMITS.maxQueuedBytes) {
        this.close(Close.RateLimited, "too much sent before the board was loaded");
      }
      return;
    }
    this.process(frame);
  }

  private process(frame: Uint8Array): void {
    const room = this.room as Room;
    try {
      const message = decodeClientFrame(frame);
      switch (message.kind) {
        case "sync-step1":
          this.active = true;
          this.limitUpdates();
          room.syncStep1(this, message.stateVector);
          return;
        case "sync-step2":
        case "update":
          this.active = true;
          // A reader is never closed for what it sends, also not on locked minutes (PROTOCOL §2.4).
          if (this.canEdit) {
            this.limitUpdates();
            this.receiveUpdate(room, message.update);
          } else if (this.updates.take()) {
            this.ignoreReadOnly(room, message.update);
          }
          return;
        case "awareness":
          this.receiveAwareness(message.entries);
          return;
        case "query-awareness":
          this.send(room.awarenessSnapshot());
          return;
        case "ack-request":
          this.active = true;
          this.requestAck(message.n);
          return;
        case "ping":
          // A heartbeat only: it does not keep the session alive.
          this.send(PONG_FRAME);
          return;
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** Ends this connection for what it sent; the room and everyone else carry on. */
  private fail(error: unknown) {
    if (error instanceof ProtocolError) {
      this.logger.info(
        { boardId: this.identity.boardId, userId: this.userId, detail: error.message, code: error.close.code },
        "closing connection",
      );
      this.close(error.close, error.message);
      return;
    }
    this.logger.error({ err: error, boardId: this.identity.boardId }, "unexpected error handling a frame");
    this.close(Close.InvalidUpdate, "unexpected error");
  }

  /** An editor's update: checked, then applied, waiting, or refused (on locked minutes: 4423). */
  private receiveUpdate(room: Room, update: Uint8Array) {
    const locked = this.identity.locked;
    let empty: boolean;
    try {
      empty = room.check(update, !locked);
    } catch (error) {
      if (!(error instanceof ProtocolError && error.missingDependencies)) throw error;
      // Builds on something still on its way (its sender's SyncStep2, another tab's edit). On
      // locked minutes it is a change all the same.
      if (locked)
        throw new ProtocolError(Close.Locked, "these minutes are locked: closed for approval, approved or sealed");
      this.pending ??= new PendingUpdates((detail) => this.close(Close.InvalidUpdate, detail));
      if (this.pending.add(update)) room.setWaiting(this, true);
      return;
    }
    if (empty) return;
    if (locked) {
      // A client's sync repeats what the board has (its delete set always travels along).
      if (room.holds(update)) return;
      // Also an offline copy that reconnects with edits: nothing applied, and the client is
      // told to drop its local copy (retry "no").
      throw new ProtocolError(Close.Locked, "these minutes are locked: closed for approval, approved or sealed");
    }
    this.applyChecked(room, update);
  }

  private applyChecked(room: Room, update: Uint8Array) {
    try {
      room.apply(this, update);
    } catch (error) {
      throw new ProtocolError(Close.InvalidUpdate, `could not apply: ${(error as Error).message}`);
    }
  }

  /**
   * A reader's update is never applied, stored or broadcast, and never a reason to close
   * (PROTOCOL §2.4): whatever it sends is ignored. It is told once why, unless what it sent is
   * what the board already has (a stock client's sync).
   */
  private ignoreReadOnly(room: Room, update: Uint8Array) {
    if (this.toldReadOnly) return;
    let change: boolean;
    try {
      change = !room.check(update, false) && !room.holds(update);
    } catch {
      change = true;
    }
    if (!change) return;
    this.toldReadOnly = true;
    this.send(encodePermissionDenied(`${READ_ONLY_REASON}: observers cannot change this board`));
  }

  /** Called by the room when content arrived: applies what waited for it. */
  retryPending(): boolean {
    const room = this.room;
    const pending = this.pending;
    if (!room || this.closed || !pending) return false;
    let progressed = false;
    try {
      progressed = pending.drain((update) => {
        try {
          if (room.check(update, true)) return true;
        } catch (error) {
          if (error instanceof ProtocolError && error.missingDependencies) return false;
          throw error;
        }
        this.applyChecked(room, update);
        return true;
      });
    } catch (error) {
      this.fail(error);
      return true;
    }
    if (pending.size === 0) {
      room.setWaiting(this, false);
      if (this.ackWanted !== null) this.requestAck(this.ackWanted);
    }
    return progressed;
  }

  /**
   * Our web client asks whether everything it sent so far is stored: answered once the updates
   * this connection sent before the request are applied and the board's log has them.
   */
  private requestAck(n: number) {
    const room = this.room;
    if (!room) return;
    if (this.pending && this.pending.size > 0) {
      this.ackWanted = n;
      return;
    }
    this.ackWanted = null;
    room.whenStored(room.currentSeq, () => this.send(encodeAck(n)));
  }

  private limitUpdates() {
    if (!this.updates.take()) throw new ProtocolError(Close.RateLimited, "more than 60 sync messages a second");
  }

  private receiveAwareness(entries: AwarenessEntry[]) {
    const room = this.room as Room;
    for (const entry of entries) {
      // Entries about other clients (echoes, stale-peer clean-up) are ignored: PROTOCOL §3.1.
      if (!room.claimPresence(this, entry.clientId, entry.json === "null")) continue;
      if (Buffer.byteLength(entry.json) > LIMITS.maxAwarenessStateBytes) throw malformed("awareness state over 2 KiB");
      const sanitized = { ...entry, json: this.sanitizePresence(entry.json) };
      // A cursor that moves is someone at work; the stock client's 15 s renewal of the same state is not.
      if (sanitized.json !== this.lastPresence) this.active = true;
      this.lastPresence = sanitized.json;
      // Over the rate, only the newest state is kept and delivered when the bucket allows.
      if (this.awarenessBucket.take() && this.awarenessTimer === null) {
        room.applyAwareness(this, sanitized);
      } else {
        this.pendingAwareness = sanitized;
        this.awarenessTimer ??= setTimeout(() => this.releaseAwareness(), this.awarenessBucket.waitMs());
      }
    }
  }

  private releaseAwareness() {
    this.awarenessTimer = null;
    const entry = this.pendingAwareness;
    this.pendingAwareness = null;
    if (!entry || this.closed) return;
    if (this.awarenessBucket.take()) this.room?.applyAwareness(this, entry);
    else {
      this.pendingAwareness = entry;
      this.awarenessTimer = setTimeout(() => this.releaseAwareness(), this.awarenessBucket.waitMs());
    }
  }

  /** Keeps only the fields a client may set; the person's name and organisation come from the session. */
  private sanitizePresence(json: string): string {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw malformed("awareness state is not JSON");
    }
    if (raw === null) return "null";
    const parsed = clientPresenceSchema.safeParse(raw);
    if (!parsed.success) throw malformed("awareness state does not match the presence schema");
    const id = this.userId;
    const color = parsed.data.user?.color ?? COLORS[hash(id) % COLORS.length];
    return JSON.stringify({
      ...parsed.data,
      user: { id, name: this.identity.name, organization: this.identity.organization, color },
    });
  }

  /** Closes with a reason; access reasons are also sent as a permission-denied frame the stock client logs. */
  close(reason: CloseReason, detail?: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.pending?.clear();
    if (this.socket.isOpen()) {
      if (reason.code >= 4400 && reason.code < 4500) this.socket.send(encodePermissionDenied(reason.reason));
      this.socket.close(reason.code, reason.reason);
    }
    if (detail) this.logger.debug({ boardId: this.identity.boardId, detail }, "connection closed");
    this.detach();
  }

  /** The socket went away (either side closed it). Idempotent. */
  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.closed = true;
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.pending?.clear();
    this.room?.leave(this);
    this.room = null;
    this.onClose(this);
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

function hash(value: string): number {
  let h = 0;
  for (let i = 0; i < value.length; i++) h = (h * 31 + value.charCodeAt(i)) >>> 0;
  return h;
}
