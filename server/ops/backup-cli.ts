/**
 * `npm run backup [-- <file>]`: a consistent backup of the configured instance (see backup.ts).
 * Default file: samverkan-<kind>-<UTC timestamp>.{dump,tar.gz} in the current directory.
 */
import { loadConfigOrExit } from "../config.js";
import { BackupError, backup } from "./backup.js";

const config = loadConfigOrExit(process.env);
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file =
  process.argv[2] ??
  (config.database.kind === "postgres" ? `samverkan-postgres-${stamp}.dump` : `samverkan-pglite-${stamp}.tar.gz`);
try {
  const bytes = await backup(config.database, file);
  console.log(`Backup written: ${file} (${Math.round(bytes / 1024)} KiB, ${config.database.kind}).`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
