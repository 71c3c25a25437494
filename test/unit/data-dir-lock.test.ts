import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError, lockDataDir } from "../../server/db/data-dir-lock.js";

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

  it("takes over at once a lock left by a process that is gone (crash, kill -9)", async () => {
    const gone = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid;
    await writeFile(path.join(dir, "samverkan.lock"), String(gone));
    const release = await lockDataDir(dir);
    expect(await readFile(path.join(dir, "samverkan.lock"), "utf8")).toBe(String(process.pid));
    await release();
    await expect(readFile(path.join(dir, "samverkan.lock"), "utf8")).rejects.toThrow();
  });
});
