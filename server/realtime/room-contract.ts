/** What a live board (room.ts) needs of its connections and of the engine around it. */
import type { DocStore } from "../docs/doc-store.js";
import type { WriteQueue } from "../docs/write-queue.js";
import type { Logger } from "../logger.js";
import type { LostWriteEvent } from "./lost-writes.js";
import type { Room } from "./room.js";

/** What a room needs to know of a connection. */
export interface RoomMember {
  readonly userId: string;
  /** The partnership the member reached the board through (for audit events). */
  readonly workspaceId?: string;
  send(frame: Uint8Array): void;
  /** Offers the member's updates that waited for missing dependencies again; true if any was applied. */
  retryPending?(): boolean;
  /** A convener of the partnership: runs every meeting (governance-guard.ts). */
  readonly runsMeetings?: boolean;
  /** Told that part of its update was undone (a permission-denied notice; the connection stays open). */
  undone?(fields: string[], reason?: string): void;
}

export interface RoomDeps {
  store: DocStore;
  queue: WriteQueue;
  logger: Logger;
  compactAfter?: number;
  compactMinIntervalMs?: number;
  /** Called when an update failed half-way: the in-memory document can no longer be trusted. */
  onBroken?: (room: Room) => void;
  /** Called after an update of this board was stored. */
  onStored?: (boardId: string) => void;
  /**
   * Called when a member's update held personal identity numbers: they were replaced before
   * anything was stored or sent, and once the replacement is stored the log has been compacted
   * away (`purged`). Fields and kinds only, never the numbers.
   */
  onIdentityNumbers?: (event: IdentityNumbersRemoved) => void;
  /** Several processes (cluster/board-relay.ts): told each stored update and each presence change of this room's members. */
  peers?: { update(update: Uint8Array): void; awareness(update: Uint8Array): void };
  /** Several processes: the sequence number after `last`, unique to this process (cluster/sequence.ts). */
  nextSeq?: (last: number) => number;
  /** Called when a member's update made Yjs drop a concurrent edit of a field (lost-writes.ts). */
  onLostWrites?: (event: LostWriteEvent) => void;
}

export interface IdentityNumbersRemoved {
  boardId: string;
  userId: string;
  workspaceId: string | null;
  fields: { field: string; kind: string }[];
  /** Resolves once no stored copy of the board (log, snapshot) holds what was removed. */
  purged: Promise<void>;
}
