/**
 * What several processes must count together, as an operator and a user meet it: one person's
 * sockets against one limit whichever process each lands on, and Redis's state on every process's
 * /metrics. (The identity-number scan done once: multi-process-parts.test.ts.)
 * Needs PostgreSQL (DATABASE_URL, as CI sets): PGlite is one process by design.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { LIMITS } from "../../shared/protocol/limits.js";
import type { ApiClient } from "../helpers/api-client.js";
import { CLUSTER_ORIGIN, clusterEnv, freshPostgres, httpClient, startProcesses } from "../helpers/cluster.js";
import { eventually } from "../helpers/eventually.js";
import { createOrganization, createWorkspace, setupAdmin } from "../helpers/factories.js";
import { alive } from "../helpers/processes.js";
import { startTestRedis, type TestRedis } from "../helpers/redis-server.js";
import type { SpawnedServer } from "../helpers/spawn-server.js";
import { postgresConfigured } from "../helpers/test-database.js";
import { connectProvider, firstClose, rawSocket, synced } from "../helpers/ws-client.js";

const RUN_TIMEOUT = 180_000;
const METRICS_TOKEN = "metrics-token-for-the-cluster-test-0123";

// Without DATABASE_URL (`npm test` on PGlite alone) there is no PostgreSQL to share: said, not failed.
describe.skipIf(!postgresConfigured("limits across processes"))("limits across processes on postgres", () => {
  let redis: TestRedis;
  let database: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;
  let servers: SpawnedServer[] = [];
  let admin: ApiClient;
  let boardId: string;
  const providers: WebsocketProvider[] = [];

  const stopAll = async (list: SpawnedServer[]) => {
    for (const server of list) {
      const pid = server.child.pid as number;
      await server.stop("SIGTERM");
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
  };

  beforeAll(async () => {
    process.setMaxListeners(0);
    redis = await startTestRedis();
    database = await freshPostgres("samverkan_test_limits");
    env = { ...clusterEnv(database.url, redis.url), METRICS_TOKEN };
    servers = await startProcesses(env, 2);
    admin = httpClient(() => (servers[0] as SpawnedServer).url);
    await setupAdmin(admin);
    const organizationId = (await createOrganization(admin, "Lekebergs kommun")).id;
    const workspaceId = (await createWorkspace(admin, "Nära vård Lekeberg", organizationId)).id;
    const res = await admin.post(`/api/workspaces/${workspaceId}/boards`, { kind: "focus", title: "Växelvård" });
    boardId = res.body.board.id as string;
  }, RUN_TIMEOUT);

  afterAll(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await stopAll(servers);
    await redis?.kill();
    await database?.drop();
  }, RUN_TIMEOUT);

  it(
    "one person's sockets count against one limit on every process; a closed one frees a place elsewhere",
    async () => {
      const open = (server: SpawnedServer) => {
        const c = connectProvider(server.url, boardId, { cookie: admin.cookie as string, origin: CLUSTER_ORIGIN });
        providers.push(c.provider);
        return c;
      };
      // The limit, spread over both processes: half on each.
      const admitted = Array.from({ length: LIMITS.maxSocketsPerUser }, (_, i) =>
        open(servers[i % 2] as SpawnedServer),
      );
      await Promise.all(admitted.map((c) => synced(c.provider)));
      // One more is refused on either process (4529: the stock client tries again later).
      for (const server of servers) {
        const extra = open(server);
        const close = await firstClose(extra.provider);
        expect(close.code).toBe(4529);
        extra.provider.destroy();
      }
      // Closing one socket on the first process lets the person in on the second.
      (admitted[0] as { provider: WebsocketProvider }).provider.destroy();
      await eventually(
        async () => {
          const again = open(servers[1] as SpawnedServer);
          try {
            await synced(again.provider, 2_000);
          } catch (error) {
            again.provider.destroy();
            throw error;
          }
        },
        10_000,
        200,
      );
    },
    RUN_TIMEOUT,
  );

  it(
    "a socket whose close has begun gives up its place: the person's reconnect on that process is let in",
    async () => {
      for (const p of providers.splice(0)) p.destroy();
      const server = servers[0] as SpawnedServer;
      const raws: ReturnType<typeof rawSocket>[] = [];
      const openRaw = () => {
        const r = rawSocket(server.url, boardId, admin.cookie as string, CLUSTER_ORIGIN);
        r.ws.on("error", () => {});
        raws.push(r);
        return r;
      };
      try {
        // The whole limit on one process, once the previous test's sockets have let go of theirs.
        await eventually(
          async () => {
            for (const r of raws.splice(0)) r.ws.terminate();
            const all = Array.from({ length: LIMITS.maxSocketsPerUser }, openRaw);
            await Promise.all(all.map((r) => r.opened));
            await new Promise((resolve) => setTimeout(resolve, 300));
            expect(all.every((r) => r.ws.readyState === r.ws.OPEN)).toBe(true);
          },
          20_000,
          500,
        );
        const extra = openRaw();
        expect((await extra.closed).code).toBe(4529);
        // One says goodbye but never finishes (its tablet reconnects at once): the reconnect gets in.
        const leaving = raws[0] as ReturnType<typeof rawSocket>;
        const tcp = (leaving.ws as unknown as { _socket: import("node:net").Socket })._socket;
        tcp.pause();
        tcp.write(Buffer.from([0x88, 0x80, 0, 0, 0, 0])); // a masked close frame, no payload
        await new Promise((resolve) => setTimeout(resolve, 300));
        const reconnect = openRaw();
        await reconnect.opened;
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(reconnect.ws.readyState).toBe(reconnect.ws.OPEN);
        // Still no more than the limit open.
        const over = openRaw();
        expect((await over.closed).code).toBe(4529);
      } finally {
        for (const r of raws) r.ws.terminate();
      }
    },
    RUN_TIMEOUT,
  );

  it(
    "reports Redis in /metrics on every process: up, then down while it is away",
    async () => {
      const redisUp = async (server: SpawnedServer) => {
        const res = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
        expect(res.status).toBe(200);
        const line = (await res.text()).split("\n").find((l) => l.startsWith('samverkan_storage_up{source="redis"}'));
        return line ? Number(line.split(" ").pop()) : null;
      };
      for (const server of servers) expect(await redisUp(server)).toBe(1);
      await redis.kill();
      for (const server of servers) await eventually(async () => expect(await redisUp(server)).toBe(0), 10_000, 100);
      await redis.start();
      for (const server of servers) await eventually(async () => expect(await redisUp(server)).toBe(1), 15_000, 100);
    },
    RUN_TIMEOUT,
  );
});
