/**
 * How heavy the web app is on weak Wi-Fi: `npm run bench:web`.
 *
 * Builds the app as `npm run build` does (production), serves it with the real server (PGlite in
 * memory) and opens a focus board in Chromium under DevTools-protocol network throttling (Fast-3G-like:
 * 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip — also on the service worker, whose fetches are
 * not the page's). Reports, per run:
 * - the JavaScript bytes the page downloaded (as sent: compressed), up to the board's content;
 * - time from navigation start to the board's content (its first card) — cold (no cache, no service
 *   worker) and warm (the same browser again: app from the service worker, board from IndexedDB);
 * - the same bytes for a partnership's home page, cold.
 * Figures go to stdout and test-artifacts/web-load.json. Times are reported, never asserted; the
 * browser suite (test/e2e/offline-start.test.ts) asserts the byte budget.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { sessionCookieName } from "../server/middleware/session.js";
import { ApiClient } from "../test/helpers/api-client.js";
import { CHROMIUM, freePort, launchBrowser } from "../test/helpers/browser.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "../test/helpers/factories.js";
import { startTestServer } from "../test/helpers/test-app.js";
import { createTestDatabase } from "../test/helpers/test-database.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = Number(process.env.WEB_LOAD_RUNS ?? 3);
/** Fast 3G as DevTools defines it, in bytes per second and milliseconds. */
const FAST_3G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CARDS = ["Trygg hemgång", "Läkemedelsgenomgång", "Brytpunktssamtal", "Fallprevention", "Samordnad vårdplan"];

interface Load {
  ms: number;
  jsBytes: number;
  jsFiles: number;
  allBytes: number;
}

/** The page's own downloads (not the service worker's) from the DevTools protocol. */
function recordDownloads(cdp: CDPSession) {
  const types = new Map<string, string>();
  const finished: { type: string; bytes: number }[] = [];
  cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e) =>
    finished.push({ type: types.get(e.requestId) ?? "", bytes: e.encodedDataLength }),
  );
  return {
    reset: () => finished.splice(0),
    totals: () => ({
      jsBytes: finished.filter((f) => f.type === "Script").reduce((sum, f) => sum + f.bytes, 0),
      jsFiles: finished.filter((f) => f.type === "Script").length,
      allBytes: finished.reduce((sum, f) => sum + f.bytes, 0),
    }),
  };
}

/**
 * Throttles the service worker too: its fetches (precache, the API answers it passes on) are made by
 * a target of their own, which the page's emulation does not cover. Attached through the browser's
 * protocol session (playwright-core only offers sessions for pages).
 */
async function throttleServiceWorkers(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = await session.send("Target.getTargets");
  let id = 0;
  let throttled = 0;
  for (const target of targetInfos.filter((t) => t.type === "service_worker")) {
    const { sessionId } = await session.send("Target.attachToTarget", { targetId: target.targetId, flatten: false });
    for (const [method, params] of [
      ["Network.enable", {}],
      ["Network.emulateNetworkConditions", FAST_3G],
    ] as const) {
      await session.send("Target.sendMessageToTarget", {
        sessionId,
        message: JSON.stringify({ id: ++id, method, params }),
      });
    }
    throttled++;
  }
  return throttled;
}

async function timeToContent(page: Page, url: string, ready: () => Promise<void>): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  await ready();
  // From the navigation's start, on the page's own clock.
  return page.evaluate(() => performance.now());
}

