/**
 * Pure encoding and decoding of y-websocket frames. Decoding is strict: a truncated varint,
 * an unknown type or subtype, or bytes left over after the message are protocol errors.
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { AuthType, MessageType, SAMVERKAN_MESSAGE, SamverkanType, SyncType } from "../../shared/protocol/messages.js";
import { malformed } from "./protocol-error.js";

export type ClientMessage =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "sync-step2"; update: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; entries: AwarenessEntry[] }
  | { kind: "query-awareness" }
  | { kind: "ack-request"; n: number }
  | { kind: "ping" };

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as sent: JSON text, "null" when the client leaves. */
  json: string;
}

export function decodeClientFrame(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  let message: ClientMessage;
  try {
    message = readMessage(decoder);
  } catch (error) {
    if ((error as { name?: string }).name === "ProtocolError") throw error;
    // lib0 throws plain Errors on truncated input and RangeErrors on absurd lengths.
    throw malformed(`undecodable frame: ${(error as Error).message}`);
  }
  if (decoding.hasContent(decoder)) throw malformed("bytes left over after the message");
  return message;
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.Sync: {
      const subtype = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subtype === SyncType.Step1) return { kind: "sync-step1", stateVector: payload };
      if (subtype === SyncType.Step2) return { kind: "sync-step2", update: payload };
      if (subtype === SyncType.Update) return { kind: "update", update: payload };
      throw malformed(`unknown sync subtype ${subtype}`);
    }
    case MessageType.Awareness:
      return { kind: "awareness", entries: readAwarenessUpdate(decoding.readVarUint8Array(decoder)) };
    case MessageType.QueryAwareness:
      return { kind: "query-awareness" };
    case MessageType.Auth:
      throw malformed("clients do not send auth messages");
    case SAMVERKAN_MESSAGE: {
      const subtype = decoding.readVarUint(decoder);
      if (subtype === SamverkanType.AckRequest) return { kind: "ack-request", n: decoding.readVarUint(decoder) };
      if (subtype === SamverkanType.Ping) return { kind: "ping" };
      throw malformed(`unknown samverkan subtype ${subtype}`);
    }
    default:
      throw malformed(`unknown message type ${type}`);
  }
}

function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 64) throw malformed("too many awareness entries");
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      json: decoding.readVarString(decoder),
    });
  }
  if (decoding.hasContent(decoder)) throw malformed("bytes left over in the awareness update");
  return entries;
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate);
  });
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.json);
  }
  return encoding.toUint8Array(e);
}

export function encodePermissionDenied(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, AuthType.PermissionDenied);
    encoding.writeVarString(e, reason);
  });
}

export function encodeAck(n: number): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, SAMVERKAN_MESSAGE);
    encoding.writeVarUint(e, SamverkanType.Ack);
    encoding.writeVarUint(e, n);
  });
}

export const PONG_FRAME: Uint8Array = frame((e) => {
  encoding.writeVarUint(e, SAMVERKAN_MESSAGE);
  encoding.writeVarUint(e, SamverkanType.Pong);
});

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}
