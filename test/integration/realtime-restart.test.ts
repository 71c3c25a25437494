import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { type Database, openDatabase } from "../../server/db/client.js";
import { docSnapshots } from "../../server/db/schema.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { addAction, focusDescription, readFocus } from "../../shared/boards/focus.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { richTextToPlain, writePlainParagraphs } from "../../shared/richtext/text.js";
import { eventually } from "../helpers/eventually.js";
import { alive, freePort } from "../helpers/processes.js";
import { type SpawnedServer, spawnServer } from "../helpers/spawn-server.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

/** The node process running main.ts: spawnServer starts it directly (no launcher), as `npm start` does. */
function serverPid(server: SpawnedServer): number {
  return server.child.pid as number;
}

/**
 * What a person sees on the board, independent of insertion order: the kind the server stamped on it,
 * the cards (id → title) and the focus area's description as text.
 */
const content = (doc: Y.Doc) => {
  const focus = readFocus(doc);
  return {
    meta: doc.getMap("meta").toJSON(),
    actions: Object.fromEntries(focus.actions.map((a) => [a.id, a.title]).sort()),
    notes: richTextToPlain(focus.description),
  };
};
const STAMPED = { kind: "focus", schemaVersion: 1 };

const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
/** Adds one card per id, each its own update. */
const addCards = (doc: Y.Doc, ids: string[], title: string | ((id: string) => string)) => {
  for (const id of ids) addAction(doc, { id, title: typeof title === "string" ? title : title(id) });
};
/** Writes the focus area's description (one update). */
const writeNotes = (doc: Y.Doc, text: string) => doc.transact(() => writePlainParagraphs(focusDescription(doc), text));

const RUN_TIMEOUT = 180_000;
/** How long the server is frozen when SIGTERM arrives: a modest stall for a busy 2-core machine. */
const BUSY_SPELL_MS = 300;

