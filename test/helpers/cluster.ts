/**
 * Several real server processes (compiled main.ts, test/global-setup.ts) on one PostgreSQL database
 * of their own and one Redis, each on its own port, as behind a load balancer: they share one
 * public origin, so a session cookie from one works on all.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { ApiClient } from "./api-client.js";
import { type SpawnedServer, spawnServer } from "./spawn-server.js";

export const CLUSTER_ORIGIN = "http://samverkan.cluster.test";

/** A fresh PostgreSQL database on the server DATABASE_URL names; `drop` removes it. */
export async function freshPostgres(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const baseUrl = process.env.DATABASE_URL as string;
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

export function clusterEnv(databaseUrl: string, redisUrl: string): Record<string, string> {
  return { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, PUBLIC_ORIGIN: CLUSTER_ORIGIN, LOG_LEVEL: "info" };
}

/** Starts `n` processes: the first alone (it migrates the database), the others together. */
export async function startProcesses(env: Record<string, string>, n: number): Promise<SpawnedServer[]> {
  const first = await spawnServer(env);
  const rest = await Promise.all(Array.from({ length: n - 1 }, () => spawnServer(env)));
  return [first, ...rest];
}

/** An API client talking to one process over HTTP (fetch), with the cluster's origin. */
export function httpClient(baseUrl: () => string): ApiClient {
  const app = { request: (path: string, init: RequestInit) => fetch(`${baseUrl()}${path}`, init) };
  return new ApiClient(app as never, CLUSTER_ORIGIN);
}
