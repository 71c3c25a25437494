/**
 * The registry of live rooms and connections. Loads each board once (concurrent joins share the
 * load), never serves a board whose load failed, unloads rooms 30 s after the last member left
 * once everything is stored, and on shutdown flushes and compacts every room.
 */
import type * as Y from "yjs";
import type { BoardKind } from "../../shared/boards/spec.js";
import { Close, type CloseReason } from "../../shared/protocol/close-codes.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import type { BoardRelay } from "../cluster/board-relay.js";
import type { DocStore, LoadedDoc } from "../docs/doc-store.js";
import type { WriteQueue } from "../docs/write-queue.js";
import type { Logger } from "../logger.js";
import { batchedLoads } from "./batched-loads.js";
import type { Connection } from "./connection.js";
import type { LostWriteEvent } from "./lost-writes.js";
import { type IdentityNumbersRemoved, Room } from "./room.js";

export interface RoomManagerOptions {
  store: DocStore;
  queue: WriteQueue;
  logger: Logger;
  idleUnloadMs?: number;
  compactAfter?: number;
  compactMinIntervalMs?: number;
  /** Called after updates of a board were stored (projections refresh from here). */
  onStored?: (boardId: string) => void;
  onIdentityNumbers?: (event: IdentityNumbersRemoved) => void;
  /** Several processes: the board channels in Redis (cluster/board-relay.ts) and process-unique sequence numbers. */
  relay?: BoardRelay;
  nextSeq?: (last: number) => number;
  onLostWrites?: (event: LostWriteEvent) => void;
}

/** A pause in the joins this long ends a storm (at most a tenth of the idle time). */
const JOIN_QUIET_MS = 500;
/** Joins within about a second that make a storm (a meeting or a region reconnecting), not everyday comings and goings. */
const STORM_JOINS = 20;
/** How long unloading waits for a storm at most: a longer one does not keep idle rooms in memory. */
const MAX_UNLOAD_YIELD_MS = 10_000;
/** How long a read started for a join (prefetch) waits to be taken, and how many may wait. */
const PREFETCH_MS = 5_000;
const MAX_PREFETCHED = 500;
export class RoomLoadError extends Error {
  override name = "RoomLoadError";
}

function countOpen(connections: Iterable<Connection>): number {
  let open = 0;
  for (const c of connections) if (c.open) open++;
  return open;
}

