/**
 * The app starts offline: a board opened before comes back from the device after a reload without a
 * network, the partnership's home says which boards are on the device, an edit made offline reaches
 * the others when the network returns, and signing out leaves nothing of the person on the device.
 */
import type { BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { PASSWORD } from "../helpers/factories.js";

/** Resolves once the service worker controls the page and keeps the answers at these API paths. */
async function keptOnDevice(page: Page, paths: string[]): Promise<void> {
  const kept = () =>
    page.evaluate(async (paths) => {
      if (!navigator.serviceWorker.controller) return false;
      const cache = await caches.open("samverkan-api");
      for (const path of paths) if (!(await cache.match(path))) return false;
      return true;
    }, paths);
  await expect.poll(kept, { interval: 100, timeout: 10_000 }).toBe(true);
}

/** Screenshots at the sizes of shared/UI.md: tablet both ways, desktop, phone. */
async function screenshots(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const [width, height] of [
    [820, 1180],
    [1180, 820],
    [1280, 800],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await screenshot(page, `${name}-${width}x${height}`);
  }
  if (original) await page.setViewportSize(original);
}

/** What this device holds: the API cache, and the boards' IndexedDB databases. */
function deviceCopy(page: Page) {
  return page.evaluate(async () => ({
    apiCache: await caches.has("samverkan-api"),
    boards: (await indexedDB.databases())
      .map((db) => db.name ?? "")
      .filter((name) => name.startsWith("samverkan-board-")),
  }));
}

describe.skipIf(!browserSuiteEnabled())("the app starts offline", () => {
  let f: BrowserFixture;
  let boardId: string;
  let otherBoardId: string;

  beforeAll(async () => {
    // Built as `npm run build` builds (vitest sets NODE_ENV=test, which would give Vite's development
    // flavour of Lit), so the first-load budget below is the production one.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      f = await startBrowserFixture();
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    const boards = `/api/workspaces/${f.workspaceId}/boards`;
    boardId = (await f.people.convener.post(boards, { kind: "focus", title: "Hemsjukvård" })).body.board.id;
    otherBoardId = (await f.people.convener.post(boards, { kind: "focus", title: "Växelvård" })).body.board.id;
  }, 120_000);

  afterAll(() => f?.close());

  it("a focus board's first load downloads at most 100 KB of compressed JavaScript", async () => {
    const scripts: Response[] = [];
    const record = async (context: BrowserContext) =>
      context.on("response", (response) => {
        // The page's own downloads; the service worker's precache (after the page is up) is not first load.
        if (response.request().resourceType() === "script" && !response.request().serviceWorker())
          scripts.push(response);
      });
    const { page } = await f.open("nurse", `/boards/${boardId}`, record);
    await page.getByRole("heading", { level: 1, name: "Hemsjukvård" }).waitFor();
    await page.getByRole("region", { name: /^Idé/ }).waitFor();
    let bytes = 0;
    for (const response of [...scripts]) {
      const sizes = await response.request().sizes();
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      expect(await response.headerValue("content-encoding"), response.url()).toBe("br");
    }
    console.log(`focus board, first load: ${scripts.length} scripts, ${(bytes / 1024).toFixed(1)} KB as sent`);
    expect(scripts.map((r) => new URL(r.url()).pathname).join(" ")).not.toMatch(/editor|minutes|plan-board/);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
  });

  it("reloads a board offline, moves between home and board, syncs an offline edit, and forgets everything at sign-out", async () => {
    const { page, context } = await f.open("nurse", `/boards/${boardId}`);
    await page.getByRole("heading", { level: 1, name: "Hemsjukvård" }).waitFor();
    await page.getByText("Ansluten").waitFor();
    await page.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill("Trygg hemgång");
    await page.getByRole("button", { name: "Lägg till" }).click();
    await page.getByRole("button", { name: "Öppna Trygg hemgång" }).waitFor();
    // The first visit: the service worker installs, takes over the page and keeps what it read.
    await keptOnDevice(page, ["/api/auth/me", `/api/boards/${boardId}`]);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Hemsjukvård" }).waitFor();
    await page.getByRole("button", { name: "Öppna Trygg hemgång" }).waitFor();
    await page.getByText("Du är offline").waitFor();
    await page.getByText(/^Offline/).waitFor();
    await expectAccessible(page, "board reloaded offline");
    await screenshots(page, "offline-board-reloaded-sv");

    // Home, in the app: it was never opened on this device, so it is not there — said in words.
    await page.getByRole("link", { name: /Tillbaka till samverkan/ }).click();
    await page.getByRole("alert").getByText("Den här sidan finns inte på enheten").waitFor();
    await page.goBack();
    await page.getByRole("button", { name: "Öppna Trygg hemgång" }).waitFor();

    // Online again, the home page is opened once; from then on it opens offline too.
    await context.setOffline(false);
    await page.getByText("Ansluten").waitFor();
    await page.getByRole("link", { name: /Tillbaka till samverkan/ }).click();
    await page.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor();
    await keptOnDevice(page, [`/api/workspaces/${f.workspaceId}`, `/api/workspaces/${f.workspaceId}/boards`]);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor();
    const boards = page.getByRole("region", { name: "Tavlor" });
    const here = boards.getByRole("listitem").filter({ hasText: "Hemsjukvård" });
    const notHere = boards.getByRole("listitem").filter({ hasText: "Växelvård" });
    await here.getByText("Tillgänglig offline").waitFor();
    await notHere.getByText("Inte sparad på enheten").waitFor();
    await expectAccessible(page, "partnership home offline");
    await screenshots(page, "offline-home-sv");

    // A board never opened here: said in words, not the browser's error page.
    await notHere.getByRole("link", { name: "Växelvård" }).click();
    await page.getByText("Den här tavlan finns inte sparad på enheten").waitFor();
    expect(page.url()).toContain(`/boards/${otherBoardId}`);
    await page.goBack();

    // Back to the board stored here, in the app, and an edit made offline.
    await here.getByRole("link", { name: "Hemsjukvård" }).click();
    await page.getByRole("button", { name: "Öppna Trygg hemgång" }).waitFor();
    await page.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill("Läkemedelsgenomgång offline");
    await page.getByRole("button", { name: "Lägg till" }).click();
    await page.getByRole("button", { name: "Öppna Läkemedelsgenomgång offline" }).waitFor();
    await page.getByText(/^Offline/).waitFor();

    // The network returns: the edit reaches the server and the convener sees it.
    await context.setOffline(false);
    await page.getByText("Ansluten").waitFor();
    const convener = await f.open("convener", `/boards/${boardId}`);
    await convener.page.getByRole("button", { name: "Öppna Läkemedelsgenomgång offline" }).waitFor();

    // Signing out forgets the person's answers and boards on this device.
    expect((await deviceCopy(page)).boards).toContain(`samverkan-board-${boardId}`);
    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    await expect.poll(() => deviceCopy(page), { interval: 100 }).toEqual({ apiCache: false, boards: [] });
    // Offline now, a board address asks for signing in and shows nothing of the board.
    await context.setOffline(true);
    await page.goto(`/boards/${boardId}`);
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    expect(await page.getByText("Trygg hemgång").count()).toBe(0);
  });

  it("a session that ended forgets the answers at once, and another person signing in on the device removes the boards", async () => {
    // The nurse signed out above (which ended her session on the server too): the observer this time.
    const { page, context } = await f.open("observer", `/boards/${boardId}`);
    await page.getByRole("button", { name: "Öppna Trygg hemgång" }).waitFor();
    await keptOnDevice(page, ["/api/auth/me", `/api/boards/${boardId}`]);

    // The session cookie is gone (expired, ended elsewhere): the next start hears 401 from /api/auth/me.
    await context.clearCookies();
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    const stillKept = () =>
      page.evaluate(
        async (paths) => {
          const cache = await caches.open("samverkan-api");
          return (await Promise.all(paths.map((path) => cache.match(path)))).some(Boolean);
        },
        ["/api/auth/me", `/api/boards/${boardId}`],
      );
    await expect.poll(stillKept, { interval: 100 }).toBe(false);
    // The board's copy may hold edits never sent: it waits for whoever signs in next.
    expect((await deviceCopy(page)).boards).toContain(`samverkan-board-${boardId}`);

    // Someone else signs in (to the start page, so no board of theirs is opened yet).
    await page.goto("/sign-in");
    await page.getByLabel("E-postadress").fill("admin@lekeberg.example.se");
    await page.getByLabel("Lösenord", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("heading", { level: 1, name: "Mina samverkansytor" }).waitFor();
    await expect.poll(async () => (await deviceCopy(page)).boards, { interval: 100 }).toEqual([]);
  });

  it("a part of the app that cannot be fetched says so, with a way to reload, instead of failing silently", async () => {
    const { page } = await f.open("convener", `/boards/${boardId}`, async (context) => {
      // A browser without a service worker, whose download of the rich-text editor fails.
      await context.addInitScript(() => {
        delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
      });
      await context.route(/\/assets\/editor-[^/]+\.js$/, (route) => route.abort("internetdisconnected"));
    });
    await page.getByRole("button", { name: "Öppna Trygg hemgång" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Den här delen av appen kunde inte hämtas. Ladda om sidan för att försöka igen.").waitFor();
    await dialog.getByRole("button", { name: "Ladda om" }).waitFor();
    await expectAccessible(page, "a part that could not be loaded");
    await screenshots(page, "lazy-part-failed-sv");
  });
});
