/**
 * Is the link to the server alive, and has the server stored every change made here? The stock
 * provider notices a dead link only after 30 s without a message; a tablet whose Wi-Fi drops must
 * say so within seconds. And a change is "sent" long before it is safe: only the server's
 * acknowledgement says it is stored (PROTOCOL §4.6, Samverkan's frame type 100, which only our
 * server answers — this client sends it only to our server).
 *
 * - Heartbeat: while connected, a ping goes out whenever nothing has arrived for PING_AFTER_MS;
 *   with nothing at all for SILENT_AFTER_MS the link counts as lost (shown as offline), and after
 *   CLOSE_AFTER_MS the socket is closed so the provider reconnects as soon as the network allows.
 * - Acknowledgements: every local change counts; after a change (and after each sync) the client
 *   asks for an acknowledgement of the newest count, which the server gives once it has stored
 *   everything this connection sent before the request.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebsocketProvider } from "y-websocket";
import { SAMVERKAN_MESSAGE, SamverkanType } from "../../../shared/protocol/messages.js";

export const PING_AFTER_MS = 1_500;
export const SILENT_AFTER_MS = 3_500;
export const CLOSE_AFTER_MS = 12_000;
const CHECK_EVERY_MS = 500;
/** Asking for an acknowledgement after each keystroke would double the messages: changes are gathered this long. */
const ACK_DEBOUNCE_MS = 150;

export interface LinkWatch {
  /** Nothing has arrived for a while on an open socket: the network is probably gone. */
  readonly silent: boolean;
  /** Changes made on this device that the server has not confirmed as stored. */
  readonly unacknowledged: number;
  /** Milliseconds since the oldest unconfirmed change was made (0 when there is none). */
  unacknowledgedForMs(): number;
  /** A local change was made. */
  changed(): void;
  /** The provider synced (again): ask for an acknowledgement of everything so far. */
  synced(): void;
  destroy(): void;
}

export function watchLink(provider: WebsocketProvider, onChange: () => void): LinkWatch {
  let made = 0;
  let acknowledged = 0;
  /** When each not yet acknowledged change was made, oldest first: [count, time]. */
  const times: [number, number][] = [];
  let silent = false;
  let lastPing = 0;
  let ackTimer: ReturnType<typeof setTimeout> | null = null;

  const send = (write: (e: encoding.Encoder) => void) => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, SAMVERKAN_MESSAGE);
    write(e);
    ws.send(encoding.toUint8Array(e));
  };

  const askForAck = () => {
    ackTimer = null;
    if (made > acknowledged) {
      send((e) => {
        encoding.writeVarUint(e, SamverkanType.AckRequest);
        encoding.writeVarUint(e, made);
      });
    }
  };

  provider.messageHandlers[SAMVERKAN_MESSAGE] = (_encoder, decoder) => {
    const type = decoding.readVarUint(decoder);
    if (type === SamverkanType.Ack) {
      const n = decoding.readVarUint(decoder);
      if (n > acknowledged) acknowledged = Math.min(n, made);
      while (times.length > 0 && (times[0] as [number, number])[0] <= acknowledged) times.shift();
      onChange();
    }
    // A pong needs no handling: that something arrived is what counts (wsLastMessageReceived).
  };

  const check = () => {
    if (!provider.wsconnected) {
      if (silent) {
        silent = false;
        onChange();
      }
      return;
    }
    const quiet = Date.now() - provider.wsLastMessageReceived;
    if (quiet >= PING_AFTER_MS && Date.now() - lastPing >= PING_AFTER_MS) {
      lastPing = Date.now();
      send((e) => encoding.writeVarUint(e, SamverkanType.Ping));
    }
    if (quiet >= CLOSE_AFTER_MS) {
      // The provider's own watchdog waits 30 s; reconnecting starts now instead. A dead link
      // would hold a closing handshake up too: drop the socket the way that watchdog does.
      provider.disconnect();
      provider.connect();
      return;
    }
    const nowSilent = quiet >= SILENT_AFTER_MS;
    if (nowSilent !== silent) {
      silent = nowSilent;
      onChange();
    }
    // Changes still unconfirmed may cross the "unsynced" threshold without any event.
    if (times.length > 0) onChange();
  };
  const timer = setInterval(check, CHECK_EVERY_MS);

  return {
    get silent() {
      return silent;
    },
    get unacknowledged() {
      return made - acknowledged;
    },
    unacknowledgedForMs() {
      const oldest = times[0];
      return oldest ? Date.now() - oldest[1] : 0;
    },
    changed() {
      made++;
      times.push([made, Date.now()]);
      ackTimer ??= setTimeout(askForAck, ACK_DEBOUNCE_MS);
    },
    synced() {
      if (ackTimer) clearTimeout(ackTimer);
      askForAck();
    },
    destroy() {
      clearInterval(timer);
      if (ackTimer) clearTimeout(ackTimer);
    },
  };
}