export function createRoomManager(options: RoomManagerOptions) {
  const { store, queue, logger } = options;
  const idleUnloadMs = options.idleUnloadMs ?? LIMITS.idleUnloadMs;
  const rooms = new Map<string, Room>();
  const loading = new Map<string, Promise<Room>>();
  const unloadTimers = new Map<string, NodeJS.Timeout>();
  const connections = new Set<Connection>();
  const byUser = new Map<string, Set<Connection>>();
  let stopping = false;
  const relay = options.relay;
  const readStored = batchedLoads(store);
  /** Reads started while the person's access is checked (prefetch), taken by the board's next load. */
  const early = new Map<string, { read: Promise<LoadedDoc>; timer: NodeJS.Timeout }>();
  /**
   * Unloading (storing and compacting an idle room) is housekeeping: during a storm of joins it
   * waits for a pause of `joinQuietMs` instead of queueing its writes in the database ahead of
   * their boards' loads (a meeting starting as the previous one's rooms unload) — for
   * `maxYieldMs` at most per storm, after which it goes on even while the storm lasts.
   */
  const joinQuietMs = Math.min(JOIN_QUIET_MS, idleUnloadMs / 10);
  const maxYieldMs = Math.min(MAX_UNLOAD_YIELD_MS, idleUnloadMs);
  let lastJoinAt = Number.NEGATIVE_INFINITY;
  /** Joins counted per second: this one so far and the one before. */
  let windowStart = Number.NEGATIVE_INFINITY;
  let joinsNow = 0;
  let joinsBefore = 0;
  let yieldingSince: number | null = null;
  function noteJoin() {
    const now = performance.now();
    if (now - windowStart >= 1_000) {
      joinsBefore = now - windowStart < 2_000 ? joinsNow : 0;
      windowStart = now;
      joinsNow = 0;
    }
    joinsNow++;
    lastJoinAt = now;
  }
  const storming = (now: number) =>
    now - lastJoinAt < joinQuietMs && (now - windowStart < 2_000 ? joinsNow + joinsBefore : 0) >= STORM_JOINS;
  async function afterJoins() {
    for (;;) {
      const now = performance.now();
      if (stopping || !storming(now)) {
        yieldingSince = null;
        return;
      }
      yieldingSince ??= now;
      if (now - yieldingSince >= maxYieldMs) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, joinQuietMs - (now - lastJoinAt))));
    }
  }

  /**
   * Subscribes to what the other processes do with the board, before it is loaded: what arrives
   * before the room exists is applied right after (applying what the load already had is a no-op).
   */
  async function joinPeers(boardId: string, current: () => Room | undefined): Promise<(room: Room) => void> {
    if (!relay) return () => {};
    const early: ((room: Room) => void)[] = [];
    const on = (fn: (room: Room) => void) => {
      const room = current();
      if (!room) early.push(fn);
      else if (!room.destroyed) fn(room);
    };
    await relay.join(boardId, {
      update: (update) => on((room) => room.applyRemote(update)),
      awareness: (update) => on((room) => room.applyRemoteAwareness(update)),
      hello: () =>
        on((room) => {
          const presence = room.ownPresence();
          if (presence) relay.awareness(boardId, presence);
        }),
      stale: () => on((room) => void catchUp(room)),
    });
    return (room) => {
      for (const fn of early.splice(0)) fn(room);
      relay.hello(boardId);
    };
  }

  /** Reads the board again and applies what this room lacks (the Redis link was down, or a peer's was). */
  async function catchUp(room: Room) {
    try {
      const loaded = await store.load(room.boardId);
      if (room.destroyed) return;
      if (loaded.snapshot) room.applyRemote(loaded.snapshot);
      for (const update of loaded.updates) room.applyRemote(update);
    } catch (err) {
      logger.warn({ err, boardId: room.boardId }, "catching up a board from storage failed");
    }
  }
  relay?.onRecovered(() => {
    for (const room of rooms.values()) {
      void catchUp(room);
      relay.stale(room.boardId);
      relay.hello(room.boardId);
    }
  });

  function leavePeers(boardId: string) {
    if (!rooms.has(boardId) && !loading.has(boardId)) relay?.leave(boardId);
  }

  async function load(boardId: string, kind: BoardKind): Promise<Room> {
    const started = performance.now();
    let room: Room | undefined;
    let readMs = 0;
    try {
      const joined = await joinPeers(boardId, () => room);
      // Reading and applying the stored state both belong here: corrupt bytes throw in Y.applyUpdate.
      const prefetched = early.get(boardId);
      if (prefetched) {
        early.delete(boardId);
        clearTimeout(prefetched.timer);
      }
      const loaded = await (prefetched?.read ?? readStored(boardId));
      readMs = performance.now() - started;
      room = new Room(boardId, kind, loaded, {
        store,
        queue,
        logger,
        onBroken: evict,
        ...(options.onStored ? { onStored: options.onStored } : {}),
        ...(options.onIdentityNumbers ? { onIdentityNumbers: options.onIdentityNumbers } : {}),
        ...(options.onLostWrites ? { onLostWrites: options.onLostWrites } : {}),
        ...(options.compactAfter ? { compactAfter: options.compactAfter } : {}),
        ...(options.compactMinIntervalMs !== undefined ? { compactMinIntervalMs: options.compactMinIntervalMs } : {}),
        ...(relay
          ? {
              peers: {
                update: (update: Uint8Array) => relay.update(boardId, update),
                awareness: (update: Uint8Array) => relay.awareness(boardId, update),
              },
            }
          : {}),
        ...(options.nextSeq ? { nextSeq: options.nextSeq } : {}),
      });
      joined(room);
    } catch (err) {
      relay?.leave(boardId);
      // Never fall back to an empty document: a client would sync it and overwrite the stored one.
      logger.error({ err, boardId }, "loading a board failed; refusing its connections");
      // The cause tells the database being unavailable (retry later) from a damaged board.
      throw new RoomLoadError(`board ${boardId} could not be loaded`, { cause: err });
    }
    rooms.set(boardId, room);
    logger.debug({ boardId, ms: Math.round(performance.now() - started), readMs: Math.round(readMs) }, "room loaded");
    return room;
  }

  /** Drops a room whose document can no longer be trusted; members reconnect and get it fresh from storage. */
  function evict(room: Room) {
    logger.error({ boardId: room.boardId }, "an update failed half-way; reloading the board from storage");
    rooms.delete(room.boardId);
    room.destroy();
    leavePeers(room.boardId);
    for (const c of [...connections]) if (c.identity.boardId === room.boardId) c.close(Close.Reloading);
  }

  /** Unloads run one at a time: 200 rooms emptied by one meeting ending must not compact all at once. */
  let unloading: Promise<void> = Promise.resolve();

  function scheduleUnload(room: Room) {
    clearTimeout(unloadTimers.get(room.boardId));
    // Up to 20 % jitter spreads out rooms that emptied together.
    const delay = idleUnloadMs * (1 + Math.random() * 0.2);
    const timer = setTimeout(() => {
      unloading = unloading
        .then(afterJoins)
        .then(() => unload(room))
        .catch((err) => logger.error({ err }, "unloading a room failed"));
    }, delay);
    timer.unref();
    unloadTimers.set(room.boardId, timer);
  }

  async function unload(room: Room) {
    unloadTimers.delete(room.boardId);
    if (room.members.size > 0 || room.destroyed) return;
    if (room.hasUnsavedChanges) {
      await queue.drain(5_000, room.boardId);
      if (room.hasUnsavedChanges) return scheduleUnload(room); // a failing database: keep it in memory, try later
    }
    if (room.needsCompaction) await room.compact(true);
    // Someone may have joined while we were compacting.
    if (room.members.size > 0 || room.destroyed || room.hasUnsavedChanges) return;
    rooms.delete(room.boardId);
    room.destroy();
    leavePeers(room.boardId);
    logger.debug({ boardId: room.boardId }, "room unloaded");
  }

  return {
    /** The loaded room for a board; concurrent callers share one load. Throws RoomLoadError. */
    acquire(boardId: string, kind: BoardKind): Promise<Room> {
      noteJoin();
      clearTimeout(unloadTimers.get(boardId));
      unloadTimers.delete(boardId);
      const room = rooms.get(boardId);
      if (room && !room.destroyed) return Promise.resolve(room);
      let pending = loading.get(boardId);
      if (!pending) {
        // Whatever is still queued for this board must be stored before it is read back.
        pending = queue
          .drain(10_000, boardId)
          .then((stored) => {
            if (!stored) throw new RoomLoadError(`board ${boardId} still has updates that could not be stored`);
            return load(boardId, kind);
          })
          .finally(() => loading.delete(boardId));
        loading.set(boardId, pending);
      }
      return pending;
    },

    /**
     * Starts reading a board whose room is not loaded while a joining person's access is still
     * being checked, so the join waits for one database round trip instead of two in a row; the
     * board's next load takes the read (unused, it is dropped after PREFETCH_MS). Only where
     * nothing can change the stored board meanwhile: no room or load of it, none of its writes
     * queued, and one process (with several, a board is subscribed to before it is read).
     */
    prefetch(boardId: string): void {
      if (relay || stopping || rooms.has(boardId) || loading.has(boardId) || early.has(boardId)) return;
      if (early.size >= MAX_PREFETCHED || queue.holds(boardId)) return;
      const read = readStored(boardId);
      const entry = { read, timer: setTimeout(() => forget(), PREFETCH_MS) };
      entry.timer.unref();
      function forget() {
        if (early.get(boardId) !== entry) return;
        early.delete(boardId);
        clearTimeout(entry.timer);
      }
      // A failed read is not kept for the next load (that one reads again); a load already holding it hears of it.
      read.catch(forget);
      early.set(boardId, entry);
    },

    /**
     * Loads boards before anyone asks, one at a time (after a restart: the boards people were
     * working on, so a meeting that reconnects at once finds them in memory). A board nobody
     * joins unloads like any idle one. Failures are logged; a later connection tries again.
     */
    async preload(boards: { boardId: string; kind: BoardKind }[]): Promise<number> {
      let loaded = 0;
      for (const { boardId, kind } of boards) {
        if (stopping) break;
        try {
          const room = await this.acquire(boardId, kind);
          loaded++;
          if (room.members.size === 0 && !unloadTimers.has(boardId)) scheduleUnload(room);
        } catch (err) {
          logger.warn({ err, boardId }, "preloading a board failed");
        }
      }
      return loaded;
    },

    /**
     * Makes a server-side change to a board, live for everyone on it, and resolves once it is
     * stored. `edit` runs inside one Yjs transaction; the change is authored by `authorId`.
     */
    async edit(boardId: string, kind: BoardKind, authorId: string | null, edit: (doc: Y.Doc) => void): Promise<void> {
      const room = await this.acquire(boardId, kind);
      const seq = room.change(authorId, edit);
      await new Promise<void>((resolve) => room.whenStored(seq, resolve));
      if (room.members.size === 0 && !unloadTimers.has(boardId)) scheduleUnload(room);
    },

    /** Registers a connection unless its user is at the socket limit; returns false if refused. */
    register(connection: Connection): boolean {
      if (stopping) return false;
      const mine = byUser.get(connection.userId) ?? new Set<Connection>();
      // Sockets already closing do not count: a tablet that reconnects right after saying goodbye
      // (or a page reloaded) is back before its old socket's close has finished.
      if (mine.size >= LIMITS.maxSocketsPerUser && countOpen(mine) >= LIMITS.maxSocketsPerUser) return false;
      mine.add(connection);
      byUser.set(connection.userId, mine);
      connections.add(connection);
      return true;
    },

    /** Called when a connection ends; a room left empty is unloaded later. */
    unregister(connection: Connection) {
      connections.delete(connection);
      const mine = byUser.get(connection.userId);
      mine?.delete(connection);
      if (mine?.size === 0) byUser.delete(connection.userId);
      const room = rooms.get(connection.identity.boardId);
      if (room && room.members.size === 0 && !stopping) scheduleUnload(room);
    },

    connections(): Iterable<Connection> {
      return connections;
    },

    closeWhere(predicate: (c: Connection) => boolean, reason: CloseReason) {
      for (const c of [...connections]) if (predicate(c)) c.close(reason);
    },

    get roomCount() {
      return rooms.size;
    },

    room(boardId: string): Room | undefined {
      return rooms.get(boardId);
    },

    /** Closes every connection, stores every update and compacts every room. */
    async shutdown(timeoutMs = 8_000): Promise<void> {
      stopping = true;
      for (const timer of unloadTimers.values()) clearTimeout(timer);
      unloadTimers.clear();
      for (const c of [...connections]) c.close(Close.GoingAway);
      await Promise.allSettled(loading.values());
      const drained = await queue.drain(timeoutMs);
      if (!drained) logger.error({ backlog: queue.backlog }, "shutdown: some updates could not be stored in time");
      await Promise.allSettled(
        [...rooms.values()].map((room) => (room.needsCompaction ? room.compact(true) : undefined)),
      );
      for (const room of rooms.values()) room.destroy();
      rooms.clear();
    },
  };
}

export type RoomManager = ReturnType<typeof createRoomManager>;
