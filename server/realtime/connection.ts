/**
 * One client socket on one board. Frames are handled strictly in arrival order; until the room
 * is loaded they wait in a bounded queue. Enforces rate limits, read-only access and the
 * awareness rules, and closes only itself when something is wrong.
 */

import type { Role } from "../../shared/api/workspaces.js";
import type { BoardKind } from "../../shared/boards/spec.js";
import { Close, type CloseReason } from "../../shared/protocol/close-codes.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import { READ_ONLY_REASON } from "../../shared/protocol/messages.js";
import { clientPresenceSchema } from "../../shared/protocol/presence.js";
import type { Logger } from "../logger.js";
import { can } from "../policy/policy.js";
import { type AwarenessEntry, decodeClientFrame, encodePermissionDenied } from "./codec.js";
import { malformed, ProtocolError } from "./protocol-error.js";
import type { Room, RoomMember } from "./room.js";
import { createTokenBucket } from "./token-bucket.js";

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
  private queued: Uint8Array[] = [];
  private queuedBytes = 0;
  private closed = false;
  private awarenessClientId: number | null = null;
  private pendingAwareness: AwarenessEntry | null = null;
  private awarenessTimer: NodeJS.Timeout | null = null;
  private readonly updates = createTokenBucket(LIMITS.updatesPerSecond, LIMITS.updatesBurst);
  private readonly awarenessBucket = createTokenBucket(LIMITS.awarenessPerSecond, LIMITS.awarenessBurst);
  private toldReadOnly = false;
  private detached = false;
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

  get canEdit(): boolean {
    return can(this.identity.role, "board.edit");
  }

  setRole(role: Role): void {
    this.identity.role = role;
  }

  send(frame: Uint8Array): void {
    if (this.closed || !this.socket.isOpen()) return;
    if (this.socket.bufferedAmount > LIMITS.maxBufferedBytes) {
      this.close(Close.TooSlow, "send buffer over the limit");
      return;
    }
    this.socket.send(frame);
  }

  /** Called once the room is loaded: greet, then work off whatever arrived meanwhile. */
  attach(room: Room): void {
    if (this.closed) return;
    this.room = room;
    room.join(this);
    const queued = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    for (const frame of queued) {
      if (this.closed) return;
      this.process(frame);
    }
  }

  receive(frame: Uint8Array): void {
    if (this.closed) return;
    this.active = true;
    if (!this.room) {
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
          this.limitUpdates();
          room.syncStep1(this, message.stateVector);
          return;
        case "sync-step2":
        case "update": {
          this.limitUpdates();
          // An observer's change is refused for the role, whatever its content.
          const empty = room.check(message.update, this.canEdit && !this.identity.locked);
          if (empty) return;
          // A read-only client's sync repeats what the board has (its delete set always travels along).
          if ((this.identity.locked || !this.canEdit) && room.holds(message.update)) return;
          if (this.identity.locked) {
            // Also an offline copy that reconnects with edits: nothing applied, and the client is
            // told to drop its local copy (retry "no").
            throw new ProtocolError(Close.Locked, "these minutes are locked: closed for approval, approved or sealed");
          }
          if (!this.canEdit) {
            // Not applied, not stored, not broadcast; the client is told once why.
            if (!this.toldReadOnly) {
              this.toldReadOnly = true;
              this.send(encodePermissionDenied(`${READ_ONLY_REASON}: observers cannot change this board`));
            }
            return;
          }
          try {
            room.apply(this, message.update);
          } catch (error) {
            throw new ProtocolError(Close.InvalidUpdate, `could not apply: ${(error as Error).message}`);
          }
          return;
        }
        case "awareness":
          this.receiveAwareness(message.entries);
          return;
        case "query-awareness":
          this.send(room.awarenessSnapshot());
          return;
      }
    } catch (error) {
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
  }

  private limitUpdates() {
    if (!this.updates.take()) throw new ProtocolError(Close.RateLimited, "more than 60 sync messages a second");
  }

  private receiveAwareness(entries: AwarenessEntry[]) {
    for (const entry of entries) {
      // The stock client echoes every presence change it receives, and drops stale peers with a
      // null state: such entries about others are ignored. Setting a state for a second client
      // id of one's own is refused.
      const owner = this.room?.awarenessOwner(entry.clientId);
      if (owner && owner !== this) continue;
      if (this.awarenessClientId === null && entry.json !== "null") this.awarenessClientId = entry.clientId;
      if (entry.clientId !== this.awarenessClientId) {
        if (entry.json === "null") continue;
        throw malformed("one awareness client id per connection");
      }
      if (Buffer.byteLength(entry.json) > LIMITS.maxAwarenessStateBytes) throw malformed("awareness state over 2 KiB");
      const sanitized = { ...entry, json: this.sanitizePresence(entry.json) };
      // Over the rate, only the newest state is kept and delivered when the bucket allows.
      if (this.awarenessBucket.take() && this.awarenessTimer === null) {
        this.room?.applyAwareness(this, sanitized);
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
