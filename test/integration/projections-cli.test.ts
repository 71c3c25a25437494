import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase } from "../../server/db/client.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { addAction } from "../../shared/boards/focus.js";
import { openBoard } from "../../shared/boards/index.js";
import { ApiClient } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

describe("npm run projections:rebuild", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("rebuilds the projections of every board in the embedded database from its stored document", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-rebuild-"));
    dirs.push(dataDir);
    let database = await openDatabase({ kind: "pglite", dataDir });
    await database.migrate();
    const { app } = buildTestApp(database);
    const admin = new ApiClient(app);
    await setupAdmin(admin);
    const org = await createOrganization(admin, "Capio Vårdcentral Lekeberg");
    const ws = await createWorkspace(admin, "Nära vård Lekeberg", org.id);
    const board = (await admin.post(`/api/workspaces/${ws.id}/boards`, { kind: "focus", title: "Mellanrummet" })).body
      .board;
    const doc = new Y.Doc();
    openBoard(doc, "focus");
    addAction(doc, { title: "Samordnad individuell plan vid utskrivning" });
    await createDocStore(database.db).append([
      { boardId: board.id, seq: 1, update: Y.encodeStateAsUpdate(doc), authorId: null },
    ]);
    await database.close();

    const { stdout } = await run(process.execPath, ["--import", "tsx", "server/projections/rebuild-cli.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: "warn" },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/Projections rebuilt for 1 boards/);

    database = await openDatabase({ kind: "pglite", dataDir });
    const result = await database.db.execute<{ title: string }>(sql`select title from projected_actions`);
    const rows = Array.isArray(result) ? result : (result as unknown as { rows: { title: string }[] }).rows;
    expect(rows.map((r) => r.title)).toEqual(["Samordnad individuell plan vid utskrivning"]);
    await database.close();
  }, 180_000);

  it("exits 1 with one line when the data directory is held by another process", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-rebuild-"));
    dirs.push(dataDir);
    const database = await openDatabase({ kind: "pglite", dataDir });
    try {
      const failure = await run(process.execPath, ["--import", "tsx", "server/projections/rebuild-cli.ts"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
        timeout: 60_000,
      }).catch((error: { code: number; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      await database.close();
    }
  }, 120_000);
});
