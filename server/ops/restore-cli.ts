/**
 * `npm run restore -- <file>`: brings a backup back into an empty instance (see backup.ts); then
 * `npm start` migrates it if the backup is from an older version.
 */
import { loadConfigOrExit } from "../config.js";
import { BackupError, restore } from "./backup.js";

const config = loadConfigOrExit(process.env);
const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run restore -- <backup file>");
  process.exit(2);
}
try {
  await restore(config.database, file);
  console.log(`Restored ${file} into the ${config.database.kind === "postgres" ? "database" : "data directory"}.`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
