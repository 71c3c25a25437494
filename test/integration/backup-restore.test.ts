/**
 * `npm run backup` and `npm run restore` as an operator runs them (the real CLIs, as child
 * processes): PostgreSQL backed up while people edit, PGlite while it is stopped; restored into an
 * empty instance, every board compared with the original.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type Database, openDatabase } from "../../server/db/client.js";
import { boards } from "../../server/db/schema.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { addAction } from "../../shared/boards/focus.js";
import { ApiClient } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, PASSWORD, setupAdmin } from "../helpers/factories.js";
import { buildTestApp, startTestServer } from "../helpers/test-app.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** Runs `npm run <script>` the way npm would (node with tsx's loader), with only the given environment. */
async function cli(script: "backup" | "restore", file: string, env: Record<string, string>) {
  const entry = path.join(ROOT, `server/ops/${script}-cli.ts`);
  const { PATH, HOME } = process.env;
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", entry, file], {
      cwd: ROOT,
      env: { PATH, HOME, ...env },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, out: failed.stderr };
  }
}

/** Every board's content as the server would load it, by board id. */
async function everyBoard(database: Database): Promise<Map<string, unknown>> {
  const store = createDocStore(database.db);
  const all = new Map<string, unknown>();
  for (const { id } of await database.db.select({ id: boards.id }).from(boards)) {
    const loaded = await store.load(id);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    // The whole document (every type, deletions included) and, to read, a focus board's actions.
    all.set(id, {
      state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString("base64"),
      actions: doc.getMap("actions").toJSON(),
    });
  }
  return all;
}

