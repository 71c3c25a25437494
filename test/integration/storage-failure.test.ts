/**
 * Storage failure is never silent (issue 18, item 6): the real server (npm start's entry point),
 * two stock y-websocket clients editing all along, and the database taken away mid-way — the
 * embedded database's process killed with SIGKILL, or (with DATABASE_URL) every PostgreSQL
 * connection of the server terminated. Afterwards the server is stopped and started again, and
 * every edit every client made must be on the board: none lost. Meanwhile the API answers 503
 * db_unavailable, never 500, and the clients are closed with the retry code (4502) instead of
 * being kept on while nothing they send can be stored.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { addAction, readFocus } from "../../shared/boards/focus.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { eventually } from "../helpers/eventually.js";
import { alive, freePort } from "../helpers/processes.js";
import { type SpawnedServer, spawnServer } from "../helpers/spawn-server.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

const RUN_TIMEOUT = 240_000;
/** One edit per client this often: 40 a second each, under the 60 a second a connection may send. */
const EDIT_EVERY_MS = 25;
/** Edits each client makes before the database goes, and again after it is back. */
const EDITS_BEFORE = 60;
const EDITS_AFTER = 60;

const cardIds = (doc: Y.Doc) => readFocus(doc).actions.map((a) => a.id);

/** A person at a tablet: adds a card every EDIT_EVERY_MS, whether or not the server is there. */
function editor(name: string, provider: WebsocketProvider, doc: Y.Doc) {
  const made: string[] = [];
  const closes: number[] = [];
  provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));
  let timer: NodeJS.Timeout | null = setInterval(() => {
    const id = `${name}-${made.length}`;
    addAction(doc, { id, title: `Åtgärd ${made.length} av ${name}` });
    made.push(id);
  }, EDIT_EVERY_MS);
  return {
    made,
    closes,
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

/** Asks the API over and over while running; every answer's status and error code is kept. */
function apiWatch(url: () => string, cookie: string) {
  const answers: { status: number; code?: string }[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const res = await fetch(`${url()}/api/workspaces`, { headers: { cookie } });
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
        answers.push({ status: res.status, ...(body.error?.code ? { code: body.error.code } : {}) });
      } catch {
        answers.push({ status: 0 }); // no answer at all (the server is restarting): not what this watches
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    answers,
    async stop() {
      running = false;
      await loop;
    },
  };
}

interface Setting {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * The scenario, whatever takes the database away: start, two clients editing, `disrupt` (which
 * resolves once storage works again), more edits, everything delivered, stop, start again, count.
 */
function storageFailureCase(
  makeSetting: (origin: string, port: number) => Promise<Setting>,
  disrupt: (server: SpawnedServer, setting: Setting) => Promise<void>,
) {
  let server: SpawnedServer | undefined;
  let setting: Setting | undefined;
  const providers: WebsocketProvider[] = [];

  afterEach(async () => {
    for (const p of providers.splice(0)) p.destroy();
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      const pid = server.child.pid as number;
      await server.stop("SIGTERM");
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
    await setting?.cleanup();
  }, RUN_TIMEOUT);

  return async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    setting = await makeSetting(origin, port);
    server = await spawnServer(setting.env);
    const post = async (route: string, body: unknown, cookie?: string) => {
      const res = await fetch(`${server!.url}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      });
      expect(res.status, route).toBeLessThan(300);
      return { res, json: (await res.json()) as Record<string, { id: string }> };
    };
    const setup = await post("/api/auth/setup", {
      email: "admin@lekeberg.example.se",
      name: "Anna",
      password: "lösenord123",
    });
    const cookie = setup.res.headers.get("set-cookie")?.split(";")[0] ?? "";
    const workspaceId = (await post("/api/workspaces", { name: "Nära vård Lekeberg" }, cookie)).json.workspace!.id;
    const boardId = (await post(`/api/workspaces/${workspaceId}/boards`, { kind: "focus", title: "Rond" }, cookie)).json
      .board!.id;

    const connect = () => {
      const c = connectProvider(server!.url, boardId, { cookie, origin });
      providers.push(c.provider);
      return c;
    };
    const nurse = connect();
    const physio = connect();
    await Promise.all([synced(nurse.provider, 15_000), synced(physio.provider, 15_000)]);
    const editors = [editor("nurse", nurse.provider, nurse.doc), editor("physio", physio.provider, physio.doc)];
    const watch = apiWatch(() => server!.url, cookie);
    try {
      await eventually(() => {
        for (const e of editors) expect(e.made.length).toBeGreaterThanOrEqual(EDITS_BEFORE);
      }, 30_000);
      const atDisruption = editors.map((e) => e.made.length);

      await disrupt(server, setting);

      const atRecovery = editors.map((e) => e.made.length);
      await eventually(() => {
        for (const [i, e] of editors.entries()) {
          expect(e.made.length).toBeGreaterThanOrEqual((atRecovery[i] as number) + EDITS_AFTER);
        }
      }, 60_000);
      for (const e of editors) e.stop();
      await watch.stop();

      // Both are back on the board and each has the other's every edit: the server applied them all.
      const everything = editors.flatMap((e) => e.made).sort();
      await eventually(() => {
        expect(nurse.provider.synced && physio.provider.synced).toBe(true);
        expect(cardIds(nurse.doc).sort()).toEqual(everything);
        expect(cardIds(physio.doc).sort()).toEqual(everything);
      }, 60_000);

      // A clean stop stores what is pending; the next start serves the board from storage alone.
      for (const p of providers.splice(0)) p.destroy();
      expect(await server.stop("SIGTERM")).toBe(0);
      server = await spawnServer(setting.env);
      const fresh = connect();
      await synced(fresh.provider, 15_000);
      const found = cardIds(fresh.doc);
      const lost = everything.filter((id) => !found.includes(id));

      const made = everything.length;
      const madeAfterDisruption = editors.reduce((n, e, i) => n + e.made.length - (atDisruption[i] as number), 0);
      const madeWhileDown = atRecovery.reduce((n, at, i) => n + at - (atDisruption[i] as number), 0);
      const statuses = watch.answers.reduce<Record<string, number>>((count, a) => {
        const key = a.code ? `${a.status} ${a.code}` : String(a.status);
        count[key] = (count[key] ?? 0) + 1;
        return count;
      }, {});
      console.info(
        `[storage-failure] edits made ${made} (${madeAfterDisruption} after the database went away, ${madeWhileDown} of them before it was back), found after restart ${found.length}, lost ${lost.length}; ` +
          `API answers ${JSON.stringify(statuses)}; closes ${editors.map((e, i) => `${["nurse", "physio"][i]}: ${JSON.stringify(e.closes)}`).join(", ")}`,
      );
      expect(lost).toEqual([]);
      expect(found.length).toBe(made);
      expect(watch.answers.filter((a) => a.status === 500)).toEqual([]);
      return { editors, answers: watch.answers };
    } finally {
      for (const e of editors) e.stop();
      await watch.stop();
    }
  };
}

describe("storage failure on PGlite: the database's process killed while two clients edit", () => {
  let dataDir = "";
  const scenario = storageFailureCase(
    async (origin, port) => {
      dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-storage-failure-"));
      return {
        env: { DATA_DIR: dataDir, PORT: String(port), PUBLIC_ORIGIN: origin },
        cleanup: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
    async (server) => {
      const lock = async () => (await readFile(path.join(dataDir, "samverkan.lock"), "utf8")).split("\n").map(Number);
      const [serverPid, child] = await lock();
      expect(serverPid).toBe(server.child.pid);
      process.kill(child as number, "SIGKILL");
      // Down: the API says so with 503 db_unavailable …
      await eventually(
        async () => {
          const res = await fetch(`${server.url}/readyz`);
          expect(res.status).toBe(503);
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe("db_unavailable");
        },
        10_000,
        5,
      );
      // … until a new process runs on the same directory and the lock names it.
      await eventually(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200), 60_000, 20);
      const [sameServer, newChild] = await lock();
      expect(sameServer).toBe(server.child.pid);
      expect(newChild).not.toBe(child);
      expect(alive(newChild as number)).toBe(true);
      expect(server.output()).toContain('"msg":"the embedded database process is back"');
    },
  );

  it(
    "keeps every edit: the child is started again, the API answers 503 meanwhile, clients are closed with 4502 and resend",
    async () => {
      const { editors, answers } = await scenario();
      expect(answers.some((a) => a.status === 503 && a.code === "db_unavailable")).toBe(true);
      for (const e of editors) expect(e.closes).toContain(Close.StorageUnavailable.code);
      // Never told to give up: only codes the stock client retries after.
      for (const e of editors) expect(e.closes.filter((code) => code >= 4400 && code < 4500)).toEqual([]);
    },
    RUN_TIMEOUT,
  );

  afterAll(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined));
});

describe("storage failure on PGlite: the database's process cannot be started again", () => {
  let dataDir = "";
  let server: SpawnedServer | undefined;
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) await server.stop("SIGKILL");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it(
    "exits 1 with the reason in one line, releases the directory, and starts with everything once it is back",
    async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-storage-gone-"));
      server = await spawnServer({ DATA_DIR: dataDir });
      const setup = await fetch(`${server.url}/api/auth/setup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@lekeberg.example.se", name: "Anna", password: "lösenord123" }),
      });
      expect(setup.status).toBe(201);
      const cookie = setup.headers.get("set-cookie")?.split(";")[0] ?? "";

      // The database's directory goes away under it (a lost mount, an operator's mistake), then its process dies.
      const [, child] = (await readFile(path.join(dataDir, "samverkan.lock"), "utf8")).split("\n").map(Number);
      await rename(path.join(dataDir, "pgdata"), path.join(dataDir, "pgdata.elsewhere"));
      process.kill(child as number, "SIGKILL");
      // It tries again with back-off (never creating an empty database in its place), then gives up.
      const running = server.child;
      const code = await new Promise<number | null>((resolve) =>
        running.exitCode !== null ? resolve(running.exitCode) : running.once("exit", (c) => resolve(c)),
      );
      expect(code).toBe(1);
      const plain = server
        .output()
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("{"));
      expect(plain).toEqual([
        expect.stringMatching(
          /^Samverkan stopped: the embedded database process could not be started again: 5 attempts failed; the last: .*there is no database in .*pgdata any more$/,
        ),
      ]);
      expect(server.output()).toContain('"msg":"starting the embedded database process again"');
      await expect(readFile(path.join(dataDir, "samverkan.lock"), "utf8")).rejects.toThrow(); // released
      await expect(readFile(path.join(dataDir, "pgdata", "PG_VERSION"), "utf8")).rejects.toThrow(); // none made up

      // Back where it belongs, the next start (a process manager's) has everything.
      await rename(path.join(dataDir, "pgdata.elsewhere"), path.join(dataDir, "pgdata"));
      server = await spawnServer({ DATA_DIR: dataDir });
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(await server.stop("SIGTERM")).toBe(0);
    },
    RUN_TIMEOUT,
  );
});

