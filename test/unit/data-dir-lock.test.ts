import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "../../server/db/data-dir-lock.js";

/** The PID of a process that has already exited. */
const gonePid = () => spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid as number;

describe("the PGlite data directory lock", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "samverkan-lock-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("refuses while a live process holds it, naming that process", async () => {
    const holder = process.ppid; // certainly alive, and not us
    await writeFile(path.join(dir, "samverkan.lock"), String(holder));
    await expect(lockDataDir(dir)).rejects.toThrow(DataDirLockedError);
    await expect(lockDataDir(dir)).rejects.toThrow(`process ${holder}`);
  });

  it("names its database process beside the server, and refuses another server while the server runs", async () => {
    const lock = await lockDataDir(dir);
    const database = gonePid();
    await lock.alsoHeldBy(database);
    const file = path.join(dir, "samverkan.lock");
    expect(await readFile(file, "utf8")).toBe(`${process.pid}\n${database}`);
    await lock.release();
    await writeFile(file, `${process.ppid}\n${database}`); // as another server would leave it
    await expect(lockDataDir(dir)).rejects.toThrow(`server (process ${process.ppid})`);
  });

  it("waits for the database process of a server that is gone, then takes over", async () => {
    const orphan = spawn(process.execPath, ["-e", "setTimeout(() => {}, 300)"]);
    const exited = new Promise((resolve) => orphan.once("exit", resolve));
    await writeFile(path.join(dir, "samverkan.lock"), `${gonePid()}\n${orphan.pid}`);
    const lock = await lockDataDir(dir);
    expect(orphan.exitCode ?? (await exited)).toBe(0); // it had exited before the lock was taken
    expect(await readFile(path.join(dir, "samverkan.lock"), "utf8")).toBe(String(process.pid));
    await lock.release();
  });

  it("takes over at once a lock left by a process that is gone (crash, kill -9)", async () => {
    const gone = gonePid();
    await writeFile(path.join(dir, "samverkan.lock"), String(gone));
    const lock = await lockDataDir(dir);
    expect(await readFile(path.join(dir, "samverkan.lock"), "utf8")).toBe(String(process.pid));
    await lock.release();
    await expect(readFile(path.join(dir, "samverkan.lock"), "utf8")).rejects.toThrow();
  });
});
