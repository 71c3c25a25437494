/**
 * Live boards across processes: every process that has a board loaded subscribes to the board's
 * Redis channel (pub/sub) and hears there what the others apply.
 * - An update is published once the process that received it has stored it (never before: a
 *   process that dies before its commit has relayed nothing, so no other process holds content
 *   the database lacks, and its clients' reconnect syncs it in again). A room subscribes before it
 *   loads: what was stored before the load is in it, what is stored after comes on the channel.
 * - Presence (awareness) is published at once, not stored. A room that loads says hello and the
 *   others answer with the presence their own members hold.
 * - Pub/sub forgets what it could not deliver. The database has it all, so when the link is back
 *   every room reads its board again (applying what it lacks is a no-op for the rest) and tells the
 *   others to do the same ("stale"), for what it stored while it could not publish.
 * Messages: one byte of type, the sender's 8-byte process id (its own are ignored), the payload.
 */
import type { Logger } from "../logger.js";
import { PREFIX } from "./keys.js";
import type { RedisLink } from "./redis-link.js";

const UPDATE = 0;
const AWARENESS = 1;
const HELLO = 2;
const STALE = 3;

export interface BoardPeerHandlers {
  /** A stored update another process applied. */
  update(update: Uint8Array): void;
  /** Presence another process's members changed (an encoded awareness update). */
  awareness(update: Uint8Array): void;
  /** Another process loaded the board and wants to know who is here. */
  hello(): void;
  /** Another process stored edits it could not publish: read the board again. */
  stale(): void;
}

export interface BoardRelay {
  /** Subscribes to the board's channel; resolves once subscribed (then load the board). */
  join(boardId: string, handlers: BoardPeerHandlers): Promise<void>;
  leave(boardId: string): void;
  update(boardId: string, update: Uint8Array): void;
  awareness(boardId: string, update: Uint8Array): void;
  hello(boardId: string): void;
  stale(boardId: string): void;
  /** Called when the link is back: rooms catch up from the database. */
  onRecovered(listener: () => void): () => void;
  readonly up: boolean;
}

const channelOf = (boardId: string) => `${PREFIX}board:${boardId}`;

export function createBoardRelay(link: RedisLink, logger: Logger): BoardRelay {
  const id = link.processId;

  function send(boardId: string, type: number, payload?: Uint8Array) {
    const message = Buffer.allocUnsafe(1 + id.length + (payload?.byteLength ?? 0));
    message[0] = type;
    id.copy(message, 1);
    if (payload) message.set(payload, 1 + id.length);
    link.publish(channelOf(boardId), message);
  }

  return {
    async join(boardId, handlers) {
      await link.subscribe(channelOf(boardId), (_channel, message) => {
        if (message.length < 1 + id.length || message.subarray(1, 1 + id.length).equals(id)) return;
        const payload = new Uint8Array(
          message.buffer,
          message.byteOffset + 1 + id.length,
          message.length - 1 - id.length,
        );
        try {
          switch (message[0]) {
            case UPDATE:
              return handlers.update(payload);
            case AWARENESS:
              return handlers.awareness(payload);
            case HELLO:
              return handlers.hello();
            case STALE:
              return handlers.stale();
          }
        } catch (err) {
          logger.error({ err, boardId }, "applying what another process relayed failed");
        }
      });
    },
    leave(boardId) {
      link.unsubscribe(channelOf(boardId));
    },
    update: (boardId, update) => send(boardId, UPDATE, update),
    awareness: (boardId, update) => send(boardId, AWARENESS, update),
    hello: (boardId) => send(boardId, HELLO),
    stale: (boardId) => send(boardId, STALE),
    onRecovered(listener) {
      return link.onChange((up) => up && listener());
    },
    get up() {
      return link.up;
    },
  };
}
