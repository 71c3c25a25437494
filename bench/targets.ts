/** A server under test plus what a client needs to reach it: boards to use, URLs and per-user cookies. */

import type { Endpoint } from "./clients.js";
import { config, type ServerKind } from "./config.js";
import { log } from "./log.js";
import { addUsers, createBoards, type OursAccess, setupOurs } from "./ours-api.js";
import { type ServerProcess, type StopResult, startOurs, startReference } from "./servers.js";

/** Our server allows 20 sockets per user; staying below leaves room for sockets still closing. */
export const CLIENTS_PER_USER = 16;

export interface Target {
  kind: ServerKind;
  /** The current process (replaced by `restart`). */
  server: ServerProcess;
  /** Fresh boards (ours: created over the API; reference: any unused room name). */
  boards(count: number, label: string): Promise<string[]>;
  /** Endpoint for the client with this index in a run; indices spread clients over users. */
  endpoint(clientIndex: number): Endpoint;
  /** Ours: the partnership its boards are in (for reading projections over the API); reference: null. */
  workspaceId: string | null;
  /** Makes sure `clients` simultaneous clients can connect. */
  prepare(clients: number): Promise<void>;
  /** Stops the server (SIGTERM) and starts it again on the same data; in-memory servers lose everything. */
  restart(): Promise<{ stop: StopResult; startMs: number }>;
  stop(): Promise<StopResult>;
}

let roomCounter = 0;

export async function referenceTarget(): Promise<Target> {
  let server = await startReference();
  return {
    kind: "reference",
    get server() {
      return server;
    },
    async boards(count, label) {
      return Array.from({ length: count }, (_, i) => `${label.replace(/\W+/g, "-")}-${++roomCounter}-${i}`);
    },
    endpoint() {
      return { serverUrl: server.baseUrl.replace(/^http/, "ws"), headers: {} };
    },
    workspaceId: null,
    async prepare() {},
    async restart() {
      const stop = await server.stop();
      server = await startReference();
      return { stop, startMs: server.startMs };
    },
    stop: () => server.stop(),
  };
}

/** Our server keeps its data directory (and so its accounts and sessions) across restarts. */
export async function oursTarget(
  dataDir: string,
  previous: OursAccess | null,
  port?: number,
): Promise<{ target: Target; access: OursAccess }> {
  let server = await startOurs({ dataDir, ...(port !== undefined ? { port } : {}) });
  const access = previous ?? (await setupOurs(server.baseUrl, 1));
  const target: Target = {
    kind: "ours",
    get server() {
      return server;
    },
    boards: (count, label) => createBoards(server.baseUrl, access, count, label),
    endpoint(clientIndex) {
      const cookie = access.userCookies[
        Math.floor(clientIndex / CLIENTS_PER_USER) % access.userCookies.length
      ] as string;
      return {
        serverUrl: `${server.baseUrl.replace(/^http/, "ws")}/ws/boards`,
        headers: { cookie, origin: server.baseUrl },
      };
    },
    workspaceId: access.workspaceId,
    async prepare(clients) {
      const added = await addUsers(server.baseUrl, access, Math.ceil(clients / CLIENTS_PER_USER));
      // Creating accounts and signing in is the benchmark's setup, not load. About 15 s after it our server
      // reclaims memory (a burst of CPU, RSS down by ~30 MB), which would land in the first measured window.
      if (added > 0 && config.settleSeconds > 0) {
        log(`  ${added} accounts created; letting our server settle for ${config.settleSeconds} s`);
        await new Promise((resolve) => setTimeout(resolve, config.settleSeconds * 1000));
      }
    },
    async restart() {
      const stop = await server.stop();
      // Same port: PUBLIC_ORIGIN (and so the cookies' origin) stays the same.
      server = await startOurs({ dataDir, port: server.port });
      return { stop, startMs: server.startMs };
    },
    stop: () => server.stop(),
  };
  return { target, access };
}
