/**
 * An exclusive lock on a PGlite data directory: a file holding the PIDs of the server and of the
 * process its database runs in (pglite-process.ts). PGlite is single-process, so a second server
 * on the same directory would corrupt it. A lock whose processes are gone (crash, kill -9) is
 * taken over at once; if only the database process is left, it is waited for: it exits as soon
 * as it notices its server is gone.
 */
import { readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

export interface DataDirLock {
  /** Names the process the database runs in as a holder too. */
  alsoHeldBy(pid: number): Promise<void>;
  release(): Promise<void>;
}

/** How long a database process whose server is gone may take to exit. */
const ORPHAN_EXIT_MS = 5_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, but not ours to signal
  }
}

/** The lock's PIDs in order: the server first, then its database process. */
const holdersIn = (text: string) => text.split("\n").map((line) => Number.parseInt(line, 10));
const isPid = (pid: number | undefined): pid is number => Number.isInteger(pid) && (pid as number) > 0;

/** Takes the lock or throws DataDirLockedError. */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const file = path.join(dir, "samverkan.lock");
  const mine = String(process.pid);
  const ours = async () => (await readFile(file, "utf8").catch(() => "")).split("\n")[0] === mine;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // "wx": create exclusively, so two servers starting at once cannot both win.
      await writeFile(file, mine, { flag: "wx" });
      return {
        async alsoHeldBy(pid) {
          if (await ours()) await writeFile(file, `${mine}\n${pid}`);
        },
        async release() {
          if (await ours()) await unlink(file).catch(() => {});
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      await waitForHolders(dir, holdersIn(await readFile(file, "utf8").catch(() => "")));
      await unlink(file).catch(() => {}); // left behind by processes that are gone
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${path.resolve(dir)}.`);
}

/** Returns once none of the holders runs; throws if the server does, or its database process does not exit. */
async function waitForHolders(dir: string, [server, ...database]: number[]): Promise<void> {
  const inUse = (pid: number, what: string) =>
    new DataDirLockedError(
      `The data directory ${path.resolve(dir)} is in use by another running Samverkan ${what} (process ${pid}); stop it first or set DATA_DIR.`,
    );
  // Our own PID as the server: a lock this process left behind, not another server.
  if (isPid(server) && server !== process.pid && isAlive(server)) throw inUse(server, "server");
  const deadline = Date.now() + ORPHAN_EXIT_MS;
  for (const pid of database.filter(isPid)) {
    while (isAlive(pid)) {
      if (Date.now() > deadline) throw inUse(pid, "database process");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