async function emptyPostgres(): Promise<string> {
  const base = process.env.DATABASE_URL as string;
  const name = `samverkan_backup_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = postgres(base, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`drop database if exists "${name}" with (force)`);
    await dropper.end();
  });
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "samverkan-backup-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe.each(databaseKinds().filter((kind) => kind === "postgres"))("backup on %s", () => {
  it("a backup taken while people edit restores every board: the quiet ones exactly, the busy one as it was at one moment", async () => {
    const sourceUrl = await emptyPostgres();
    const source = await openDatabase({ kind: "postgres", url: sourceUrl });
    await source.migrate();
    const server = await startTestServer(source);
    const convener = new ApiClient(server.app);
    await setupAdmin(convener);
    const org = await createOrganization(convener, "Lekebergs kommun");
    const ws = await createWorkspace(convener, "Nära vård Lekeberg", org.id);
    const newBoard = async (title: string) =>
      (await convener.post(`/api/workspaces/${ws.id}/boards`, { kind: "focus", title })).body.board.id as string;
    const quiet = [await newBoard("Palliativ vård"), await newBoard("Växelvård")];
    const busy = await newBoard("Mellan huvudmännen");

    const providers = [...quiet, busy].map((id) => connectProvider(server.url, id, { cookie: convener.cookie }));
    await Promise.all(providers.map((p) => synced(p.provider)));
    providers.slice(0, 2).forEach((p, i) => {
      for (let n = 0; n < 5; n++) addAction(p.doc, { title: `Tavla ${i}, aktivitet ${n}` });
    });
    const writer = providers[2] as (typeof providers)[number];
    let written = 0;
    const writing = setInterval(
      () => addAction(writer.doc, { title: `Skrivs under säkerhetskopian ${written++}` }),
      15,
    );
    await new Promise((r) => setTimeout(r, 300));
    // Everything received so far is durable before the backup starts; writes go on meanwhile.
    expect(await server.realtime.queue.drain(10_000)).toBe(true);
    const durableBefore = written;
    const file = path.join(await scratchDir(), "instance.dump");
    const backedUp = await cli("backup", file, { DATABASE_URL: sourceUrl });
    clearInterval(writing);
    expect(backedUp.out).toMatch(/^Backup written: .*instance\.dump \(\d+ KiB, postgres\)\./);
    expect(written).toBeGreaterThan(durableBefore); // the backup really ran during writes
    await server.realtime.queue.drain(10_000);
    for (const p of providers) p.provider.destroy();
    const original = await everyBoard(source);
    await server.close();

    const targetUrl = await emptyPostgres();
    const restored = await cli("restore", file, { DATABASE_URL: targetUrl });
    expect(restored).toEqual({ code: 0, out: `Restored ${file} into the database.\n` });
    // An instance that is not empty is never overwritten.
    const again = await cli("restore", file, { DATABASE_URL: targetUrl });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/is not empty; restore into a new, empty database/);

    const target = await openDatabase({ kind: "postgres", url: targetUrl });
    cleanups.push(() => target.close());
    cleanups.push(() => source.close());
    await target.migrate();
    const copy = await everyBoard(target);
    expect([...copy.keys()].sort()).toEqual([...original.keys()].sort());
    for (const id of quiet) {
      expect(copy.get(id)).toEqual(original.get(id));
      expect(titles(copy.get(id))).toHaveLength(5);
    }

    const busyTitles = titles(copy.get(busy));
    // One moment: the first k writes, for some k, with every write durable before the backup.
    const k = busyTitles.length;
    expect(k).toBeGreaterThanOrEqual(durableBefore);
    expect(busyTitles).toEqual(Array.from({ length: k }, (_, n) => `Skrivs under säkerhetskopian ${n}`));
    expect(titles(original.get(busy)).length).toBe(written);

    // The restored instance serves: the admin signs in and sees the partnership.
    const app = buildTestApp(target).app;
    const admin = new ApiClient(app);
    expect(
      (await admin.post("/api/auth/login", { email: "admin@lekeberg.example.se", password: PASSWORD })).status,
    ).toBe(200);
    const list = await admin.get("/api/workspaces");
    expect(list.body.workspaces.map((w: { name: string }) => w.name)).toEqual(["Nära vård Lekeberg"]);
  }, 120_000);
});

/** A focus board's action titles from its JSON, in the order they were written (their numbers). */
function titles(content: unknown): string[] {
  const actions = (content as { actions?: Record<string, { title: string }> }).actions ?? {};
  return Object.values(actions)
    .map((a) => a.title)
    .sort((a, b) => Number(a.split(" ").at(-1)) - Number(b.split(" ").at(-1)));
}

describe("backup of the embedded database", () => {
  it("is taken while the instance is stopped and restores into an empty data directory", async () => {
    const dataDir = await scratchDir();
    const database = await openDatabase({ kind: "pglite", dataDir });
    await database.migrate();
    const { app } = buildTestApp(database);
    const convener = new ApiClient(app);
    await setupAdmin(convener);
    const org = await createOrganization(convener, "Lekebergs kommun");
    const ws = await createWorkspace(convener, "Nära vård Lekeberg", org.id);
    const board = (await convener.post(`/api/workspaces/${ws.id}/boards`, { kind: "focus", title: "Växelvård" })).body
      .board.id as string;
    const doc = new Y.Doc();
    addAction(doc, { title: "Rutin för korttidsplats" });
    await createDocStore(database.db).append([
      { boardId: board, seq: 1, update: Y.encodeStateAsUpdate(doc), authorId: null },
    ]);
    const file = path.join(await scratchDir(), "instance.tar.gz");

    // While a server holds the data directory: refused with what to do instead.
    const refused = await cli("backup", file, { DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/backed up and restored while it is stopped/);

    const original = await everyBoard(database);
    await database.close();
    const backedUp = await cli("backup", file, { DATA_DIR: dataDir });
    expect(backedUp.out).toMatch(/^Backup written: .*instance\.tar\.gz \(\d+ KiB, pglite\)\./);

    // A PGlite backup is not fed to PostgreSQL, and not over an existing database.
    if (process.env.DATABASE_URL) {
      const wrong = await cli("restore", file, { DATABASE_URL: process.env.DATABASE_URL });
      expect(wrong.out).toMatch(/backup of an embedded \(PGlite\) instance/);
    }
    expect((await cli("restore", file, { DATA_DIR: dataDir })).out).toMatch(/already holds a database/);

    const restoredDir = await scratchDir();
    expect((await cli("restore", file, { DATA_DIR: restoredDir })).code).toBe(0);
    const restored = await openDatabase({ kind: "pglite", dataDir: restoredDir });
    cleanups.push(() => restored.close());
    const copy = await everyBoard(restored);
    expect(copy).toEqual(original);
    expect(titles(copy.get(board))).toEqual(["Rutin för korttidsplats"]);
  }, 120_000);
});
