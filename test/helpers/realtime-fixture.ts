/** A running server with a partnership and one person per role, for realtime suites. */
import type { Config } from "../../server/config.js";
import type { Database } from "../../server/db/client.js";
import type { RealtimeOptions } from "../../server/realtime/ws-server.js";
import { ApiClient, distinctAddresses } from "./api-client.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "./factories.js";
import { startTestServer, type TestServer } from "./test-app.js";
import { createTestDatabase, type DatabaseKind, defaultDatabaseKind } from "./test-database.js";

export interface RealtimeFixture {
  database: Database;
  server: TestServer;
  workspaceId: string;
  orgId: string;
  convener: ApiClient;
  member: ApiClient & { userId: string };
  member2: ApiClient & { userId: string };
  observer: ApiClient & { userId: string };
  outsider: ApiClient;
  newBoard(kind?: "plan" | "focus" | "minutes" | "followup" | "roadmap"): Promise<string>;
  close(): Promise<void>;
}

export async function startRealtimeFixture(
  realtimeOptions: Partial<Omit<RealtimeOptions, "config" | "services" | "logger">> = {},
  kind: DatabaseKind = defaultDatabaseKind(),
  config: Partial<Config> = {},
): Promise<RealtimeFixture> {
  const database = await createTestDatabase(kind);
  const server = await startTestServer(database, { trustProxy: true, ...config }, undefined, realtimeOptions);
  const convener = new ApiClient(server.app, undefined, distinctAddresses());
  await setupAdmin(convener);
  const org = await createOrganization(convener, "Lekebergs kommun");
  const ws = await createWorkspace(convener, "Nära vård Lekeberg", org.id);
  const join = async (role: "member" | "observer", name: string) => {
    const joined = await inviteAndJoin(convener, ws.id, role, org.id, name);
    return Object.assign(joined.client, { userId: joined.user.id });
  };
  const member = await join("member", "Eva Sjuksköterska");
  const member2 = await join("member", "Omar Fysioterapeut");
  const observer = await join("observer", "Lena Politiker");
  const otherWs = await createWorkspace(convener, "Annan samverkan", org.id);
  const outsider = (await inviteAndJoin(convener, otherWs.id, "member", org.id, "Ute Utomstående")).client;
  return {
    database,
    server,
    workspaceId: ws.id,
    orgId: org.id,
    convener,
    member,
    member2,
    observer,
    outsider,
    async newBoard(kind = "focus") {
      const res = await convener.post(`/api/workspaces/${ws.id}/boards`, { kind, title: "Palliativ vård" });
      return res.body.board.id as string;
    },
    async close() {
      await server.close();
      await database.close();
    },
  };
}
