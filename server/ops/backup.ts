/**
 * Backup and restore of a whole instance (`npm run backup`, `npm run restore`).
 *
 * - PostgreSQL: `pg_dump --format=custom`, which reads one snapshot, so a backup taken while people
 *   edit is consistent (an update is in it or not, never half); `pg_restore` into an empty database.
 * - PGlite: its data directory as a gzipped tar (PGlite's own `dumpDataDir`), taken with the data
 *   directory's lock, so only while no server runs on it; restored into an empty `DATA_DIR`.
 *
 * The kind of a backup file is read from its first bytes, so a PGlite backup is never fed to
 * pg_restore or the other way round.
 */
import { spawn } from "node:child_process";
import { open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import type { DatabaseConfig } from "../config.js";
import { redactUrl } from "../config.js";
import { DataDirLockedError, lockDataDir } from "../db/data-dir-lock.js";

export class BackupError extends Error {}

export type BackupKind = "postgres" | "pglite";

/** pg_dump's custom format starts with "PGDMP"; a gzip stream with 1f 8b. */
export async function backupKind(file: string): Promise<BackupKind> {
  const handle = await open(file).catch(() => {
    throw new BackupError(`Cannot read ${file}.`);
  });
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head.toString("latin1") === "PGDMP") return "postgres";
    if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
    throw new BackupError(`${file} is not a Samverkan backup (neither a pg_dump archive nor a PGlite data directory).`);
  } finally {
    await handle.close();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) =>
      reject(
        new BackupError(
          (error as NodeJS.ErrnoException).code === "ENOENT"
            ? `${command} is not installed; install PostgreSQL's client tools (Debian: postgresql-client).`
            : `${command} failed: ${error.message}`,
        ),
      ),
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed: ${stderr.trim().split("\n").at(-1)}`)),
    );
  });
}

/** libpq reads the URL from the command line; the password goes by environment, never in argv. */
function libpqArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Writes the backup to `file` (first to `file.partial`, renamed when complete); returns its size. */
export async function backup(database: DatabaseConfig, file: string): Promise<number> {
  const partial = `${file}.partial`;
  try {
    if (database.kind === "postgres") {
      const { dbname, env } = libpqArgs(database.url);
      await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, dbname], env);
    } else {
      await withLockedDataDir(database.dataDir, async (pgdata) => {
        const { PGlite } = await import("@electric-sql/pglite");
        const pg = await PGlite.create(pgdata);
        try {
          const dump = await pg.dumpDataDir("gzip");
          await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
        } finally {
          await pg.close();
        }
      });
    }
    await rename(partial, file);
    return (await stat(file)).size;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Restores `file` into the configured database, which must be empty. */
export async function restore(database: DatabaseConfig, file: string): Promise<void> {
  const kind = await backupKind(file);
  if (kind !== database.kind) {
    throw new BackupError(
      kind === "pglite"
        ? "This is a backup of an embedded (PGlite) instance; restore it with DATABASE_URL unset and DATA_DIR set."
        : "This is a PostgreSQL backup; restore it with DATABASE_URL set to an empty database.",
    );
  }
  if (database.kind === "postgres") {
    await requireEmptyPostgres(database.url);
    const { dbname, env } = libpqArgs(database.url);
    await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${dbname}`, file], env);
    return;
  }
  await withLockedDataDir(database.dataDir, async (pgdata) => {
    if (await stat(path.join(pgdata, "PG_VERSION")).catch(() => null)) {
      throw new BackupError(`${database.dataDir} already holds a database; restore into an empty DATA_DIR.`);
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = await PGlite.create(pgdata, { loadDataDir: new Blob([await readFile(file)]) });
    await pg.close();
  });
}

async function requireEmptyPostgres(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ tables: number }[]>`
      select count(*)::int as tables from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')`;
    if ((row?.tables ?? 0) > 0) {
      throw new BackupError(`${redactUrl(url)} is not empty; restore into a new, empty database.`);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Cannot reach ${redactUrl(url)}: ${(error as Error).message}`);
  } finally {
    await sql.end();
  }
}

async function withLockedDataDir(dataDir: string, work: (pgdata: string) => Promise<void>): Promise<void> {
  const { mkdir } = await import("node:fs/promises");
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dataDir).catch((error) => {
    if (error instanceof DataDirLockedError) {
      throw new BackupError(
        `${error.message} An embedded (PGlite) instance is backed up and restored while it is stopped; with PostgreSQL, backups are taken while it runs.`,
      );
    }
    throw error;
  });
  try {
    await work(path.resolve(dataDir, "pgdata"));
  } finally {
    await lock.release();
  }
}
