import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { sessions, workspaceMembers } from "../../server/db/schema.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { TEST_ORIGIN } from "../helpers/test-config.js";
import { connectProvider, firstClose, synced } from "../helpers/ws-client.js";

describe("dead sockets and the periodic access check", () => {
  let f: RealtimeFixture;
  // A short ping interval stands in for the production 30 s; the rule is the same: no pong since
  // the previous ping → dropped at the next one (so within two intervals: 60 s in production).
  beforeAll(async () => {
    f = await startRealtimeFixture({ pingIntervalMs: 150, accessCheckMs: 150 });
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

  // Changes made behind the server's back (another process, an operator in psql) raise no
  // in-process event; the periodic check still catches them.
  it("closes a socket whose session vanished and applies a role changed directly in the database", async () => {
    const boardId = await f.newBoard();
    const { inviteAndJoin } = await import("../helpers/factories.js");
    const person = await inviteAndJoin(f.convener, f.workspaceId, "member", f.orgId, "Periodisk Kontroll");
    const other = await inviteAndJoin(f.convener, f.workspaceId, "member", f.orgId, "Rollbyte Direkt");
    const a = connectProvider(f.server.url, boardId, { cookie: person.client.cookie });
    const b = connectProvider(f.server.url, boardId, { cookie: other.client.cookie });
    try {
      await Promise.all([synced(a.provider), synced(b.provider)]);
      const closing = firstClose(a.provider, 3_000);
      await f.database.db.delete(sessions).where(eq(sessions.userId, person.user.id));
      expect((await closing).code).toBe(Close.Unauthenticated.code);

      await f.database.db
        .update(workspaceMembers)
        .set({ role: "observer" })
        .where(eq(workspaceMembers.userId, other.user.id));
      await eventually(() => {
        const mine = [...f.server.realtime.manager.connections()].filter((c) => c.userId === other.user.id);
        expect(mine.length).toBeGreaterThan(0);
        expect(mine.every((c) => !c.canEdit)).toBe(true);
      }, 3_000);
    } finally {
      a.provider.destroy();
      b.provider.destroy();
    }
  });
});
