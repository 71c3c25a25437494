/**
 * An exclusive lock on a PGlite data directory: a file holding the owner's PID. PGlite is
 * single-process, so a second server on the same directory would corrupt it. A lock whose
 * process is gone (crash, kill -9) is taken over at once.
 */
import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, but not ours to signal
  }
}

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, "samverkan.lock");
  const mine = String(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // "wx": create exclusively, so two servers starting at once cannot both win.
      await writeFile(file, mine, { flag: "wx" });
      return async () => {
        if ((await readFile(file, "utf8").catch(() => "")) === mine) await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The data directory ${path.resolve(dir)} is in use by another running Samverkan server (process ${owner}); stop it first or set DATA_DIR.`,
        );
      }
      await unlink(file).catch(() => {}); // left behind by a process that is gone
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${path.resolve(dir)}.`);
}
