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
  /**
   * Says this server is shutting down and will be gone by `deadline` (ms since the epoch): a
   * server starting meanwhile waits for it instead of refusing — a process manager, or npm (which
   * exits before the server it started has finished), may start the next one right away.
   */
  stopping(deadline: number): Promise<void>;
  release(): Promise<void>;
}

export const LOCK_FILE = "samverkan.lock";

/** How long a database process whose server is gone may take to exit before it is stopped. */
const ORPHAN_EXIT_MS = 5_000;
/** A stopping server's own deadline is waited for, and this much more (its database process closing). */
const STOPPING_GRACE_MS = 5_000;
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

/**
 * The lock's lines: the server's PID, then its database process's (if named yet), then
 * `stopping <deadline>` while the server shuts down.
 */
function parseLock(text: string): { server: number; database: number[]; stoppingUntil: number | null } {
  const [server = "", ...rest] = text.split("\n");
  const stopping = rest.find((line) => line.startsWith("stopping "));
  return {
    server: Number.parseInt(server, 10),
    database: rest.filter((line) => !line.startsWith("stopping")).map((line) => Number.parseInt(line, 10)),
    stoppingUntil: stopping ? Number.parseInt(stopping.slice("stopping ".length), 10) || null : null,
  };
}
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
  let database: number | null = null;
  let stoppingUntil: number | null = null;
  // Replaced whole by rename: a reader sees the old content or the new, never nothing.
  const rewrite = async () => {
    const lines = [
      mine,
      ...(database ? [String(database)] : []),
      ...(stoppingUntil ? [`stopping ${stoppingUntil}`] : []),
    ];
    if (await ours()) await viaTemporary(file, lines.join("\n"), (tmp) => rename(tmp, file));
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createWith(file, mine)) {
      return {
        async alsoHeldBy(pid) {
          database = pid;
          await rewrite();
        },
        async stopping(deadline) {
          stoppingUntil = Math.round(deadline);
          await rewrite();
        },
        async release() {
          if (await ours()) await unlink(file).catch(() => {});
        },
      };
    }
    const found = await readFile(file, "utf8").catch(() => null);
    if (found === null) continue; // released meanwhile
    await waitForHolders(dir, parseLock(found));
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

/**
 * Returns once none of the holders runs; throws if the server does (unless it is stopping and
 * exits by its deadline), or its database process does not exit.
 */
async function waitForHolders(
  dir: string,
  { server, database, stoppingUntil }: ReturnType<typeof parseLock>,
): Promise<void> {
  const inUse = (pid: number, what: string) =>
    new DataDirLockedError(
      `The data directory ${path.resolve(dir)} is in use by another running Samverkan ${what} (process ${pid}); stop it first or set DATA_DIR.`,
    );
  // Our own PID as the server: a lock this process left behind, not another server.
  if (isPid(server) && server !== process.pid && isAlive(server)) {
    if (stoppingUntil === null) throw inUse(server, "server");
    // Shutting down: storing what is pending, then closing its database. Its successor waits.
    const until = stoppingUntil + STOPPING_GRACE_MS;
    while (isAlive(server)) {
      if (Date.now() > until) throw inUse(server, "server");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
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