// On PostgreSQL whenever the suite runs on it (DATABASE_URL, as CI does), like the contract tests.
describe.each(databaseKinds().filter((kind) => kind === "postgres"))(
  "storage failure on %s: every connection of the server dropped while two clients edit",
  () => {
    const baseUrl = process.env.DATABASE_URL as string;
    let name = "";
    let terminated = 0;
    const scenario = storageFailureCase(
      async (origin, port) => {
        name = `samverkan_test_storage_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
        const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
        await admin.unsafe(`create database "${name}"`);
        await admin.end();
        const url = new URL(baseUrl);
        url.pathname = `/${name}`;
        return {
          env: { DATABASE_URL: url.toString(), PORT: String(port), PUBLIC_ORIGIN: origin },
          async cleanup() {
            const dropper = postgres(baseUrl, { max: 1, onnotice: () => {} });
            await dropper.unsafe(`drop database if exists "${name}" with (force)`);
            await dropper.end();
          },
        };
      },
      async () => {
        // Like a PostgreSQL restart or a failover, as far as this server can tell: its connections
        // are ended by the server side (57P01), several times while the clients write.
        const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
        try {
          for (let round = 0; round < 6; round++) {
            const rows = await admin`
            select pg_terminate_backend(pid) as ok from pg_stat_activity
            where datname = ${name} and pid <> pg_backend_pid()`;
            terminated += rows.filter((r) => r.ok).length;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        } finally {
          await admin.end();
        }
      },
    );

    it(
      "keeps every edit and never answers 500",
      async () => {
        await scenario();
        expect(terminated).toBeGreaterThan(0);
        console.info(`[storage-failure] PostgreSQL backends terminated: ${terminated}`);
      },
      RUN_TIMEOUT,
    );
  },
);
