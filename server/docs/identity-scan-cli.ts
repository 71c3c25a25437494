/**
 * `npm run scan:identity-numbers`: lists where personal identity numbers are stored (tables and
 * boards), never the numbers. Exits 0 when none are found, 3 when some are.
 */
import { loadConfigOrExit } from "../config.js";
import { DatabaseOpenError, openDatabase } from "../db/client.js";
import { scanForIdentityNumbers } from "./identity-scan.js";

const config = loadConfigOrExit(process.env);
let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  database = await openDatabase(config.database);
  await database.migrate();
  const found = await scanForIdentityNumbers(database.db);
  for (const hit of found) console.log(`${hit.kind}\t${hit.where}`);
  console.log(
    found.length === 0
      ? "No personal identity numbers are stored."
      : `${found.length} stored personal identity number(s) found. Remove them: edit the boards (the next compaction leaves no copy) and the rows named above.`,
  );
  await database.close();
  process.exit(found.length === 0 ? 0 : 3);
} catch (error) {
  await database?.close().catch(() => {});
  console.error(error instanceof DatabaseOpenError ? error.message : `Scan failed: ${(error as Error).message}`);
  process.exit(1);
}
