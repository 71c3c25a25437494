/**
 * Every screen of the demo partnership at the four sizes people use (a phone at 390×844, a tablet
 * upright and on its side, a laptop at 1280×800), as the convener, a member and the admin see it:
 * nothing wider than the screen (a wide table or the board's columns scroll inside their own box),
 * axe with no violations, and a full-page screenshot of each kept in test-artifacts/screenshots
 * ("screen-<name>-<size>.png") for a person to look at.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { sessionCookieName } from "../../server/middleware/session.js";
import { type DemoSummary, seedDemo } from "../../server/seed/demo.js";
import { sv } from "../../web/src/i18n/sv.js";
import { ApiClient } from "../helpers/api-client.js";
import {
  browserSuiteEnabled,
  buildWeb,
  expectAccessible,
  freePort,
  launchBrowser,
  screenshot,
} from "../helpers/browser.js";
import { startTestServer, type TestServer } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 820, height: 1180 },
  { name: "tablet-wide", width: 1180, height: 820 },
  { name: "desktop", width: 1280, height: 800 },
];

/**
 * How far the page is wider than the screen, in CSS pixels (0 when nothing sticks out sideways),
 * and the outermost elements that stick out (through shadow roots), to say what to fix.
 */
function sidewaysOverflow(page: Page): Promise<{ by: number; what: string[] }> {
  return page.evaluate(() => {
    const what: string[] = [];
    const walk = (root: Element | ShadowRoot) => {
      for (const el of Array.from(root.children)) {
        const box = el.getBoundingClientRect();
        if (box.right > window.innerWidth + 1 && box.width > 0) {
          const inner = what.length;
          if (el.shadowRoot) walk(el.shadowRoot);
          walk(el);
          if (what.length === inner) what.push(`${el.localName}.${el.className} (${Math.round(box.right)} px)`);
        } else if (getComputedStyle(el).overflowX === "visible") {
          // What a scrolling box holds scrolls inside it; only what spills out of a box counts.
          if (el.shadowRoot) walk(el.shadowRoot);
          walk(el);
        }
      }
    };
    walk(document.body);
    return { by: document.documentElement.scrollWidth - window.innerWidth, what: what.slice(0, 5) };
  });
}

/** The text on the page, through every shadow root. */
function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Node) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? "");
        if (!(node instanceof Element) || node.localName === "style" || node.localName === "script") continue;
        if (node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    };
    walk(document.body);
    return out.join("");
  });
}

describe.skipIf(!browserSuiteEnabled())("every screen at a phone's, a tablet's and a laptop's size", () => {
  let database: Database;
  let server: TestServer;
  let demo: DemoSummary;
  let origin = "";
  let webDir = "";
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const contexts: BrowserContext[] = [];

  async function signedIn(email: string): Promise<Page> {
    const client = new ApiClient(server.app, origin);
    const res = await client.post("/api/auth/login", { email, password: demo.password });
    expect(res.status).toBe(200);
    const [name = "", value = ""] = ((client.cookie ?? "").split(";")[0] ?? "").split("=");
    expect(name).toBe(sessionCookieName(origin));
    const context = await browser.newContext({ baseURL: origin, locale: "sv-SE" });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    await context.addCookies([{ name, value, url: origin }]);
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    return page;
  }

  const email = (key: string) => demo.accounts.find((a) => a.key === key)?.email ?? "";
  const board = (kind: keyof DemoSummary["boardIds"]) => demo.boardIds[kind][0] ?? "";

  async function walk(page: Page, screens: [string, string, (page: Page) => Promise<unknown>][]) {
    const problems: string[] = [];
    for (const [name, path, ready] of screens) {
      await page.setViewportSize(SIZES[SIZES.length - 1]!);
      await page.goto(path);
      await ready(page);
      expect(await shownText(page), `${name} is the screen itself`).not.toContain(sv["error.notFound"]);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        // Layout follows the new width (ResizeObserver, media queries) before anything is measured.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const overflow = await sidewaysOverflow(page);
        expect.soft(overflow.by > 0 ? overflow : 0, `${name} at ${size.name} is wider than the screen`).toBe(0);
        await screenshot(page, `screen-${name}-${size.name}`);
        // A caption or fact with nothing in it ("()") is a gap in the words, not just in the layout.
        expect.soft(await shownText(page), `${name} shows empty brackets`).not.toMatch(/\(\s*\)/);
      }
      // Every screen is checked, then every problem found is reported together.
      await expectAccessible(page, name).catch((e: Error) => problems.push(e.message));
    }
    expect(problems).toEqual([]);
  }

  const heading = (page: Page) => page.locator("h1").first().waitFor();
  const connected = (page: Page) => page.getByText("Ansluten", { exact: true }).first().waitFor();

  beforeAll(async () => {
    webDir = await buildWeb();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    database = await createTestDatabase();
    server = await startTestServer(database, { publicOrigin: origin }, undefined, {}, { dir: webDir, port });
    demo = await seedDemo({ db: database.db, services: server.services });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it("the convener's screens: home, partnership, boards, lists, follow-up and records", async () => {
    const page = await signedIn(email("convener"));
    const ws = demo.workspaceId;
    await walk(page, [
      ["home", "/", heading],
      ["partnership", `/workspaces/${ws}`, heading],
      ["members", `/workspaces/${ws}/members`, heading],
      ["audit", `/workspaces/${ws}/audit`, heading],
      ["actions", `/workspaces/${ws}/actions`, heading],
      ["decisions", `/workspaces/${ws}/decisions`, heading],
      ["decision-points", `/workspaces/${ws}/decision-points`, heading],
      ["decision-point", `/workspaces/${ws}/decision-points/${demo.decisionPointId}`, heading],
      ["reports", `/workspaces/${ws}/reports`, heading],
      ["report", `/workspaces/${ws}/reports/${demo.reportId}`, heading],
      ["steering", `/workspaces/${ws}/steering`, heading],
      ["focus-board", `/boards/${board("focus")}`, connected],
      ["plan", `/boards/${board("plan")}`, connected],
      ["minutes", `/boards/${board("minutes")}`, connected],
      ["indicators", `/boards/${board("followup")}`, connected],
      ["roadmap", `/boards/${board("roadmap")}`, connected],
      ["history", `/boards/${board("focus")}/history`, heading],
    ]);
    // On a phone the header is two rows (brand with search and bell; language, name, sign-out), not three.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/workspaces/${ws}`);
    await heading(page);
    const header = await page.locator("header").boundingBox();
    expect(header?.height).toBeLessThanOrEqual(2 * 44 + 3 * 8 + 2);
  }, 600_000);

  it("the admin's screens and the sign-in page", async () => {
    const page = await signedIn(email("admin"));
    await walk(page, [
      ["admin-organizations", "/admin/organizations", heading],
      ["admin-accounts", "/admin/users", heading],
      ["admin-partnerships", "/admin/partnerships", heading],
      ["admin-new-partnership", "/admin/partnerships/new", heading],
      ["instance-audit", "/audit", heading],
    ]);
    const context = await browser.newContext({ baseURL: origin, locale: "sv-SE" });
    contexts.push(context);
    await walk(await context.newPage(), [["sign-in", "/sign-in", heading]]);
  }, 300_000);
});
