/**
 * A browser suite's world: the web app built, a real server on a known origin, a partnership with
 * a convener, a member and an observer, and Chromium; each person gets a browser context of their
 * own, signed in with their session cookie.
 */
import { rm } from "node:fs/promises";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import type { Config } from "../../server/config.js";
import type { Database } from "../../server/db/client.js";
import { sessionCookieName } from "../../server/middleware/session.js";
import { ApiClient } from "./api-client.js";
import { buildWeb, freePort, launchBrowser } from "./browser.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "./factories.js";
import { startTestServer, type TestServer } from "./test-app.js";
import { createTestDatabase } from "./test-database.js";

export type Person = "convener" | "nurse" | "observer";

export interface BrowserFixture {
  origin: string;
  server: TestServer;
  workspaceId: string;
  people: Record<Person, ApiClient>;
  /**
   * A page of its own for one person (null: someone not signed in); `prepare` runs on the context
   * before the page opens; `device` emulates one (e.g. a tablet: viewport, `hasTouch`, `isMobile`).
   */
  open(
    who: Person | null,
    path: string,
    prepare?: (context: BrowserContext) => Promise<unknown>,
    device?: Pick<BrowserContextOptions, "viewport" | "hasTouch" | "isMobile">,
  ): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

/** The seeded partnership and its people. */
async function seed(convener: ApiClient) {
  await setupAdmin(convener);
  const org = await createOrganization(convener, "Lekebergs kommun");
  const ws = await createWorkspace(convener, "Nära vård Lekeberg", org.id);
  const nurse = await inviteAndJoin(convener, ws.id, "member", org.id, "Eva Sjuksköterska");
  const observer = await inviteAndJoin(convener, ws.id, "observer", org.id, "Lena Politiker");
  return { workspaceId: ws.id, people: { convener, nurse: nurse.client, observer: observer.client } };
}

/**
 * `empty`: an instance with no account at all (first-run setup is still to be done): no
 * partnership (workspaceId is ""), and only `open(null, …)` makes sense. `config`: settings for
 * the server (e.g. `smtpUrl`: a test's SMTP sink).
 */
export async function startBrowserFixture(
  options: { empty?: boolean; config?: Partial<Config> } = {},
): Promise<BrowserFixture> {
  const webDir = await buildWeb();
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const database: Database = await createTestDatabase();
  const server = await startTestServer(
    database,
    { ...options.config, publicOrigin: origin },
    undefined,
    {},
    { dir: webDir, port },
  );
  const convener = new ApiClient(server.app, origin);
  const seeded = options.empty
    ? { workspaceId: "", people: { convener, nurse: convener.fresh(), observer: convener.fresh() } }
    : await seed(convener);
  const { people } = seeded;
  const browser: Browser = await launchBrowser();
  const contexts: BrowserContext[] = [];

  return {
    origin,
    server,
    workspaceId: seeded.workspaceId,
    people,
    async open(who, path, prepare, device) {
      const context = await browser.newContext({ ...device, baseURL: origin, locale: "sv-SE" });
      // Shorter than the test's own timeout, so a wait that fails says what it waited for.
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      await prepare?.(context);
      if (who === null) {
        const page = await context.newPage();
        page.on("pageerror", (error) => {
          throw error;
        });
        await page.goto(path);
        return { page, context };
      }
      const [name = "", value = ""] = ((people[who].cookie ?? "").split(";")[0] ?? "").split("=");
      if (name !== sessionCookieName(origin)) throw new Error(`unexpected session cookie ${name}`);
      await context.addCookies([{ name, value, url: origin }]);
      const page = await context.newPage();
      page.on("pageerror", (error) => {
        throw error;
      });
      await page.goto(path);
      return { page, context };
    },
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await server.close();
      await database.close();
      await rm(webDir, { recursive: true, force: true });
    },
  };
}
