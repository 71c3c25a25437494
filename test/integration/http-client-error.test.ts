/** Node's own answers to unreadable requests (400, 408, 431) carry the API's JSON error shape. */
import { connect } from "node:net";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type RunningServer } from "../../server/http-server.js";
import { errorBodySchema } from "../../shared/api/error.js";

let server: RunningServer;

beforeAll(async () => {
  const app = new Hono().get("/healthz", (c) => c.json({ ok: true }));
  server = await listen(app, { port: 0, host: "127.0.0.1", headersTimeoutMs: 300, requestTimeoutMs: 600 });
});
afterAll(() => server.close(1000));

/** Writes `chunks` on a raw socket and resolves with everything the server sends until it closes. */
function raw(chunks: (string | Buffer)[]): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(server.port, "127.0.0.1");
    const received: Buffer[] = [];
    socket.on("data", (b) => received.push(b));
    socket.on("error", reject);
    socket.on("close", () => resolve({ text: Buffer.concat(received).toString("utf8"), ms: Date.now() - started }));
    socket.on("connect", () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

function parse(text: string) {
  const [head = "", body = ""] = text.split("\r\n\r\n");
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { status: Number(statusLine.split(" ")[1]), statusLine, headers, body: JSON.parse(body) as unknown };
}

function expectShape(text: string, status: number, code: string) {
  const answer = parse(text);
  expect(answer.status).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(answer.headers.connection).toBe("close");
  expect(answer.headers["cache-control"]).toBe("no-store");
  expect(Number(answer.headers["content-length"])).toBe(Buffer.byteLength(text.split("\r\n\r\n")[1] ?? ""));
  const body = errorBodySchema.parse(answer.body);
  expect(body.error.code).toBe(code);
}

describe("Node's own error answers", () => {
  it("answers a malformed request line with 400 in the JSON error shape and closes", async () => {
    const { text } = await raw(["GET /healthz HTTP/1.1 extra words\r\nHost: x\r\n\r\n"]);
    expectShape(text, 400, "bad_request");
  });

  it("answers garbage bytes with 400 too", async () => {
    const { text } = await raw([Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03])]);
    expectShape(text, 400, "bad_request");
  });

  it("answers 20 KB of headers with 431", async () => {
    const big = `X-Filler: ${"a".repeat(20 * 1024)}\r\n`;
    const { text } = await raw([`GET /healthz HTTP/1.1\r\nHost: x\r\n${big}\r\n`]);
    expectShape(text, 431, "headers_too_large");
  });

  it("answers a request whose headers stall with 408", async () => {
    const { text, ms } = await raw(["GET /healthz HTTP/1.1\r\nHost: x\r\n"]);
    expectShape(text, 408, "request_timeout");
    expect(ms).toBeLessThan(5000);
  });

  it("still serves a well-formed request on the same server", async () => {
    const { text } = await raw(["GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"]);
    expect(text.startsWith("HTTP/1.1 200")).toBe(true);
  });
});
