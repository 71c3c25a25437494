import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServer } from "../helpers/spawn-server.js";

const json = (url: string, body: unknown, cookie?: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

describe("data survives a restart of the real server on PGlite", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-restart-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("keeps the admin and a partnership across a stop and start", async () => {
    const first = await spawnServer({ DATA_DIR: dataDir });
    try {
      const setup = await json(`${first.url}/api/auth/setup`, {
        email: "admin@example.se",
        name: "Admin",
        password: "lösenord123",
      });
      expect(setup.status).toBe(201);
      const cookie = setup.headers.get("set-cookie")?.split(";")[0] ?? "";
      expect((await json(`${first.url}/api/workspaces`, { name: "Nära vård Lekeberg" }, cookie)).status).toBe(201);
    } finally {
      expect(await first.stop("SIGTERM")).toBe(0);
    }

    const second = await spawnServer({ DATA_DIR: dataDir });
    try {
      expect(
        (await json(`${second.url}/api/auth/setup`, { email: "b@example.se", name: "B", password: "lösenord123" }))
          .status,
      ).toBe(409);
      const login = await json(`${second.url}/api/auth/login`, { email: "admin@example.se", password: "lösenord123" });
      expect(login.status).toBe(200);
      const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
      const list = await fetch(`${second.url}/api/workspaces`, { headers: { cookie } });
      expect((await list.json()).workspaces.map((w: { name: string }) => w.name)).toEqual(["Nära vård Lekeberg"]);
    } finally {
      expect(await second.stop("SIGTERM")).toBe(0);
    }
  });
});
