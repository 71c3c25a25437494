/**
 * The PGlite directory lock's hand-over (server/db/data-dir-lock.ts): a server that is stopping is
 * waited for; processes that are gone — exited but not reaped, or whose PID another program now
 * has — do not hold the lock; a database process left stuck by its dead server is stopped.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError, isAlive, lockDataDir } from "../../server/db/data-dir-lock.js";

const children: ChildProcess[] = [];
/** A process that runs until killed; `args` show up in its command line. */
function running(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", ...args], { stdio: "ignore" });
  children.push(child);
  return child;
}
const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, "exit").then(() => {});

describe("the data directory lock's hand-over", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "samverkan-lock-handover-"));
    file = path.join(dir, "samverkan.lock");
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  it("writes who holds it and that it is stopping, whole", async () => {
    const lock = await lockDataDir(dir);
    expect(await readFile(file, "utf8")).toBe(String(process.pid));
    await lock.alsoHeldBy(4242);
    expect(await readFile(file, "utf8")).toBe(`${process.pid}\n4242`);
    await lock.stopping(1_800_000_000_000);
    expect(await readFile(file, "utf8")).toBe(`${process.pid}\n4242\nstopping 1800000000000`);
    await lock.release();
    await expect(readFile(file, "utf8")).rejects.toThrow();
  });

  it("waits for a server that is stopping, then takes over; refuses one that is not", async () => {
    const server = running();
    await writeFile(file, `${server.pid}`);
    await expect(lockDataDir(dir)).rejects.toThrow(`server (process ${server.pid})`);

    // Stopping, with a deadline well ahead: the next server waits instead of failing.
    await writeFile(file, `${server.pid}\n\nstopping ${Date.now() + 60_000}`);
    let taken = false;
    const next = lockDataDir(dir).then((lock) => {
      taken = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(taken).toBe(false); // still waiting: the server runs
    server.kill("SIGTERM");
    const lock = await next;
    expect(isAlive(server.pid as number)).toBe(false);
    expect(await readFile(file, "utf8")).toBe(String(process.pid));
    await lock.release();
  });

  it("refuses a stopping server that outlived its deadline", async () => {
    const server = running();
    await writeFile(file, `${server.pid}\nstopping ${Date.now() - 60_000}`);
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
  });

  it("does not count an exited process its parent has not reaped (a zombie) as running", async () => {
    // `sleep 0.1` becomes a child of `sleep 30`, which never reaps it: a zombie until the end.
    const parent = spawn("sh", ["-c", "sleep 0.1 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
    children.push(parent);
    const [line] = (await once(createInterface({ input: parent.stdout as NodeJS.ReadableStream }), "line")) as [string];
    const zombie = Number(line);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const state = (await readFile(`/proc/${zombie}/stat`, "utf8")).split(") ")[1]?.[0];
    expect(state).toBe("Z");
    expect(isAlive(zombie)).toBe(false);
    await writeFile(file, `${zombie}\n${zombie}`);
    const lock = await lockDataDir(dir);
    await lock.release();
  });

  it("stops a database process whose server is gone when it does not exit by itself, and ignores a PID another program has", async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await exited(gone);
    // A stuck database process of a dead server (its command line names pglite-child.mjs) …
    const stuck = running("pglite-child.mjs");
    // … and a PID the lock names that now belongs to something else.
    const other = running("something-else");
    await writeFile(file, `${gone.pid}\n${stuck.pid}`);
    const lock = await lockDataDir(dir);
    await exited(stuck);
    expect(stuck.signalCode).toBe("SIGKILL");
    await lock.release();

    await writeFile(file, `${gone.pid}\n${other.pid}`);
    const again = await lockDataDir(dir);
    expect(isAlive(other.pid as number)).toBe(true); // not ours to stop
    await again.release();
  }, 30_000);
});
