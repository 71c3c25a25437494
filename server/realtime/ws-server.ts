/**
 * Binds the realtime core to Node's HTTP server with `ws`: routes upgrades for /ws/boards/:id,
 * authorises them, and forwards socket events to Connection. Also pings to drop dead sockets.
 *
 * While storage is down (storage-health.ts) it takes no edits it could not store: every board
 * connection is closed with 4502 (retry) and new ones are refused with it, until writes succeed
 * again. Clients keep their edits (the stock provider in memory, our web client in IndexedDB) and
 * send them in their sync step 2 when they reconnect; the rooms keep what they had not stored.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { Close, type CloseReason } from "../../shared/protocol/close-codes.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import type { BoardRelay } from "../cluster/board-relay.js";
import type { SocketCounter } from "../cluster/socket-count.js";
import type { Config } from "../config.js";
import { unavailableReason } from "../db/unavailable.js";
import type { DocStore } from "../docs/doc-store.js";
import { StorageHealth } from "../docs/storage-health.js";
import { createWriteQueue } from "../docs/write-queue.js";
import type { Logger } from "../logger.js";
import { addSource } from "../metrics/instruments.js";
import { isUuid } from "../services/access.js";
import type { Services } from "../services/index.js";
import { createBoardAccessCache } from "./access-cache.js";
import { watchAccess } from "./access-watch.js";
import { authorize } from "./authorize.js";
import { encodePermissionDenied } from "./codec.js";
import { Connection } from "./connection.js";
import { recordIdentityNumbers } from "./identity-audit.js";
import { createLoopDelayMonitor } from "./loop-delay.js";
import { createRoomManager, RoomLoadError } from "./room-manager.js";
import { frameOf, SocketState, WsSocket } from "./ws-socket.js";

const PATH = /^\/ws\/boards\/([^/?#]+)\/?(?:\?.*)?$/;

export interface RealtimeOptions {
  config: Config;
  services: Services;
  store: DocStore;
  logger: Logger;
  /** Whether edits can be stored now; main.ts feeds it the database process's events. The write queue reports to it too. */
  health?: StorageHealth;
  idleUnloadMs?: number;
  compactAfter?: number;
  compactMinIntervalMs?: number;
  pingIntervalMs?: number;
  accessCheckMs?: number;
  /** Several processes (REDIS_URL): live boards relayed through Redis, sequence numbers unique to this process. */
  cluster?: { relay: BoardRelay; nextSeq: (last: number) => number; sockets?: SocketCounter };
}

/** Binds the realtime side to an HTTP server: `createRealtime` then `attach`. */
export function attachRealtime(server: Server, options: RealtimeOptions) {
  const realtime = createRealtime(options);
  realtime.attach(server);
  return realtime;
}

/**
 * The rooms, the write queue and the WebSocket handling, before any HTTP server exists: main.ts
 * loads the boards people were working on first, then listens, then attaches.
 */
