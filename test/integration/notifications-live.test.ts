/**
 * The bell is live: a request that shows the current unread count (`?seen=N&wait=S`) is answered
 * as soon as that person's count changes — a notification stored for them, or theirs read in
 * another tab — and otherwise when the wait is over; not by someone else's notification; at once
 * when the count shown is already old; and at once when the server shuts down.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setMeeting } from "../../shared/boards/minutes.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "../helpers/factories.js";
import { startTestServer, type TestServer } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe("the bell's long poll", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: TestServer;
  let convener: ApiClient;
  let convenerId: string;
  let workspaceId: string;
  let eva: ApiClient & { userId: string };
  let omar: ApiClient & { userId: string };

  const count = async (who: ApiClient) => (await who.get("/api/me/notifications/unread-count")).body.count as number;
  const waitFor = (who: ApiClient, seen: number, wait: number) => {
    const started = Date.now();
    return who
      .get(`/api/me/notifications/unread-count?seen=${seen}&wait=${wait}`)
      .then((res) => ({ status: res.status, count: res.body.count as number, ms: Date.now() - started }));
  };
  async function closeMinutes(approverIds: string[]) {
    const created = await convener.post(`/api/workspaces/${workspaceId}/boards`, { kind: "minutes", title: "Möte" });
    const boardId = created.body.board.id as string;
    await server.services.boardEditor.edit(boardId, "minutes", convenerId, (doc) =>
      setMeeting(doc, { startsAt: new Date(Date.now() - 3_600_000).toISOString(), convenerId, approverIds }),
    );
    expect((await convener.post(`/api/boards/${boardId}/minutes/close`, {})).status).toBe(200);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer(database, { trustProxy: true });
    convener = new ApiClient(server.app, undefined, distinctAddresses());
    await setupAdmin(convener);
    convenerId = (await convener.get("/api/auth/me")).body.user.id;
    const orgId = (await createOrganization(convener, "Lekebergs kommun")).id;
    workspaceId = (await createWorkspace(convener, "Nära vård Lekeberg", orgId)).id;
    const join = async (name: string) => {
      const joined = await inviteAndJoin(convener, workspaceId, "member", orgId, name);
      return Object.assign(joined.client, { userId: joined.user.id });
    };
    eva = await join("Eva Sjuksköterska");
    omar = await join("Omar Fysioterapeut");
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it("answers as soon as a notification for that person is stored, not at the end of the wait", async () => {
    const before = await count(eva);
    const waiting = waitFor(eva, before, 20);
    await closeMinutes([eva.userId]);
    const answer = await waiting;
    expect(answer).toMatchObject({ status: 200, count: before + 1 });
    expect(answer.ms).toBeLessThan(10_000);
  });

  it("answers at once when the count shown is already old", async () => {
    const answer = await waitFor(eva, (await count(eva)) + 5, 20);
    expect(answer.count).toBe(await count(eva));
    expect(answer.ms).toBeLessThan(5_000);
  });

  it("wakes when the person reads them in another tab", async () => {
    const before = await count(eva);
    expect(before).toBeGreaterThan(0);
    const waiting = waitFor(eva, before, 20);
    expect((await eva.post("/api/me/notifications/read-all", {})).status).toBe(204);
    const answer = await waiting;
    expect(answer.count).toBe(0);
    expect(answer.ms).toBeLessThan(10_000);
  });

  it("is not woken by someone else's notification; answers the same count when the wait is over", async () => {
    const seen = await count(eva);
    const waiting = waitFor(eva, seen, 2);
    await closeMinutes([omar.userId]);
    const answer = await waiting;
    expect(answer.count).toBe(seen);
    expect(answer.ms).toBeGreaterThanOrEqual(1_900);
  });

  it("refuses a wait it cannot keep with 400 naming the field", async () => {
    for (const query of [
      "seen=0&wait=0",
      "seen=0&wait=31",
      "seen=-1&wait=5",
      "seen=0&wait=soon",
      "seen=0&wait=5&x=1",
    ]) {
      const res = await eva.get(`/api/me/notifications/unread-count?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe("validation_failed");
    }
  });

  it("a shutting-down server answers a waiting bell at once", async () => {
    const waiting = waitFor(eva, await count(eva), 30);
    await new Promise((resolve) => setImmediate(resolve));
    server.services.notifier.stopWaiting();
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(5_000);
    // Later waits are not kept either.
    expect((await waitFor(eva, await count(eva), 30)).ms).toBeLessThan(5_000);
  });
});
