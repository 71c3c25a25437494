import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import {
  type AwarenessEntry,
  decodeClientFrame,
  encodeAwareness,
  encodeAwarenessEntries,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from "../../server/realtime/codec.js";
import { ProtocolError } from "../../server/realtime/protocol-error.js";
import { Close } from "../../shared/protocol/close-codes.js";

/** A frame written with lib0, the way the stock y-websocket client writes one. */
function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

/** Decodes and returns the ProtocolError it must throw. */
function refusal(bytes: Uint8Array): ProtocolError {
  let decoded: unknown;
  try {
    decoded = decodeClientFrame(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    return error as ProtocolError;
  }
  throw new Error(`decoded without complaint: ${JSON.stringify(decoded)}`);
}

function sampleDoc() {
  const doc = new Y.Doc();
  doc.getMap("actions").set("a1", "Brytpunktssamtal");
  doc.getText("notes").insert(0, "Rond på Solgården");
  return doc;
}

describe("decodeClientFrame: valid messages", () => {
  const doc = sampleDoc();
  const update = Y.encodeStateAsUpdate(doc);
  const stateVector = Y.encodeStateVector(doc);

  it("sync step 1 round-trips through encodeSyncStep1", () => {
    expect(decodeClientFrame(encodeSyncStep1(stateVector))).toEqual({ kind: "sync-step1", stateVector });
  });

  it("sync step 2 round-trips through encodeSyncStep2", () => {
    expect(decodeClientFrame(encodeSyncStep2(update))).toEqual({ kind: "sync-step2", update });
  });

  it("an update round-trips through encodeUpdate", () => {
    expect(decodeClientFrame(encodeUpdate(update))).toEqual({ kind: "update", update });
  });

  it("an empty update (the smallest there is) round-trips", () => {
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(decodeClientFrame(encodeUpdate(empty))).toEqual({ kind: "update", update: empty });
  });

  it("awareness entries round-trip through encodeAwareness(encodeAwarenessEntries(...))", () => {
    const entries: AwarenessEntry[] = [
      { clientId: 1, clock: 0, json: "{}" },
      { clientId: 2 ** 32 - 1, clock: 123_456, json: JSON.stringify({ focus: "kort-7 — åäö ✓" }) },
      { clientId: 42, clock: 9, json: "null" },
    ];
    expect(decodeClientFrame(encodeAwareness(encodeAwarenessEntries(entries)))).toEqual({ kind: "awareness", entries });
  });

  it("an awareness message with no entries decodes to an empty list", () => {
    expect(decodeClientFrame(encodeAwareness(encodeAwarenessEntries([])))).toEqual({ kind: "awareness", entries: [] });
  });

  it("query-awareness is a lone type varint 3", () => {
    expect(decodeClientFrame(frame((e) => encoding.writeVarUint(e, 3)))).toEqual({ kind: "query-awareness" });
  });

  it("decodes the frames the stock client writes with y-protocols", () => {
    const step1 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientFrame(step1)).toEqual({ kind: "sync-step1", stateVector });

    const step2 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc, new Uint8Array([0]));
    });
    const decodedStep2 = decodeClientFrame(step2);
    expect(decodedStep2.kind).toBe("sync-step2");
    const replica = new Y.Doc();
    Y.applyUpdate(replica, (decodedStep2 as { update: Uint8Array }).update);
    expect(replica.getText("notes").toString()).toBe("Rond på Solgården");

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { color: "#0b6e4f" }, focus: "kort-1" });
    const awarenessFrame = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    });
    expect(decodeClientFrame(awarenessFrame)).toEqual({
      kind: "awareness",
      entries: [{ clientId: doc.clientID, clock: expect.any(Number), json: JSON.stringify(awareness.getLocalState()) }],
    });
    awareness.destroy();
  });

  it("the encoders' frames are read correctly by the stock client's y-protocols", () => {
    const replica = new Y.Doc();
    const decoder = decoding.createDecoder(encodeSyncStep2(update));
    expect(decoding.readVarUint(decoder)).toBe(0);
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), replica, null);
    expect(replica.getMap("actions").get("a1")).toBe("Brytpunktssamtal");

    const denied = decoding.createDecoder(encodePermissionDenied("read-only: observers cannot change this board"));
    expect(decoding.readVarUint(denied)).toBe(2);
    expect(decoding.readVarUint(denied)).toBe(0);
    expect(decoding.readVarString(denied)).toBe("read-only: observers cannot change this board");
    expect(decoding.hasContent(denied)).toBe(false);
  });
});

