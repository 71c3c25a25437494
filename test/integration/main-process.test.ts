import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { runMain, spawnServer } from "../helpers/spawn-server.js";

describe("the real entry point", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-main-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("refuses an invalid configuration with a readable list and no stack trace", async () => {
    const { code, stderr } = await runMain({ PORT: "abc", DATABASE_URL: "nonsense" });
    expect(code).toBe(2);
    expect(stderr).toContain("PORT: must be a number");
    expect(stderr).toContain("DATABASE_URL: must be a URL like postgres://");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an unreachable PostgreSQL in one line", async () => {
    const { code, stderr } = await runMain({ DATABASE_URL: "postgres://nobody:secret@127.0.0.1:1/none" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/Cannot reach PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
    expect(stderr).not.toContain("secret");
  });

  it("starts on PGlite, refuses a second server on the same data directory, and stops cleanly on SIGTERM", async () => {
    const server = await spawnServer({ DATA_DIR: dataDir });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

      const second = await runMain({ DATA_DIR: dataDir, PORT: "0" });
      expect(second.code).toBe(1);
      expect(second.stderr.trim().split("\n")).toHaveLength(1);
      expect(second.stderr).toContain("is in use by another running Samverkan server");

      // An operator (or npm run bench) asks a running server for its realtime figures.
      server.child.kill("SIGUSR2");
      await eventually(() => expect(server.output()).toContain('"msg":"realtime stats window"'));
      const line = server
        .output()
        .split("\n")
        .find((l) => l.includes('"realtime stats window"')) as string;
      expect(JSON.parse(line)).toMatchObject({ persist: { count: 0 }, eventLoopDelay: { maxMs: expect.any(Number) } });
    } finally {
      expect(await server.stop("SIGTERM")).toBe(0);
    }
    expect(server.output()).toContain('"msg":"stopped"');
  });
});
