/** SEED_DEMO=true: main.ts seeds the demo partnership at start when the instance has no account yet. */
import type { Db } from "../db/client.js";
import type { DocStore } from "../docs/doc-store.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import { DemoSeedRefusedError, seedDemo } from "./demo.js";

/** Logs what it did; an instance with accounts is left alone (logged as skipped). Other failures throw. */
export async function seedDemoAtStart(deps: { db: Db; services: Services; store: DocStore; logger: Logger }) {
  try {
    const summary = await seedDemo(deps);
    deps.logger.info(
      {
        workspaceId: summary.workspaceId,
        boards: summary.boards.length,
        accounts: summary.accounts.map((a) => ({ email: a.email, name: a.name, role: a.role ?? "admin" })),
      },
      `SEED_DEMO: demo partnership "${summary.workspaceName}" seeded; every demo account's password is ${summary.password}`,
    );
  } catch (error) {
    if (!(error instanceof DemoSeedRefusedError)) throw error;
    deps.logger.info("SEED_DEMO: the instance already has accounts; the demo partnership was not seeded");
  }
}