describe("decodeClientFrame: malformed frames close with 4400", () => {
  const update = Y.encodeStateAsUpdate(sampleDoc());

  const cases: [string, Uint8Array][] = [
    ["an empty frame", new Uint8Array(0)],
    ["a truncated type varint", Uint8Array.of(0x80)],
    ["a truncated sync subtype varint", Uint8Array.of(0, 0x80)],
    ["a sync frame without payload", Uint8Array.of(0, 2)],
    ["a truncated payload-length varint", Uint8Array.of(0, 2, 0x85)],
    ["a payload length beyond the end of the frame", Uint8Array.of(0, 2, 10, 1, 2, 3)],
    ["a type varint longer than 53 bits", new Uint8Array(12).fill(0xff)],
    ["unknown message type 4", Uint8Array.of(4)],
    ["unknown message type 127", Uint8Array.of(127)],
    ["unknown message type 1000 (multi-byte varint)", frame((e) => encoding.writeVarUint(e, 1000))],
    [
      "unknown sync subtype 3",
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 3);
        encoding.writeVarUint8Array(e, update);
      }),
    ],
    [
      "unknown sync subtype 200",
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 200);
        encoding.writeVarUint8Array(e, update);
      }),
    ],
    ["trailing bytes after an update", concat(encodeUpdate(update), Uint8Array.of(0))],
    ["trailing bytes after sync step 1", concat(encodeSyncStep1(Uint8Array.of(0)), Uint8Array.of(7, 7))],
    ["trailing bytes after query-awareness", Uint8Array.of(3, 0)],
    ["an auth (permission-denied) message sent by a client", encodePermissionDenied("let me in")],
    ["a bare auth type", Uint8Array.of(2)],
    [
      "trailing bytes inside the awareness payload",
      encodeAwareness(concat(encodeAwarenessEntries([{ clientId: 1, clock: 1, json: "{}" }]), Uint8Array.of(9))),
    ],
    [
      "an awareness payload truncated mid-entry",
      encodeAwareness(encodeAwarenessEntries([{ clientId: 1, clock: 1, json: "{}" }]).subarray(0, 3)),
    ],
    [
      "an awareness payload announcing more entries than it has",
      encodeAwareness(
        frame((e) => {
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, 1);
          encoding.writeVarString(e, "{}");
        }),
      ),
    ],
    [
      "an awareness message with more than 64 entries",
      encodeAwareness(
        encodeAwarenessEntries(Array.from({ length: 65 }, (_, i) => ({ clientId: 1, clock: i, json: "{}" }))),
      ),
    ],
    ["garbage bytes", Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)],
    ["text instead of a binary frame", new TextEncoder().encode('{"type":"sync","update":"AAA="}')],
  ];

  it.each(cases)("%s", (_name, bytes) => {
    expect(refusal(bytes).close).toBe(Close.Malformed);
    expect(refusal(bytes).close.code).toBe(4400);
  });

  it("random garbage is refused with 4400 or decodes to a known message kind, never another error", () => {
    let seed = 20_240_611;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let refused = 0;
    for (let i = 0; i < 2_000; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 24) }, () => Math.floor(random() * 256));
      try {
        const message = decodeClientFrame(bytes);
        expect(["sync-step1", "sync-step2", "update", "awareness", "query-awareness"]).toContain(message.kind);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
        expect((error as ProtocolError).close).toBe(Close.Malformed);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(1_000);
  });
});