describe.each(databaseKinds())("board content across restarts of the real server on %s", (kind) => {
  let env: Record<string, string>;
  let origin: string;
  let server: SpawnedServer | undefined;
  let cookie: string;
  let workspaceId: string;
  let cleanup: () => Promise<void> = async () => {};
  /** Opens the server's database from the test (PGlite: only while no server runs). */
  let openStorage: () => Promise<Database>;
  const providers: WebsocketProvider[] = [];

  const start = async () => {
    server = await spawnServer(env);
    return server;
  };
  const running = () => server !== undefined && server.child.exitCode === null && server.child.signalCode === null;
  const api = async (route: string, body: unknown) => {
    const res = await fetch(`${server!.url}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    if (res.status !== 201 && res.status !== 200) throw new Error(`${route}: ${res.status} ${JSON.stringify(json)}`);
    return { json, res };
  };
  const client = (boardId: string, doc?: Y.Doc) => {
    const c = connectProvider(server!.url, boardId, { cookie, origin, ...(doc ? { doc } : {}) });
    providers.push(c.provider);
    return c;
  };
  /**
   * A writer and a witness on a new board; `write` runs on the writer, and once the witness holds
   * the same content the server has applied all of it.
   */
  const writtenBoard = async (write: (doc: Y.Doc) => void) => {
    const boardId = await newBoard();
    const writer = client(boardId);
    const witness = client(boardId);
    await Promise.all([synced(writer.provider), synced(witness.provider)]);
    write(writer.doc);
    const expected = content(writer.doc);
    expect(expected.meta).toEqual(STAMPED);
    await eventually(() => expect(content(witness.doc)).toEqual(expected));
    return { boardId, writer, witness, expected };
  };
  /** A fresh client's view of the board at the moment it reports `synced`. */
  const freshView = async (boardId: string) => {
    const fresh = client(boardId);
    let atSync: ReturnType<typeof content> | null = null;
    fresh.provider.once("sync", () => {
      atSync = content(fresh.doc);
    });
    await synced(fresh.provider, 10_000);
    fresh.provider.destroy();
    return atSync as unknown as ReturnType<typeof content>;
  };
  /** The board as stored: snapshot plus log. */
  const storedView = async (database: Database, boardId: string) => {
    const loaded = await createDocStore(database.db).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return { ...content(doc), tail: loaded.tail, hasSnapshot: loaded.snapshot !== null };
  };
  const newBoard = async () =>
    (await api(`/api/workspaces/${workspaceId}/boards`, { kind: "focus", title: "Palliativ vård" })).json.board
      .id as string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    if (kind === "pglite") {
      const dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-rt-restart-"));
      env = { DATA_DIR: dataDir, PORT: String(port), PUBLIC_ORIGIN: origin };
      openStorage = () => openDatabase({ kind: "pglite", dataDir });
      cleanup = () => rm(dataDir, { recursive: true, force: true });
    } else {
      const baseUrl = process.env.DATABASE_URL!;
      const name = `samverkan_test_restart_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
      const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      await admin.end();
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString(), PORT: String(port), PUBLIC_ORIGIN: origin };
      openStorage = () => openDatabase({ kind: "postgres", url: url.toString() });
      cleanup = async () => {
        const dropper = postgres(baseUrl, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
        await dropper.end();
      };
    }
    await start();
    const setup = await api("/api/auth/setup", {
      email: "admin@lekeberg.example.se",
      name: "Anna",
      password: "lösenord123",
    });
    cookie = setup.res.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^samverkan_session=/);
    workspaceId = (await api("/api/workspaces", { name: "Nära vård Lekeberg" })).json.workspace.id;
  }, RUN_TIMEOUT);

  // Each case starts from a running server, even if the one before failed half-way through a restart.
  beforeEach(async () => {
    if (!running()) await start();
  }, RUN_TIMEOUT);
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });

  afterAll(async () => {
    for (const p of providers.splice(0)) p.destroy();
    if (running()) {
      const pid = serverPid(server!);
      await server!.stop("SIGTERM");
      if (alive(pid)) process.kill(pid, "SIGKILL"); // never leave a server of ours behind
    }
    await cleanup();
  }, RUN_TIMEOUT);

  it(
    "keeps every edit across a clean restart (SIGTERM, exit 0), stored as a compacted snapshot",
    async () => {
      const { boardId, expected } = await writtenBoard((doc) => {
        addCards(doc, keys("a", 25), (key) => `Åtgärd ${key}`);
        writeNotes(doc, "Rond på Solgården varannan tisdag");
      });

      expect(await server!.stop("SIGTERM")).toBe(0);
      expect(server!.output()).toContain('"msg":"stopped"');
      // The clients kept their documents; drop them so nothing can come back from them.
      for (const p of providers.splice(0)) p.destroy();

      const storage = await openStorage();
      try {
        expect(await storedView(storage, boardId)).toEqual({ ...expected, tail: 0, hasSnapshot: true });
      } finally {
        await storage.close();
      }

      await start();
      // The board worked on before the restart is loaded again before anyone asks for it.
      await eventually(() => expect(server!.output()).toContain('"msg":"boards preloaded"'), 10_000, 50);
      expect(await freshView(boardId)).toEqual(expected);
    },
    RUN_TIMEOUT,
  );

  it(
    "refuses a board damaged while the server was down with 4500, never serves it empty, logs it, and serves it once repaired",
    async () => {
      const { boardId, expected } = await writtenBoard((doc) => addCards(doc, keys("k", 8), (key) => `Åtgärd ${key}`));
      expect(await server!.stop("SIGTERM")).toBe(0);
      for (const p of providers.splice(0)) p.destroy();

      // Damage the stored snapshot (cut in half, as a torn copy or a bad restore leaves it).
      let original: Uint8Array;
      let storage = await openStorage();
      try {
        const [row] = await storage.db.select().from(docSnapshots).where(eq(docSnapshots.boardId, boardId));
        original = row!.state;
        await storage.db
          .update(docSnapshots)
          .set({ state: original.slice(0, Math.floor(original.length / 2)) })
          .where(eq(docSnapshots.boardId, boardId));
      } finally {
        await storage.close();
      }

      await start();
      const reader = client(boardId);
      const closes: number[] = [];
      reader.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));
      let everSynced = false;
      reader.provider.on("sync", (isSynced: boolean) => {
        if (isSynced) everSynced = true;
      });
      await eventually(() => expect(closes.length).toBeGreaterThanOrEqual(3), 10_000);
      expect(new Set(closes)).toEqual(new Set([Close.LoadFailed.code]));
      expect(everSynced).toBe(false);
      // Not even the board's kind reached it.
      expect(content(reader.doc)).toEqual({ meta: {}, actions: {}, notes: "" });
      const refusedLog = server!.output();

      // Repaired (on PGlite only possible while the server is down); the waiting client gets the board.
      expect(await server!.stop("SIGTERM")).toBe(0);
      storage = await openStorage();
      try {
        await storage.db.update(docSnapshots).set({ state: original }).where(eq(docSnapshots.boardId, boardId));
      } finally {
        await storage.close();
      }
      await start();
      await synced(reader.provider, 15_000);
      expect(content(reader.doc)).toEqual(expected);

      // The operator can tell which board failed and why: an error-level log line naming it.
      const errors = refusedLog
        .split("\n")
        .filter((line) => line.startsWith("{") && line.endsWith("}"))
        .map((line) => JSON.parse(line) as { level: number; boardId?: string })
        .filter((entry) => entry.level >= 50);
      expect(errors.map((e) => e.boardId)).toContain(boardId);
    },
    RUN_TIMEOUT,
  );

  it(
    "keeps every committed edit across kill -9; clients that kept their documents bring back the rest",
    async () => {
      const boardId = await newBoard();
      // Anna's laptop: keeps its document through everything.
      const laptop = client(boardId);
      // Omar's tablet: stays connected through the crash; the stock client reconnects by itself.
      const tablet = client(boardId);
      await Promise.all([synced(laptop.provider), synced(tablet.provider)]);

      addCards(laptop.doc, keys("committed", 20), "före kraschen");
      writeNotes(laptop.doc, "Gemensam vårdplanering.");
      const committed = content(laptop.doc);
      expect(committed.meta).toEqual(STAMPED);
      if (kind === "postgres") {
        // Wait until the database itself holds them: committed by the server, not just received.
        const reader = await openStorage();
        try {
          await eventually(async () => {
            const stored = await storedView(reader, boardId);
            expect({ meta: stored.meta, actions: stored.actions, notes: stored.notes }).toEqual(committed);
          }, 10_000);
        } finally {
          await reader.close();
        }
      } else {
        // PGlite cannot be read by a second process while the server runs, and delivery precedes
        // storage: seeing them arrive at another client does not prove they were committed.
        await eventually(() => expect(content(tablet.doc)).toEqual(committed));
      }

      // The laptop goes offline and keeps working.
      laptop.provider.disconnect();
      addCards(laptop.doc, keys("offline", 5), "utan nät");
      // The tablet writes, and the server dies with those edits possibly unreceived or unstored.
      addCards(tablet.doc, keys("inflight", 5), "i luften");
      const pid = serverPid(server!);
      process.kill(pid, "SIGKILL");
      await server!.stop(); // the launcher follows its child
      await eventually(() => expect(alive(pid)).toBe(false));

      if (kind === "postgres") {
        // Everything committed before the kill is still in the database.
        const storage = await openStorage();
        try {
          const survived = await storedView(storage, boardId);
          expect(survived.meta).toEqual(STAMPED);
          expect(survived.actions).toMatchObject(committed.actions);
          expect(survived.notes).toBe(committed.notes);
        } finally {
          await storage.close();
        }
      }

      // The server itself recovers: on PGlite it takes over the dead server's lock at once and the
      // embedded database replays its log.
      await start();

      // A fresh client sees what was committed (the tablet may be back already), and nothing of the
      // laptop's offline edits yet. On PGlite "committed" is only known once the tablet, which holds
      // everything it saw, has synced with the new server.
      if (kind === "pglite") await eventually(() => expect(tablet.provider.synced).toBe(true), 20_000);
      const first = await freshView(boardId);
      expect(first.meta).toEqual(STAMPED);
      expect(first.actions).toMatchObject(committed.actions);
      expect(first.notes).toBe(committed.notes);
      expect(Object.keys(first.actions).filter((k) => k.startsWith("offline"))).toEqual([]);

      // The laptop comes back online and brings back what the server never had.
      laptop.provider.connect();
      const everything = {
        ...committed.actions,
        ...Object.fromEntries(keys("offline", 5).map((k) => [k, "utan nät"])),
        ...Object.fromEntries(keys("inflight", 5).map((k) => [k, "i luften"])),
      };
      await eventually(() => {
        expect(tablet.provider.synced).toBe(true);
        expect(laptop.provider.synced).toBe(true);
        expect(content(tablet.doc).actions).toEqual(everything);
        expect(content(laptop.doc).actions).toEqual(everything);
      }, 20_000);

      expect(await freshView(boardId)).toEqual({ meta: STAMPED, actions: everything, notes: committed.notes });
    },
    RUN_TIMEOUT,
  );
  it(
    "shuts down cleanly on SIGTERM even when the server is busy at that moment",
    async () => {
      const { boardId, expected } = await writtenBoard((doc) =>
        addCards(doc, keys("busy", 12), (key) => `Åtgärd ${key}`),
      );

      // The server's event loop is held up for a moment — as a large document, a slow query in the
      // embedded database or a GC pause does — exactly when the supervisor sends SIGTERM.
      const pid = serverPid(server!);
      process.kill(pid, "SIGSTOP");
      let exited: Promise<number | string>;
      try {
        exited = server!.stop("SIGTERM");
        await new Promise((resolve) => setTimeout(resolve, BUSY_SPELL_MS));
      } finally {
        if (alive(pid)) process.kill(pid, "SIGCONT");
      }
      expect(await exited).toBe(0);
      expect(server!.output()).toContain('"msg":"stopped"');

      for (const p of providers.splice(0)) p.destroy();
      const storage = await openStorage();
      try {
        expect(await storedView(storage, boardId)).toEqual({ ...expected, tail: 0, hasSnapshot: true });
      } finally {
        await storage.close();
      }
    },
    RUN_TIMEOUT,
  );
});
