/**
 * An exclusive lock on a PGlite data directory: a file holding the PIDs of the server and of the
 * process its database runs in (pglite-process.ts). PGlite is single-process, so a second server
 * on the same directory would corrupt it. A lock whose processes are gone (crash, kill -9) is
 * taken over at once; if only the database process is left, it is waited for: it exits as soon
 * as it notices its server is gone.
 *
 * The file is never seen half-written: it is created with its content (a hard link to a finished
 * temporary file) and replaced by rename. A reader that found it empty used to take it for a
 * lock left behind and remove it — while its server was starting or naming a new database process.
 */
import { readFileSync } from "node:fs";
import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

export interface DataDirLock {
  /** Names `pid` as the process the database runs in (a restarted one replaces the one before). */
  alsoHeldBy(pid: number): Promise<void>;
  release(): Promise<void>;
}

export const LOCK_FILE = "samverkan.lock";

/** How long a database process whose server is gone may take to exit before it is stopped. */
const ORPHAN_EXIT_MS = 5_000;
/** How the database process is recognised among processes (a PID may be reused by another program). */
const DATABASE_PROCESS_MARK = "pglite-child.mjs";

/** Whether `pid` runs: a zombie (exited, not yet reaped — a container's init may take seconds) does not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, but not ours to signal
  }
  const state = procField(pid, "stat", (text) => text.slice(text.lastIndexOf(")") + 2, text.lastIndexOf(")") + 3));
  return state !== "Z" && state !== "X";
}

/** A field of /proc/<pid>/<file> (Linux), or undefined where there is no /proc or the process is gone. */
function procField(pid: number, file: string, pick: (text: string) => string): string | undefined {
  try {
    // Synchronous: a few bytes from procfs, and isAlive() is synchronous.
    return pick(readFileSync(`/proc/${pid}/${file}`, "utf8"));
  } catch {
    return undefined;
  }
}

/** The lock's PIDs in order: the server first, then its database process. */
const holdersIn = (text: string) => text.split("\n").map((line) => Number.parseInt(line, 10));
const isPid = (pid: number | undefined): pid is number => Number.isInteger(pid) && (pid as number) > 0;

/** Writes `content` to a temporary file beside `file` and hands it to `place`; the temporary file never stays. */
async function viaTemporary(file: string, content: string, place: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  try {
    await place(tmp);
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

/** Creates `file` holding `content` unless it exists (false then); never visible half-written. */
async function createWith(file: string, content: string): Promise<boolean> {
  try {
    await viaTemporary(file, content, (tmp) => link(tmp, file));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links: exclusive creation, content written right after.
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS") {
      try {
        await writeFile(file, content, { flag: "wx" });
        return true;
      } catch (fallback) {
        if ((fallback as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw fallback;
      }
    }
    throw error;
  }
}

/** Takes the lock or throws DataDirLockedError. */
export async function lockDataDir(dir: string): Promise<DataDirLock> {
  const file = path.join(dir, LOCK_FILE);
  const mine = String(process.pid);
  const ours = async () => (await readFile(file, "utf8").catch(() => "")).split("\n")[0] === mine;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createWith(file, mine)) {
      return {
        async alsoHeldBy(pid) {
          // Replaced whole by rename: a reader sees the old holders or the new ones, never nothing.
          if (await ours()) await viaTemporary(file, `${mine}\n${pid}`, (tmp) => rename(tmp, file));
        },
        async release() {
          if (await ours()) await unlink(file).catch(() => {});
        },
      };
    }
    const found = await readFile(file, "utf8").catch(() => null);
    if (found === null) continue; // released meanwhile
    await waitForHolders(dir, holdersIn(found));
    await removeLeftover(file, found);
  }
  throw new DataDirLockedError(`Could not lock the data directory ${path.resolve(dir)}.`);
}

/**
 * Removes a lock left by processes that are gone — only the one that was inspected: it is moved
 * aside first (one process wins the move), and put back if it turns out to be a newer lock that
 * another starting server took meanwhile.
 */
async function removeLeftover(file: string, inspected: string): Promise<void> {
  const aside = `${file}.${process.pid}.stale`;
  try {
    await rename(file, aside);
  } catch {
    return; // gone already: someone else took it over or released it
  }
  const moved = await readFile(aside, "utf8").catch(() => inspected);
  if (moved !== inspected) await link(aside, file).catch(() => {});
  await unlink(aside).catch(() => {});
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
      if (Date.now() > deadline) {
        const command = procField(pid, "cmdline", (text) => text.replaceAll("\0", " "));
        // Its PID now belongs to another program: the database process itself is gone.
        if (command !== undefined && !command.includes(DATABASE_PROCESS_MARK)) break;
        // A database process whose server is gone, stuck in work it cannot leave: as safe to stop
        // as a crash (PostgreSQL recovers from its write-ahead log), and nothing else will.
        if (command !== undefined) {
          await stop(pid);
          if (!isAlive(pid)) break;
        }
        throw inUse(pid, "database process");
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function stop(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    return;
  }
  const until = Date.now() + 2_000;
  while (isAlive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}
