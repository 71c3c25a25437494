import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { frameSender } from "../../server/realtime/ws-frame.js";

const payload = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 256);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("frames built once for every recipient", () => {
  let server: WebSocketServer | null = null;
  afterEach(async () => {
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  });

  /** Sends `payloads` through frameSender on the server side; returns what a stock `ws` client received. */
  async function roundTrip(payloads: Uint8Array[], perMessageDeflate: boolean) {
    const listening = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate });
    server = listening;
    await new Promise((resolve) => listening.once("listening", resolve));
    listening.on("connection", (ws) => {
      const send = frameSender(ws);
      for (const p of payloads) send(p);
    });
    const { port } = listening.address() as AddressInfo;
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
    const received: { binary: boolean; data: Buffer }[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on("message", (data: Buffer, binary) => {
        received.push({ binary, data });
        if (received.length === payloads.length) resolve();
      });
      client.on("error", reject);
    });
    client.close();
    return received;
  }

  it("arrives intact at every length class of the frame header, also when a payload is sent again", async () => {
    // 7-bit, 16-bit and 64-bit payload lengths and their edges; then one payload again (its frame is reused).
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000];
    const payloads: Uint8Array[] = sizes.map((n, i) => payload(n, i));
    payloads.push(payloads[2] as Uint8Array);
    const received = await roundTrip(payloads, false);
    expect(received.map((r) => r.binary)).toEqual(payloads.map(() => true));
    expect(received.map((r) => hex(r.data))).toEqual(payloads.map(hex));
  });

  it("leaves framing to ws when an extension is in use", async () => {
    const payloads = [payload(300, 1), payload(10, 2)];
    const received = await roundTrip(payloads, true);
    expect(received.map((r) => hex(r.data))).toEqual(payloads.map(hex));
  });

  it("sends a view's own bytes, not the whole buffer underneath it", async () => {
    const whole = payload(64, 7);
    const view = whole.subarray(10, 20);
    const [received] = await roundTrip([view], false);
    expect(hex(received?.data as Buffer)).toBe(hex(whole.slice(10, 20)));
  });
});
