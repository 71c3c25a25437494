/**
 * `npm run projections:rebuild`: recomputes every board's projections (actions, goals, meetings,
 * decisions, search) from its stored document. Safe to run at any time; a running server's own
 * refreshes simply follow. Exits 1 with one line if the database cannot be opened.
 */
import { loadConfigOrExit } from "../config.js";
import { DatabaseOpenError, openDatabase } from "../db/client.js";
import { createProjector } from "./projector.js";

const config = loadConfigOrExit(process.env);
try {
  const database = await openDatabase(config.database);
  await database.migrate();
  const started = performance.now();
  const count = await createProjector({ db: database.db }).rebuild();
  await database.close();
  console.log(
    `Projections rebuilt for ${count} boards in ${Math.round(performance.now() - started)} ms (${database.kind}).`,
  );
} catch (error) {
  console.error(error instanceof DatabaseOpenError ? error.message : `Rebuild failed: ${(error as Error).message}`);
  process.exit(1);
}
