/**
 * `npm run scan:identity-numbers`: lists where personal identity numbers are stored (tables and
 * boards), never the numbers. Exits 0 when none are found, 3 when some are.
 * `npm run scan:identity-numbers -- --remove` (with the server stopped) replaces those in boards
 * with the placeholder, compacts the boards and drops kept versions holding them, refreshes the
 * boards' projections, and lists what is left (names and titles in tables are changed by people,
 * in the app).
 */

import { identityNumberInProgress } from "../../shared/text/identity-numbers.js";
import { loadConfigOrExit } from "../config.js";
import { DatabaseOpenError, openDatabase } from "../db/client.js";
import { createServices } from "../services/index.js";
import { removeFromBoards, scanForIdentityNumbers } from "./identity-scan.js";

const config = loadConfigOrExit(process.env);
const remove = process.argv.includes("--remove");
let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  database = await openDatabase(config.database);
  await database.migrate();
  if (remove) {
    const services = createServices(database.db, config);
    const changed = await removeFromBoards(database.db, async (boardId) => {
      await services.history.forget(boardId, (text) => identityNumberInProgress(text) !== null);
      await services.projections.project(boardId);
    });
    for (const { boardId, workspaceId, fields } of changed) {
      console.log(`removed\tboard ${boardId}: ${fields.join(", ")}`);
      await services.audit({
        action: "identity_number.purged",
        workspaceId,
        targetType: "board",
        targetId: boardId,
        data: { fields },
      });
    }
  }
  const found = await scanForIdentityNumbers(database.db);
  for (const hit of found) console.log(`${hit.kind}\t${hit.where}`);
  console.log(
    found.length === 0
      ? "No personal identity numbers are stored."
      : `${found.length} stored personal identity number(s) found. ${remove ? "Those left are in names and titles: change them in the app." : "Remove them: edit them out in the app, or stop the server and run this with --remove for boards."}`,
  );
  await database.close();
  process.exit(found.length === 0 ? 0 : 3);
} catch (error) {
  await database?.close().catch(() => {});
  console.error(error instanceof DatabaseOpenError ? error.message : `Scan failed: ${(error as Error).message}`);
  process.exit(1);
}
