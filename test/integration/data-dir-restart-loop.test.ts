/**
 * Starting again on the same data directory always works, right after a stop or a kill -9 of the
 * server, of its database process, of both, or of the server while it is starting a new database
 * process (the lock file and child hand-over, server/db/data-dir-lock.ts and pglite-process.ts).
 * The real entry point, 20 times in a row on one directory; each run stores a partnership, and at
 * the end every one of them is there.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startNodeArgs } from "../../server/start-args.js";
import { eventually } from "../helpers/eventually.js";
import { alive } from "../helpers/processes.js";
import { type SpawnedServer, spawnServer } from "../helpers/spawn-server.js";

const ITERATIONS = 24;
const ROOT = path.resolve(import.meta.dirname, "../..");

type Ending =
  | "SIGTERM"
  | "kill server"
  | "kill database, then SIGTERM"
  | "kill both"
  | "kill server while restarting"
  | "SIGTERM while starting"
  | "kill server while starting"
  | "next start while stopping";
const ENDINGS: Ending[] = [
  "SIGTERM",
  "kill server",
  "kill database, then SIGTERM",
  "kill both",
  "kill server while restarting",
  "SIGTERM while starting",
  "kill server while starting",
  "next start while stopping",
];

/** main.ts as spawnServer runs it, returned at once: to stop it before it listens. */
function spawnStarting(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | string> } {
  const { PATH, HOME, LANG } = process.env;
  const child = spawn(process.execPath, startNodeArgs(), {
    cwd: ROOT,
    env: { PATH, HOME, LANG, LOG_LEVEL: "info", PORT: "0", ...env },
    stdio: "ignore",
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, exited };
}

describe("start, stop or kill, start again on one data directory", () => {
  let dataDir = "";
  let server: SpawnedServer | undefined;
  /** Every process of ours that may still run at the end: killed there, whatever happened. */
  const pids = new Set<number>();

  afterAll(async () => {
    if (server) await server.stop("SIGTERM");
    for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(
    `works ${ITERATIONS} times in a row, whatever ended the run before, and keeps everything committed`,
    async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-restart-loop-"));
      const env = { DATA_DIR: dataDir };
      const lock = async () => (await readFile(path.join(dataDir, "samverkan.lock"), "utf8")).split("\n").map(Number);
      const start = async () => {
        server = await spawnServer(env);
        pids.add(server.child.pid as number);
        return server;
      };

      let s = await start();
      const setup = await fetch(`${s.url}/api/auth/setup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@lekeberg.example.se", name: "Anna", password: "lösenord123" }),
      });
      expect(setup.status).toBe(201);
      const cookie = setup.headers.get("set-cookie")?.split(";")[0] ?? "";
      const stored: string[] = [];
      const outcomes: string[] = [];

      for (let i = 0; i < ITERATIONS; i++) {
        // Something committed in this run: it must be there in every later one.
        const name = `Samverkan ${i}`;
        const created = await fetch(`${s.url}/api/workspaces`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ name }),
        });
        expect(created.status, `run ${i}: ${await created.clone().text()}`).toBe(201);
        stored.push(name);

        const ending = ENDINGS[i % ENDINGS.length] as Ending;
        const [serverPid, database] = (await lock()) as [number, number];
        expect(serverPid).toBe(s.child.pid);
        pids.add(database);
        let exit: number | string;
        switch (ending) {
          case "SIGTERM":
            exit = await s.stop("SIGTERM");
            expect(exit).toBe(0);
            break;
          case "kill server":
            exit = await s.stop("SIGKILL");
            break;
          case "kill database, then SIGTERM": {
            process.kill(database, "SIGKILL");
            await eventually(async () => expect((await lock())[1]).not.toBe(database), 30_000, 20);
            await eventually(async () => expect((await fetch(`${s.url}/readyz`)).status).toBe(200), 30_000, 20);
            pids.add((await lock())[1] as number);
            exit = await s.stop("SIGTERM");
            expect(exit).toBe(0);
            break;
          }
          case "kill both":
            process.kill(database, "SIGKILL");
            exit = await s.stop("SIGKILL");
            break;
          case "SIGTERM while starting":
          case "kill server while starting": {
            // The run ends as usual; then a server starts and is stopped once its database process
            // is named in the lock — while that process opens the directory, before it listens.
            expect(await s.stop("SIGTERM")).toBe(0);
            const starting = spawnStarting(env);
            pids.add(starting.child.pid as number);
            await eventually(
              async () => {
                const [holder, db] = await lock();
                expect(holder).toBe(starting.child.pid);
                expect(db).toBeGreaterThan(0);
                pids.add(db as number);
              },
              30_000,
              2,
            );
            starting.child.kill(ending === "SIGTERM while starting" ? "SIGTERM" : "SIGKILL");
            exit = await starting.exited;
            if (ending === "SIGTERM while starting") expect(exit).toBe(0);
            break;
          }
          case "next start while stopping": {
            // As npm start leaves it (npm exits before the server it started has stopped), or a
            // supervisor that restarts at once: the next server starts while this one still stores
            // and closes. Held still for a moment mid-way, so the next one surely finds it there.
            const stopped = s.stop("SIGTERM");
            // Stopping (or already gone, if it was that quick).
            await eventually(
              async () =>
                expect(
                  await readFile(path.join(dataDir, "samverkan.lock"), "utf8").catch(() => "gone stopping"),
                ).toMatch(/stopping/),
              10_000,
              2,
            );
            const signal = (name: NodeJS.Signals) => {
              try {
                process.kill(serverPid, name);
              } catch {} // already gone: then this is just a quick restart
            };
            signal("SIGSTOP");
            const next = spawnServer(env);
            setTimeout(() => signal("SIGCONT"), 1_000);
            exit = await stopped;
            expect(exit).toBe(0);
            outcomes.push(`${i}: ${ending} → ${exit}`);
            s = await next;
            server = s;
            pids.add(s.child.pid as number);
            expect((await fetch(`${s.url}/readyz`)).status, outcomes.join("\n")).toBe(200);
            continue;
          }
          case "kill server while restarting": {
            // The hand-over: the new database process is named in the lock and is opening the
            // directory when its server dies.
            process.kill(database, "SIGKILL");
            await eventually(async () => expect((await lock())[1]).not.toBe(database), 30_000, 5);
            pids.add((await lock())[1] as number);
            exit = await s.stop("SIGKILL");
            break;
          }
        }
        outcomes.push(`${i}: ${ending} → ${exit}`);

        // Started again at once: must work the first time.
        s = await start();
        expect((await fetch(`${s.url}/readyz`)).status, outcomes.join("\n")).toBe(200);
      }

      const list = await fetch(`${s.url}/api/workspaces`, { headers: { cookie } });
      const names = ((await list.json()) as { workspaces: { name: string }[] }).workspaces.map((w) => w.name);
      expect(names.sort()).toEqual([...stored].sort());
      expect(await s.stop("SIGTERM")).toBe(0);
      server = undefined;
      console.info(`[restart-loop] ${ITERATIONS} starts after:\n${outcomes.join("\n")}`);
    },
    20 * 60_000,
  );
});
