/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from "../config.js";
import { DatabaseOpenError, openDatabase } from "./client.js";

const result = loadConfig(process.env);
if (!result.ok) {
  console.error(`Invalid configuration:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(2);
}
try {
  const database = await openDatabase(result.config.database);
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${database.kind}).`);
} catch (error) {
  console.error(error instanceof DatabaseOpenError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
