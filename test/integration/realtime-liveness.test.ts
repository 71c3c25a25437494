import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { TEST_ORIGIN } from "../helpers/test-config.js";

describe("dead sockets", () => {
  let f: RealtimeFixture;
  // A short ping interval stands in for the production 30 s; the rule is the same: no pong since
  // the previous ping → dropped at the next one (so within two intervals: 60 s in production).
  beforeAll(async () => {
    f = await startRealtimeFixture({ pingIntervalMs: 150 });
  });
  afterAll(() => f?.close());

  const open = (boardId: string, autoPong: boolean) => {
    const ws = new WebSocket(`${f.server.url.replace("http", "ws")}/ws/boards/${boardId}`, {
      headers: { origin: TEST_ORIGIN, cookie: f.member.cookie ?? "" },
      autoPong,
    });
    ws.on("error", () => {});
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    return { ws, closed };
  };

  it("drops a socket that stops answering pings, and keeps one that answers", async () => {
    const boardId = await f.newBoard();
    const silent = open(boardId, false);
    const healthy = open(boardId, true);
    const started = Date.now();
    // 1006: the server terminated the TCP connection without a close handshake.
    expect(await silent.closed).toBe(1006);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    healthy.ws.close();
  });
});
