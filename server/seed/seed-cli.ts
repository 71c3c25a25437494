/**
 * `npm run seed:demo`: seeds the demo partnership into the configured (empty) database, prints the
 * accounts and their password, and exits. Refuses in one line (exit 1) when accounts exist.
 */
import { loadConfigOrExit } from "../config.js";
import { type Database, DatabaseOpenError, openDatabase } from "../db/client.js";
import { createServices } from "../services/index.js";
import { DemoSeedRefusedError, formatDemoAccounts, seedDemo } from "./demo.js";

const config = loadConfigOrExit(process.env);

let database: Database | undefined;
let code = 0;
try {
  database = await openDatabase(config.database);
  await database.migrate();
  const summary = await seedDemo({ db: database.db, services: createServices(database.db, config) });
  console.log(formatDemoAccounts(summary));
  console.log(`Sign in at ${config.publicOrigin} (start the server with npm start).`);
} catch (error) {
  code = 1;
  console.error(
    error instanceof DemoSeedRefusedError || error instanceof DatabaseOpenError
      ? error.message
      : `Seeding the demo failed: ${(error as Error).message}`,
  );
}
await database?.close().catch(() => {});
process.exit(code);
