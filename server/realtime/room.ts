/**
 * One live board: its Y.Doc, awareness and connections. Applies checked updates, fans them out
 * coalesced per tick (one merged frame for everyone instead of one frame per update), hands them to
 * the write queue, and compacts the stored log when it grows.
 */
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { BOARD_SPECS, openBoard } from "../../shared/boards/index.js";
import type { BoardKind } from "../../shared/boards/spec.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import { FOLLOWUP_REASON } from "../../shared/protocol/messages.js";
import type { LoadedDoc } from "../docs/doc-store.js";
import { traffic } from "../metrics/instruments.js";
import {
  type AwarenessEntry,
  encodeAwareness,
  encodeAwarenessEntries,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from "./codec.js";
import { CommentWatch } from "./comment-guard.js";
import { Compaction } from "./compaction.js";
import { Fanout } from "./fanout.js";
import { followupBefore, followupChanges } from "./followup-guard.js";
import { type GovernanceFinding, governedBefore, governedChanges } from "./governance-guard.js";
import { type ChangeRecord, findInChanges, record as recordChanges, removeAndReencode } from "./identity-guard.js";
import { LostWriteWatch } from "./lost-writes.js";
import { PresenceOwners } from "./presence-owners.js";
import type { RoomDeps, RoomMember } from "./room-contract.js";
import { StoredSeqs } from "./stored-seqs.js";
import { alreadyHolds, checkUpdate } from "./update-guard.js";

export type { IdentityNumbersRemoved, RoomDeps, RoomMember } from "./room-contract.js";

/** The origin of what another process relayed (cluster/board-relay.ts): sent to members, neither stored nor relayed again. */
const REMOTE = Symbol("remote");

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly members = new Set<RoomMember>();
  /** Awareness client id each member announced, so it can be removed when the member leaves. */
  private readonly presence = new PresenceOwners<RoomMember>();
  /** Members holding updates that wait for content the board does not have yet. */
  private readonly waiting = new Set<RoomMember>();
  private retrying = false;
  /** Sequence numbers handed to the write queue and not yet stored. */
  private readonly unstored = new StoredSeqs();
  private lastSeq: number;
  private durableSeq: number;
  private readonly compaction: Compaction;
  private readonly fanout = new Fanout<RoomMember>((updates, from, awareness) => this.flush(updates, from, awareness));
  /** While an update is being applied, what it changed waits here until it applied completely. */
  private applying: Uint8Array[] | null = null;
  /** SyncStep2 frame with the whole document, for new clients; dropped on every change. */
  private fullState: Uint8Array | null = null;
  /** What the transaction applying a member's update changed, for the identity-number guard. */
  private changes: ChangeRecord | null = null;
  /** Who may write, edit and delete which comment (comment-guard.ts); null for kinds without comments. */
  private readonly comments: CommentWatch | null;
  /** Values of concurrent edits that Yjs dropped (lost-writes.ts), reported through deps.onLostWrites. */
  private readonly lostWrites = new LostWriteWatch();
  destroyed = false;

  constructor(
    readonly boardId: string,
    readonly kind: BoardKind,
    loaded: LoadedDoc,
    private readonly deps: RoomDeps,
  ) {
    // Stored content is applied before any listener exists: it is neither re-stored nor broadcast.
    if (loaded.snapshot) Y.applyUpdate(this.doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(this.doc, update);
    // Right after a compaction (e.g. a restart) the snapshot is exactly what a new client needs.
    if (loaded.snapshot && loaded.updates.length === 0) this.fullState = encodeSyncStep2(loaded.snapshot);
    this.comments = CommentWatch.for(this.doc, BOARD_SPECS[kind]);
    this.lastSeq = loaded.lastSeq;
    this.durableSeq = loaded.lastSeq;
    this.compaction = new Compaction(
      {
        boardId,
        store: deps.store,
        logger: deps.logger,
        // Several processes compact from storage (cluster/shared-compaction.ts): nothing to encode here.
        encode: () =>
          deps.peers
            ? { state: new Uint8Array(0), stateV2: new Uint8Array(0) }
            : { state: Y.encodeStateAsUpdate(this.doc), stateV2: Y.encodeStateAsUpdateV2(this.doc) },
        storedSeq: () => this.durableSeq,
        ...(deps.compactAfter !== undefined ? { compactAfter: deps.compactAfter } : {}),
        ...(deps.compactMinIntervalMs !== undefined ? { minIntervalMs: deps.compactMinIntervalMs } : {}),
      },
      loaded.tail,
    );

    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null); // the server is a peer without presence
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.doc.on("afterTransaction", (transaction: Y.Transaction) => {
      if (!this.applying) return;
      this.changes = recordChanges(transaction);
      if (this.deps.onLostWrites)
        this.lostWrites.observe(transaction, (transaction.origin as RoomMember | null)?.userId ?? null);
    });
    this.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const ids = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
      this.fanout.awareness(ids);
      // Our members' presence goes to the other processes; what timed out here times out there too.
      if (deps.peers && origin !== REMOTE && origin !== "timeout")
        deps.peers.awareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
    });
    // A board from before its kind had a layout (or a new one) is stamped and upgraded here, as a
    // server-authored change that is stored and sent like any other.
    const opened = openBoard(this.doc, kind);
    if (!opened.ok) {
      // Served as stored; the content guard refuses what this version cannot check.
      deps.logger.warn(
        { boardId, reason: opened.reason, found: opened.found },
        "board document is not this version's layout",
      );
    }
  }

  get hasUnsavedChanges(): boolean {
    return this.unstored.pending || this.compaction.inProgress !== null;
  }

  /** The highest sequence number of this board known to be stored. */
  get storedSeq(): number {
    return this.durableSeq;
  }

  get needsCompaction(): boolean {
    return this.compaction.needed;
  }

  /** Greets a new member the y-websocket way: our state vector, then everyone's presence. */
  join(member: RoomMember): void {
    this.members.add(member);
    member.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.getStates().size > 0) member.send(this.awarenessSnapshot());
  }

  leave(member: RoomMember): void {
    this.members.delete(member);
    this.waiting.delete(member);
    const id = this.presence.release(member);
    if (id !== undefined) awarenessProtocol.removeAwarenessStates(this.awareness, [id], member);
  }

  /** May this member set (or clear) the presence of awareness client id `clientId`? See presence-owners.ts. */
  claimPresence(member: RoomMember, clientId: number, removal: boolean): boolean {
    return this.presence.claim(member, clientId, removal);
  }

  /**
   * Answers a peer's state vector with what it lacks. A new client (empty state vector) gets the
   * whole document; that encoding is kept until the next change, since everyone opening the
   * board after a restart or at the start of a meeting asks for the same thing.
   */
  syncStep1(member: RoomMember, stateVector: Uint8Array): void {
    if (stateVector.byteLength === 1 && stateVector[0] === 0) {
      this.fullState ??= encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
      member.send(this.fullState);
      return;
    }
    member.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
  }

  /**
   * True when the update carries no change (nothing to refuse even for a reader). Throws
   * ProtocolError if unsafe, or — with `content` — if it does not fit the board kind's layout.
   */
  check(update: Uint8Array, content = true): boolean {
    return checkUpdate(this.doc, update, LIMITS.maxNestingDepth, content ? BOARD_SPECS[this.kind] : undefined);
  }
  /** True when the board already has all of `update` (a read-only client's sync brings nothing new). */
  holds(update: Uint8Array): boolean {
    return alreadyHolds(this.doc, update);
  }

  /**
   * Applies an update already checked with `check`. If Yjs throws half-way, what it did apply
   * is neither stored nor broadcast, and the room is given up so it reloads from storage.
   */
  apply(member: RoomMember, update: Uint8Array): void {
    // Lost writes of an update that is replaced (below) or fails are never reported.
    this.lostWrites.drop();
    this.applying = [];
    this.changes = null;
    traffic.updatesIn++;
    traffic.updateBytesIn += update.byteLength;
    try {
      const governed = this.kind === "minutes" ? governedBefore(this.doc, member, update) : null;
      const followup = followupBefore(this.doc, this.kind);
      this.comments?.begin();
      Y.applyUpdate(this.doc, update, member);
      // Follow-up entries (followup-guard.ts): a status or value in someone else's name, or out of range.
      const refused =
        followup && this.changes ? followupChanges(this.doc, this.kind, member.userId, followup, this.changes) : [];
      const undo = [
        ...(governed ? governedChanges(this.doc, governed) : []),
        ...(this.comments?.end(member.userId) ?? []),
        ...refused,
      ];
      if (undo.length > 0 && this.undoGoverned(member, update, undo, refused.length > 0 ? FOLLOWUP_REASON : undefined))
        return;
      if (this.changes && this.removeIdentityNumbers(member, update, this.changes)) return;
    } catch (error) {
      this.applying = null;
      this.changes = null;
      this.deps.onBroken?.(this);
      throw error;
    }
    const changes = this.applying;
    this.applying = null;
    this.changes = null;
    for (const change of changes) this.record(change, member);
    const lost = this.lostWrites.take(this.boardId);
    if (lost) this.deps.onLostWrites?.(lost);
    if (changes.length > 0 && this.waiting.size > 0) this.retryWaiting();
  }

  /**
   * Undoes what a member's update changed of the meeting's convener, approvers or agenda items
   * (governance-guard.ts), of other people's comments (comment-guard.ts) or follow-up entries that
   * break the rules (followup-guard.ts), and stores and sends, instead of that update, one with the
   * undo — to the member too. Identity numbers the same update brought are removed in the same step.
   */
  private undoGoverned(member: RoomMember, update: Uint8Array, undo: GovernanceFinding[], reason?: string): boolean {
    const numbers = this.changes ? findInChanges(this.changes) : [];
    if (numbers.length > 0)
      return this.removeIdentityNumbers(member, update, this.changes as ChangeRecord, undo, reason);
    const replaced = removeAndReencode(this.doc, update, undo, this);
    this.applying = null;
    this.changes = null;
    this.record(replaced, member, true);
    member.undone?.(
      undo.map((u) => u.field),
      reason,
    );
    if (this.waiting.size > 0) this.retryWaiting();
    return true;
  }

  /**
   * If the update just applied left personal identity numbers in the board, replaces them and
   * stores and sends, instead of the member's update, one without them (identity-guard.ts): the
   * original bytes never reach the log or anyone else. The member gets it too (its own copy still
   * has the number). What earlier updates held of a number typed digit by digit is compacted away
   * once the replacement is stored.
   */
  private removeIdentityNumbers(
    member: RoomMember,
    update: Uint8Array,
    changes: ChangeRecord,
    undo: { field: string; remove: () => void }[] = [],
    reason?: string,
  ): boolean {
    const found = findInChanges(changes);
    if (found.length === 0) return false;
    const cleaned = removeAndReencode(this.doc, update, [...found, ...undo], this);
    if (undo.length > 0)
      member.undone?.(
        undo.map((u) => u.field),
        reason,
      );
    this.applying = null;
    this.changes = null;
    this.record(cleaned, member, true);
    const seq = this.lastSeq;
    const purged = new Promise<void>((resolve) =>
      this.whenStored(seq, () => {
        // A compaction under way may have started before the replacement: one more after it.
        void (this.compaction.inProgress ?? Promise.resolve()).then(() => this.compact()).then(resolve);
      }),
    );
    this.deps.onIdentityNumbers?.({
      boardId: this.boardId,
      userId: member.userId,
      workspaceId: member.workspaceId ?? null,
      fields: found.map(({ field, kind }) => ({ field, kind })),
      purged,
    });
    if (this.waiting.size > 0) this.retryWaiting();
    return true;
  }

  /**
   * A change the server makes on someone's behalf (a restore, a handover, a removed identity
   * number): applied, stored with `authorId` as its author and sent to every member, like an
   * update from a client. Returns the sequence number to wait for with `whenStored`.
   */
  change(authorId: string | null, edit: (doc: Y.Doc) => void): number {
    const author: RoomMember = { userId: authorId as string, send: () => {} };
    this.doc.transact(() => edit(this.doc), authorId === null ? null : author);
    return this.lastSeq;
  }

  /** A member now holds updates waiting for missing dependencies (or, with false, none any more). */
  setWaiting(member: RoomMember, waiting: boolean): void {
    if (waiting) this.waiting.add(member);
    else this.waiting.delete(member);
  }

  /** What just arrived may be what someone's waiting updates needed (also another tab's, via BroadcastChannel). */
  private retryWaiting() {
    if (this.retrying) return;
    this.retrying = true;
    try {
      for (let progressed = true; progressed && this.waiting.size > 0; ) {
        progressed = false;
        for (const member of [...this.waiting]) if (member.retryPending?.()) progressed = true;
      }
    } finally {
      this.retrying = false;
    }
  }

  /** The sequence number of the newest change applied to this board. */
  get currentSeq(): number {
    return this.lastSeq;
  }

  /** Calls `done` once every change up to `seq` is stored (at once if it is). */
  whenStored(seq: number, done: () => void): void {
    this.unstored.whenStored(seq, done);
  }

  /** The member that announced this awareness client id, if any. */
  awarenessOwner(clientId: number): RoomMember | undefined {
    return this.presence.owner(clientId);
  }

  applyAwareness(member: RoomMember, entry: AwarenessEntry): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries([entry]), member);
  }

  awarenessSnapshot(): Uint8Array {
    return encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
    );
  }

  /** A stored update another process applied: this room's members get it; it is not stored again. */
  applyRemote(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE);
    if (this.waiting.size > 0) this.retryWaiting();
  }

  applyRemoteAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
  }

  /** The presence this process's members hold, for another process that just loaded the board. */
  ownPresence(): Uint8Array | null {
    const ids = this.presence.ownedIn(this.awareness.getStates());
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  private onDocUpdate(update: Uint8Array, origin: unknown) {
    if (origin === REMOTE) {
      this.fullState = null;
      this.fanout.update(update, null);
      return;
    }
    if (this.applying) {
      this.applying.push(update);
      return;
    }
    const member =
      origin && typeof origin === "object" && "userId" in origin && (origin as RoomMember).userId
        ? (origin as RoomMember)
        : null;
    this.record(update, member);
  }

  /** Stores and broadcasts one applied change. */
  private record(update: Uint8Array, member: RoomMember | null, toSenderToo = false) {
    this.fullState = null;
    // Fan-out is scheduled before the write: both run on the next turn in this order, so an
    // embedded database's synchronous work never delays delivery to the other clients.
    this.fanout.update(update, toSenderToo ? null : member);
    this.lastSeq = this.deps.nextSeq ? this.deps.nextSeq(this.lastSeq) : this.lastSeq + 1;
    const seq = this.lastSeq;
    this.unstored.add(seq);
    this.deps.queue.enqueue({
      boardId: this.boardId,
      seq,
      update,
      authorId: member?.userId ?? null,
      receivedAt: performance.now(),
      onDurable: () => {
        this.unstored.stored(seq);
        if (seq > this.durableSeq) this.durableSeq = seq;
        this.deps.onStored?.(this.boardId);
        this.deps.peers?.update(update);
        this.compaction.stored();
      },
    });
  }

  private flush(applied: Uint8Array[], from: RoomMember | null, changed: number[]) {
    if (this.destroyed) return;
    if (applied.length > 0) {
      // One merged frame, encoded once, for every member but the one it all came from (it has it
      // already). With several writers in it, they get it too: re-applying one's own update is a
      // no-op for a Yjs client, and per-recipient merges would cost O(members × updates).
      const frame = encodeUpdate(applied.length === 1 ? (applied[0] as Uint8Array) : Y.mergeUpdates(applied));
      for (const member of this.members) if (member !== from) member.send(frame);
    }
    if (changed.length > 0) {
      const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      const owner = this.presence.soleOwner(changed, this.awareness.getStates());
      for (const member of this.members) if (member !== owner) member.send(frame);
    }
  }

  /** Folds the stored log into one snapshot of the current state (compaction.ts). */
  compact(sessionEnd = false): Promise<void> {
    return this.compaction.run(sessionEnd);
  }

  destroy(): void {
    this.destroyed = true;
    this.unstored.clear();
    this.waiting.clear();
    this.compaction.stop();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
