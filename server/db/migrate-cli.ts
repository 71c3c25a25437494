/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import { loadConfigOrExit } from "../config.js";
import { DatabaseOpenError, openDatabase } from "./client.js";

const config = loadConfigOrExit(process.env);
try {
  const database = await openDatabase(config.database);
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${database.kind}).`);
} catch (error) {
  console.error(error instanceof DatabaseOpenError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