async function main() {
  process.env.NODE_ENV = "production";
  const { build } = await import("vite");
  const webDir = await mkdtemp(path.join(tmpdir(), "samverkan-web-load-"));
  await build({ configFile: path.join(ROOT, "web", "vite.config.ts"), logLevel: "warn", build: { outDir: webDir } });

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const database = await createTestDatabase("pglite");
  const server = await startTestServer(database, { publicOrigin: origin }, undefined, {}, { dir: webDir, port });
  const convener = new ApiClient(server.app, origin);
  await setupAdmin(convener);
  const org = await createOrganization(convener, "Lekebergs kommun");
  const ws = await createWorkspace(convener, "Nära vård Lekeberg", org.id);
  const nurse = await inviteAndJoin(convener, ws.id, "member", org.id, "Eva Sjuksköterska");
  const board = (await convener.post(`/api/workspaces/${ws.id}/boards`, { kind: "focus", title: "Hemsjukvård" })).body
    .board as { id: string };
  const browser = await launchBrowser();
  const [cookieName = "", cookieValue = ""] = ((nurse.client.cookie ?? "").split(";")[0] ?? "").split("=");
  if (cookieName !== sessionCookieName(origin)) throw new Error(`unexpected session cookie ${cookieName}`);

  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({ baseURL: origin, locale: "sv-SE" });
    context.setDefaultTimeout(60_000);
    await context.addCookies([{ name: cookieName, value: cookieValue, url: origin }]);
    return context;
  };
  const boardUrl = `/boards/${board.id}`;
  const firstCard = (page: Page) => page.getByRole("button", { name: `Öppna ${CARDS[0]}` }).waitFor();

  // The board's content, written once without throttling.
  {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(boardUrl);
    await page.getByText("Ansluten").waitFor();
    for (const title of CARDS) {
      await page.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill(title);
      await page.getByRole("button", { name: "Lägg till" }).click();
      await page.getByRole("button", { name: `Öppna ${title}` }).waitFor();
    }
    await context.close();
  }

  const runs: { cold: Load; warm: Load; warmServiceWorkerThrottled: boolean; home: Load }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", FAST_3G);
    const downloads = recordDownloads(cdp);

    const coldMs = await timeToContent(page, boardUrl, () => firstCard(page));
    const cold = { ms: coldMs, ...downloads.totals() };
    // Let the service worker install (its precache downloads are its own) and take over.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 120_000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    const swThrottled = (await throttleServiceWorkers(browser)) > 0;

    downloads.reset();
    const warmMs = await timeToContent(page, boardUrl, () => firstCard(page));
    const warm = { ms: warmMs, ...downloads.totals() };
    await context.close();

    const homeContext = await newContext();
    const homePage = await homeContext.newPage();
    const homeCdp = await homeContext.newCDPSession(homePage);
    await homeCdp.send("Network.enable");
    await homeCdp.send("Network.emulateNetworkConditions", FAST_3G);
    const homeDownloads = recordDownloads(homeCdp);
    const homeMs = await timeToContent(homePage, `/workspaces/${ws.id}`, () =>
      homePage.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor(),
    );
    const home = { ms: homeMs, ...homeDownloads.totals() };
    await homeContext.close();
    runs.push({ cold, warm, warmServiceWorkerThrottled: swThrottled, home });
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const summary = {
    when: new Date().toISOString(),
    chromium: CHROMIUM,
    profile: "Fast 3G (CDP): 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT",
    runs,
    median: {
      coldMs: Math.round(median(runs.map((r) => r.cold.ms))),
      warmMs: Math.round(median(runs.map((r) => r.warm.ms))),
      coldJsBytes: median(runs.map((r) => r.cold.jsBytes)),
      warmJsBytes: median(runs.map((r) => r.warm.jsBytes)),
      homeMs: Math.round(median(runs.map((r) => r.home.ms))),
      homeJsBytes: median(runs.map((r) => r.home.jsBytes)),
    },
  };
  await mkdir(path.join(ROOT, "test-artifacts"), { recursive: true });
  await writeFile(path.join(ROOT, "test-artifacts", "web-load.json"), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`Web app on a Fast-3G-like link (CDP throttling), ${RUNS} runs, medians:`);
  console.log(
    `  focus board, cold: ${summary.median.coldMs} ms to content, ${kb(summary.median.coldJsBytes)} of JavaScript (compressed, as sent)`,
  );
  console.log(
    `  focus board, warm (service worker): ${summary.median.warmMs} ms to content, ${kb(summary.median.warmJsBytes)} of JavaScript over the network`,
  );
  console.log(
    `  partnership home, cold: ${summary.median.homeMs} ms to its heading, ${kb(summary.median.homeJsBytes)} of JavaScript`,
  );
  for (const [i, r] of runs.entries()) {
    console.log(
      `  run ${i + 1}: cold ${Math.round(r.cold.ms)} ms / ${kb(r.cold.jsBytes)} in ${r.cold.jsFiles} scripts (all ${kb(r.cold.allBytes)}); ` +
        `warm ${Math.round(r.warm.ms)} ms / ${kb(r.warm.jsBytes)}${r.warmServiceWorkerThrottled ? "" : " (service worker NOT throttled)"}; ` +
        `home ${Math.round(r.home.ms)} ms / ${kb(r.home.jsBytes)}`,
    );
  }

  await browser.close();
  await server.close();
  await database.close();
  await rm(webDir, { recursive: true, force: true });
}

await main();
