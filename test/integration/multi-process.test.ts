/**
 * Several identical server processes on one PostgreSQL and one Redis (REDIS_URL), as behind a load
 * balancer: edits and presence cross processes, access changes reach sockets on every process, a
 * process killed with -9 loses nothing acknowledged, and Redis going away and coming back is
 * survived without help. The configuration checks run on any database; the rest needs PostgreSQL
 * (DATABASE_URL, as CI sets) — PGlite is one process by design.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { openDatabase } from "../../server/db/client.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { addAction, readFocus } from "../../shared/boards/focus.js";
import { addAgendaItem, readMinutes, setMeeting } from "../../shared/boards/minutes.js";
import { Close } from "../../shared/protocol/close-codes.js";
import type { ApiClient } from "../helpers/api-client.js";
import { CLUSTER_ORIGIN, clusterEnv, freshPostgres, httpClient, startProcesses } from "../helpers/cluster.js";
import { eventually } from "../helpers/eventually.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "../helpers/factories.js";
import { alive, freePort } from "../helpers/processes.js";
import { startTestRedis, type TestRedis } from "../helpers/redis-server.js";
import { runMain, type SpawnedServer, spawnServer } from "../helpers/spawn-server.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, firstClose, synced } from "../helpers/ws-client.js";

const RUN_TIMEOUT = 180_000;
const cards = (doc: Y.Doc) =>
  readFocus(doc)
    .actions.map((a) => a.id)
    .sort();
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe("REDIS_URL at start", () => {
  it("refuses a URL that is not a Redis URL, and Redis without PostgreSQL, with the reason", async () => {
    const wrong = await runMain({ REDIS_URL: "http://127.0.0.1:6379", DATABASE_URL: "postgres://u@127.0.0.1:1/x" });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("REDIS_URL: must be a URL like redis://");
    const alone = await runMain({ REDIS_URL: "redis://127.0.0.1:6379", DATA_DIR: "./nowhere" });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("REDIS_URL: several processes need a shared PostgreSQL");
  });

  it("refuses an unreachable Redis in one line, without its password", async () => {
    const port = await freePort();
    const { code, stderr } = await runMain({
      REDIS_URL: `redis://:hemligt@127.0.0.1:${port}`,
      DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`Samverkan cannot start: cannot reach Redis at redis://:***@127.0.0.1:${port}`);
    expect(stderr).not.toContain("hemligt");
  });
});

describe.each(databaseKinds().filter((kind) => kind === "postgres"))("three processes on %s and Redis", () => {
  let redis: TestRedis;
  let database: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;
  let servers: SpawnedServer[] = [];
  let admin: ApiClient;
  let workspaceId: string;
  let organizationId: string;
  const providers: WebsocketProvider[] = [];

  const wsBase = (server: SpawnedServer) => `${server.url.replace(/^http/, "ws")}/ws/boards`;
  const client = (server: SpawnedServer, boardId: string, cookie: string) => {
    const c = connectProvider(server.url, boardId, { cookie, origin: CLUSTER_ORIGIN });
    providers.push(c.provider);
    return c;
  };
  const newBoard = async () => {
    const res = await admin.post(`/api/workspaces/${workspaceId}/boards`, { kind: "focus", title: "Palliativ vård" });
    expect(res.status).toBe(201);
    return res.body.board.id as string;
  };
  /** The board as stored: snapshot plus log. */
  const stored = async (boardId: string) => {
    const db = await openDatabase({ kind: "postgres", url: database.url });
    try {
      const loaded = await createDocStore(db.db).load(boardId);
      const doc = new Y.Doc();
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
      for (const update of loaded.updates) Y.applyUpdate(doc, update);
      return cards(doc);
    } finally {
      await db.close();
    }
  };
  const readyz = async (server: SpawnedServer) => {
    const res = await fetch(`${server.url}/readyz`);
    return { status: res.status, body: (await res.json()) as { status?: string; error?: { code: string } } };
  };

  beforeAll(async () => {
    // Every stock provider adds a process exit listener; this file opens a few dozen.
    process.setMaxListeners(0);
    redis = await startTestRedis();
    database = await freshPostgres("samverkan_test_cluster");
    env = clusterEnv(database.url, redis.url);
    servers = await startProcesses(env, 3);
    admin = httpClient(() => (servers[0] as SpawnedServer).url);
    await setupAdmin(admin);
    organizationId = (await createOrganization(admin, "Lekebergs kommun")).id;
    workspaceId = (await createWorkspace(admin, "Nära vård Lekeberg", organizationId)).id;
  }, RUN_TIMEOUT);

  afterAll(async () => {
    for (const p of providers.splice(0)) p.destroy();
    for (const server of servers) {
      const pid = server.child.pid as number;
      await server.stop("SIGTERM");
      if (alive(pid)) process.kill(pid, "SIGKILL"); // never leave a server of ours behind
    }
    await redis?.kill();
    await database?.drop();
  }, RUN_TIMEOUT);

  it(
    "clients on three processes converge on one document, see each other's presence and it is all stored",
    async () => {
      const boardId = await newBoard();
      const clients = servers.map((server) => client(server, boardId, admin.cookie as string));
      await Promise.all(clients.map((c) => synced(c.provider)));
      clients.forEach((c, i) => {
        for (const id of ids(`p${i}`, 5)) addAction(c.doc, { id, title: `Kort ${id}` });
      });
      const all = [0, 1, 2].flatMap((i) => ids(`p${i}`, 5)).sort();
      await eventually(() => {
        for (const c of clients) expect(cards(c.doc)).toEqual(all);
      }, 10_000);

      // Presence set on the first process reaches the third, and a client that joins the second later
      // (the server names the person from the session).
      const [first, , third] = clients as [(typeof clients)[0], (typeof clients)[0], (typeof clients)[0]];
      first.provider.awareness.setLocalStateField("user", { name: "Anna" });
      await eventually(() => {
        expect(third.provider.awareness.getStates().get(first.doc.clientID)?.user?.name).toBe("Anna Admin");
      }, 10_000);
      const late = client(servers[1] as SpawnedServer, boardId, admin.cookie as string);
      await synced(late.provider);
      expect(cards(late.doc)).toEqual(all);
      await eventually(() => {
        expect(late.provider.awareness.getStates().get(first.doc.clientID)?.user?.name).toBe("Anna Admin");
      }, 10_000);

      await eventually(async () => expect(await stored(boardId)).toEqual(all), 10_000, 250);
    },
    RUN_TIMEOUT,
  );

  it(
    "removing a member closes their sockets on every process, and they cannot come back",
    async () => {
      const boardId = await newBoard();
      const member = await inviteAndJoin(admin, workspaceId, "member", organizationId, "Bo Berg");
      const clients = servers.map((server) => client(server, boardId, member.client.cookie as string));
      await Promise.all(clients.map((c) => synced(c.provider)));
      const closes = clients.map((c) => firstClose(c.provider, 10_000));
      // Through the second process: the others hear it through Redis.
      const removed = httpClient(() => (servers[1] as SpawnedServer).url);
      removed.cookie = admin.cookie;
      expect((await removed.delete(`/api/workspaces/${workspaceId}/members/${member.user.id}`)).status).toBe(204);
      for (const close of await Promise.all(closes)) expect(close.code).toBe(Close.AccessRevoked.code);

      // A new socket to any process is refused.
      const again = client(servers[2] as SpawnedServer, boardId, member.client.cookie as string);
      expect((await firstClose(again.provider, 10_000)).code).toBe(Close.NoAccess.code);

      // Archiving the board, on the third process, closes the admin's sockets on the first two.
      const adminClients = servers.slice(0, 2).map((server) => client(server, boardId, admin.cookie as string));
      await Promise.all(adminClients.map((c) => synced(c.provider)));
      const archived = adminClients.map((c) => firstClose(c.provider, 10_000));
      const third = httpClient(() => (servers[2] as SpawnedServer).url);
      third.cookie = admin.cookie;
      expect((await third.delete(`/api/boards/${boardId}`)).status).toBeLessThan(300);
      for (const close of await Promise.all(archived)) expect(close.code).toBe(Close.AccessRevoked.code);
    },
    RUN_TIMEOUT,
  );

  it(
    "minutes closed for approval through one process refuse changes on every process",
    async () => {
      const member = await inviteAndJoin(admin, workspaceId, "member", organizationId, "Eva Ek");
      const adminId = (await admin.get("/api/auth/me")).body.user.id as string;
      const res = await admin.post(`/api/workspaces/${workspaceId}/boards`, {
        kind: "minutes",
        title: "Samverkansmöte",
      });
      expect(res.status).toBe(201);
      const boardId = res.body.board.id as string;
      const clients = servers.map((server) => client(server, boardId, admin.cookie as string));
      await Promise.all(clients.map((c) => synced(c.provider)));
      const [first] = clients as [(typeof clients)[0]];
      first.doc.transact(() => {
        setMeeting(first.doc, {
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          convenerId: adminId,
          approverIds: [member.user.id],
        });
        addAgendaItem(first.doc, { title: "Trygg hemgång", number: 1 });
      });
      await eventually(() => {
        for (const c of clients) expect(readMinutes(c.doc).items).toHaveLength(1);
      }, 10_000);
      const third = httpClient(() => (servers[2] as SpawnedServer).url);
      third.cookie = admin.cookie;
      await eventually(
        async () => expect((await third.post(`/api/boards/${boardId}/minutes/close`, {})).status).toBe(200),
        10_000,
        200,
      );
      // Every process, told through Redis, refuses the next change and closes with 4423.
      for (const [i, c] of clients.entries()) {
        const closed = firstClose(c.provider, 10_000);
        addAgendaItem(c.doc, { title: `Inskjuten punkt ${i}`, number: 2 + i });
        expect((await closed).code).toBe(Close.Locked.code);
      }
    },
    RUN_TIMEOUT,
  );

  it(
    "kill -9 of one process: its clients reconnect to the others and nothing acknowledged is lost",
    async () => {
      const boardId = await newBoard();
      const clients = servers.map((server) => client(server, boardId, admin.cookie as string));
      await Promise.all(clients.map((c) => synced(c.provider)));
      const [a, b, victim] = clients as [(typeof clients)[0], (typeof clients)[0], (typeof clients)[0]];

      // Acknowledged: seen on another process, which only ever hears of stored edits.
      for (const id of ids("before", 10)) addAction(victim.doc, { id, title: id });
      await eventually(() => expect(cards(a.doc)).toEqual(ids("before", 10).sort()), 10_000);

      const killed = servers[2] as SpawnedServer;
      killed.child.kill("SIGKILL");
      await killed.stop("SIGKILL");
      // Like a load balancer: the next connection goes to a process that is up.
      victim.provider.serverUrl = wsBase(servers[1] as SpawnedServer);
      for (const id of ids("offline", 5)) addAction(victim.doc, { id, title: id });
      for (const id of ids("others", 5)) addAction(b.doc, { id, title: id });

      const all = [...ids("before", 10), ...ids("offline", 5), ...ids("others", 5)].sort();
      await eventually(() => {
        for (const c of [a, b, victim]) expect(cards(c.doc)).toEqual(all);
      }, 15_000);
      await eventually(async () => expect(await stored(boardId)).toEqual(all), 10_000, 250);

      servers[2] = await spawnServer(env);
      const fresh = client(servers[2] as SpawnedServer, boardId, admin.cookie as string);
      await synced(fresh.provider);
      expect(cards(fresh.doc)).toEqual(all);
    },
    RUN_TIMEOUT,
  );

  it(
    "restarting the processes one at a time, as for an upgrade, loses nothing while clients write",
    async () => {
      const boardId = await newBoard();
      const clients = servers.map((server) => client(server, boardId, admin.cookie as string));
      await Promise.all(clients.map((c) => synced(c.provider)));
      const written: string[] = [];
      let n = 0;
      // A focus board holds at most 1,000 cards: 300 from each client, over the first restarts.
      const writer = setInterval(() => {
        if (n >= 300) return;
        clients.forEach((c, i) => {
          const id = `u${i}-${n}`;
          addAction(c.doc, { id, title: id });
          written.push(id);
        });
        n++;
      }, 60);
      try {
        for (let i = 0; i < servers.length; i++) {
          const leaving = servers[i] as SpawnedServer;
          const next = servers[(i + 1) % servers.length] as SpawnedServer;
          // The load balancer sends the next connection elsewhere; the process stores, compacts and exits.
          (clients[i] as (typeof clients)[0]).provider.serverUrl = wsBase(next);
          expect(await leaving.stop("SIGTERM")).toBe(0);
          // The new version on the same address: clients sent there meanwhile reconnect to it.
          servers[i] = await spawnServer({ ...env, PORT: new URL(leaving.url).port });
        }
      } finally {
        clearInterval(writer);
      }
      const all = [...written].sort();
      await eventually(() => {
        for (const c of clients) expect(cards(c.doc)).toEqual(all);
      }, 15_000);
      await eventually(async () => expect(await stored(boardId)).toEqual(all), 10_000, 250);
    },
    2 * RUN_TIMEOUT, // three starts of the real server, one after another
  );

  it(
    "the per-address limit on sign-in attempts holds for the processes together",
    async () => {
      // Round robin over the processes, as a load balancer would: one process alone allows 20 a minute.
      const statuses: number[] = [];
      for (let i = 0; i < 30 && !statuses.includes(429); i++) {
        const attempt = httpClient(() => (servers[i % 3] as SpawnedServer).url);
        const res = await attempt.post("/api/auth/login", {
          email: `gissning${i}@example.se`,
          password: "fel lösenord",
        });
        statuses.push(res.status);
      }
      // Earlier cases in this file signed in from the same address within the minute: at most 21 tries.
      expect(statuses).toContain(429);
      expect(statuses.length).toBeLessThanOrEqual(21);
      for (const server of servers) {
        const res = await httpClient(() => server.url).post("/api/auth/login", {
          email: "x@example.se",
          password: "y",
        });
        expect(res.status).toBe(429);
      }
    },
    RUN_TIMEOUT,
  );

  it(
    "Redis restarted while clients write: readiness says so, the processes recover by themselves and converge",
    async () => {
      const boardId = await newBoard();
      const clients = servers.map((server) => client(server, boardId, admin.cookie as string));
      await Promise.all(clients.map((c) => synced(c.provider)));
      let n = 0;
      const written: string[] = [];
      // At most 300 cards from each client (a focus board holds 1,000), however slow the machine.
      const writer = setInterval(() => {
        if (n >= 300) return;
        clients.forEach((c, i) => {
          const id = `w${i}-${n}`;
          addAction(c.doc, { id, title: id });
          written.push(id);
        });
        n++;
      }, 40);
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await redis.kill();
        for (const server of servers) {
          await eventually(
            async () => {
              const { status, body } = await readyz(server);
              expect(status).toBe(503);
              expect(body.error?.code).toBe("redis_unavailable");
            },
            10_000,
            100,
          );
        }
        // Edits go on meanwhile: each process serves its own clients and stores what they send.
        const during = n;
        await eventually(() => expect(n).toBeGreaterThan(Math.min(during + 10, 299)), 5_000);
        await redis.start();
        for (const server of servers) {
          await eventually(async () => expect((await readyz(server)).body).toEqual({ status: "ready" }), 15_000, 100);
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        clearInterval(writer);
      }
      const all = [...written].sort();
      await eventually(() => {
        for (const c of clients) expect(cards(c.doc)).toEqual(all);
      }, 15_000);
      await eventually(async () => expect(await stored(boardId)).toEqual(all), 10_000, 250);
    },
    RUN_TIMEOUT,
  );
});