export function createRealtime(options: RealtimeOptions) {
  const { config, services, logger } = options;
  let server: Server | null = null;
  const health = options.health ?? new StorageHealth();
  const queue = createWriteQueue(options.store, logger, { health });
  const manager = createRoomManager({
    store: options.store,
    queue,
    logger,
    onStored: (boardId) => services.projections.touch(boardId),
    onIdentityNumbers: (event) => recordIdentityNumbers(services, logger, event),
    onLostWrites: (event) =>
      void services.history
        .recordConflicts(event)
        .catch((err) => logger.error({ err, boardId: event.boardId }, "recording a lost edit failed")),
    ...(options.idleUnloadMs !== undefined ? { idleUnloadMs: options.idleUnloadMs } : {}),
    ...(options.compactAfter !== undefined ? { compactAfter: options.compactAfter } : {}),
    ...(options.compactMinIntervalMs !== undefined ? { compactMinIntervalMs: options.compactMinIntervalMs } : {}),
    ...(options.cluster ? { relay: options.cluster.relay, nextSeq: options.cluster.nextSeq } : {}),
  });
  services.projections.attachLive((boardId) => {
    const room = manager.room(boardId);
    return room && !room.destroyed ? { doc: room.doc, seq: room.storedSeq } : undefined;
  });
  services.boardEditor.attachLive((boardId, kind, authorId, edit) => manager.edit(boardId, kind, authorId, edit));
  const stopWatching = watchAccess(manager, services, logger, options.accessCheckMs);
  const accessCache = createBoardAccessCache(services.access, services.events);

  // Storage down: nobody may edit on as if it were stored. Everyone is closed with a code that
  // means "try again later"; their reconnects are refused until a write succeeds again.
  let storageDown = !health.available;
  const stopHealth = health.onChange(() => {
    if (storageDown === !health.available) return;
    storageDown = !health.available;
    if (storageDown) {
      logger.warn(
        { reason: health.reason, connections: [...manager.connections()].length, backlog: queue.backlog },
        "storage unavailable: board connections closed until edits can be stored again",
      );
      manager.closeWhere(() => true, Close.StorageUnavailable);
    } else {
      logger.info({ backlog: queue.backlog }, "storage available again: board connections accepted");
    }
  });
  // maxPayload: ws itself closes with 1009 on a larger frame, before buffering it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.maxFrameBytes, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();
  const loopDelay = createLoopDelayMonitor();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const match = PATH.exec(request.url ?? "");
    if (!match?.[1]) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const boardId = decodeURIComponent(match[1]);
    wss.handleUpgrade(request, socket, head, (ws) => void accept(ws, request, boardId));
  };

  // The same handlers for every socket (`this` is the socket) and its state beside it: an idle
  // connection keeps no closure of its own here (ws-socket.ts).
  const states = new WeakMap<WebSocket, SocketState>();
  function onMessage(this: WebSocket, data: Buffer) {
    states.get(this)?.receive(frameOf(data));
  }
  function onClose(this: WebSocket) {
    loopDelay.release();
    states.get(this)?.connection?.detach();
  }
  function onPong(this: WebSocket) {
    alive.add(this);
  }
  function onError(this: WebSocket, err: Error) {
    logger.debug({ err, boardId: states.get(this)?.boardId }, "websocket error");
  }
  const unregister = (c: Connection) => manager.unregister(c);

  /** Several processes: each connection's entry in the shared socket count (cluster/socket-count.ts). */
  const sharedKeys = new WeakMap<Connection, string>();
  /**
   * Admits by the shared count; refused, this person's sockets here whose close has begun (they
   * only finish their goodbye, as room-manager.ts counts them) give up their places and it asks once
   * more. A closing socket on another process still counts until it has closed.
   */
  async function admitShared(shared: SocketCounter, userId: string, key: string): Promise<boolean> {
    if (await shared.admit(userId, key)) return true;
    let freed = false;
    for (const c of manager.connections()) {
      const held = c.userId === userId && !c.open ? sharedKeys.get(c) : undefined;
      if (held === undefined) continue;
      sharedKeys.delete(c);
      shared.release(userId, held);
      freed = true;
    }
    return freed && shared.admit(userId, key);
  }

  let socketSerial = 0;
  async function accept(ws: WebSocket, request: IncomingMessage, boardId: string) {
    alive.add(ws);
    loopDelay.hold();
    // Frames can arrive while we authorise; the state keeps them, in order, for the connection.
    const state = new SocketState(boardId);
    states.set(ws, state);
    ws.on("close", onClose);
    ws.on("pong", onPong);
    ws.on("message", onMessage);
    ws.on("error", onError);

    if (storageDown) return storageUnavailable(ws);

    let auth: Awaited<ReturnType<typeof authorize>>;
    try {
      // The board is read while access is checked (a board id names a board only as a UUID).
      const prefetch = isUuid(boardId) ? () => manager.prefetch(boardId) : undefined;
      auth = await authorize(request, boardId, config, services, accessCache, prefetch);
    } catch (err) {
      if (storageDown || unavailableReason(err)) {
        logger.warn({ err, boardId }, "authorising a websocket failed: the database is unavailable");
        return storageUnavailable(ws);
      }
      logger.error({ err, boardId }, "authorising a websocket failed");
      return refuse(ws, Close.LoadFailed);
    }
    // Storage went down while authorising.
    if (storageDown) return storageUnavailable(ws);
    if (!auth.ok) return refuse(ws, auth.reason);
    if (ws.readyState !== ws.OPEN) return;

    // The per-user socket limit across processes (several processes); each process also counts its own.
    const { userId } = auth.identity;
    const socketKey = String(++socketSerial);
    const shared = options.cluster?.sockets;
    if (shared && !(await admitShared(shared, userId, socketKey))) return refuse(ws, Close.RateLimited);
    if (ws.readyState !== ws.OPEN) return shared?.release(userId, socketKey);

    const connection = new Connection(
      new WsSocket(ws),
      auth.identity,
      logger,
      // Only with several processes does a closing connection have more to let go of.
      shared
        ? (c) => {
            manager.unregister(c);
            sharedKeys.delete(c);
            shared.release(userId, socketKey);
          }
        : unregister,
    );
    if (shared) sharedKeys.set(connection, socketKey);
    if (!manager.register(connection)) {
      shared?.release(userId, socketKey);
      return refuse(ws, Close.RateLimited);
    }
    state.handOver(connection);

    try {
      const room = await manager.acquire(auth.identity.boardId, auth.identity.boardKind);
      // Storage went down while loading: the health listener has closed it already (attach then does nothing).
      connection.attach(room);
    } catch (err) {
      // RoomLoadError was logged where it happened; anything else is logged here.
      if (!(err instanceof RoomLoadError)) logger.error({ err, boardId }, "joining a board failed");
      const cause = err instanceof RoomLoadError ? err.cause : err;
      connection.close(storageDown || unavailableReason(cause) ? Close.StorageUnavailable : Close.LoadFailed);
    }
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate(); // no pong since the last ping: the peer is gone
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.pingIntervalMs ?? LIMITS.pingIntervalMs);
  heartbeat.unref();
  const removeMetricsSource = addSource({
    connections: () => wss.clients.size,
    boardsLoaded: () => manager.roomCount,
    writeBacklog: () => queue.backlog,
    storage: () => ({ database_process: !health.isDown("process"), writes: !health.isDown("writes") }),
  });
  return {
    manager,
    queue,
    /** Starts taking WebSocket upgrades on `http`. */
    attach(http: Server) {
      server = http;
      http.on("upgrade", onUpgrade);
    },
    /** Whether board edits can be stored now (and so whether board connections are taken). */
    health,
    stats: () => ({
      rooms: manager.roomCount,
      connections: wss.clients.size,
      persist: queue.stats(),
      eventLoopDelay: loopDelay.total(),
    }),
    /** Persistence latency and event-loop delay since the previous call, then a new window starts (SIGUSR2). */
    takeWindowStats() {
      return { persist: queue.takeWindowStats(), eventLoopDelay: loopDelay.takeWindow() };
    },
    /** Stops taking connections, closes the open ones and stores and compacts everything. */
    async close(timeoutMs?: number) {
      server?.off("upgrade", onUpgrade);
      clearInterval(heartbeat);
      stopWatching();
      accessCache.stop();
      stopHealth();
      removeMetricsSource();
      loopDelay.stop();
      await manager.shutdown(timeoutMs);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;

/** Refuses this person (permission-denied frame, then the close code). */
function refuse(ws: WebSocket, reason: CloseReason) {
  if (ws.readyState === ws.OPEN) {
    ws.send(encodePermissionDenied(reason.reason));
    ws.close(reason.code, reason.reason);
  }
}

/** Not a refusal of this person (no permission-denied frame): storage is down, try again later. */
function storageUnavailable(ws: WebSocket) {
  if (ws.readyState === ws.OPEN) ws.close(Close.StorageUnavailable.code, Close.StorageUnavailable.reason);
}
