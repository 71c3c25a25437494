import { rm } from "node:fs/promises";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { ApiClient } from "../helpers/api-client.js";
import {
  browserSuiteEnabled,
  buildWeb,
  expectAccessible,
  freePort,
  launchBrowser,
  screenshot,
} from "../helpers/browser.js";
import { createOrganization, createWorkspace } from "../helpers/factories.js";
import { startTestServer, type TestServer } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

const PASSWORD = "Rondtavla-2026";

describe.skipIf(!browserSuiteEnabled())(
  "the web app's shell in Chromium: setup, sign-in, invitation, home, language",
  () => {
    let database: Database;
    let server: TestServer;
    let browser: Browser;
    let webDir: string;
    let origin: string;
    const contexts: BrowserContext[] = [];

    async function newPage(): Promise<Page> {
      const context = await browser.newContext({ baseURL: origin, locale: "sv-SE" });
      // Shorter than the test's own timeout, so a wait that fails says what it waited for.
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => {
        throw error;
      });
      return page;
    }

    beforeAll(async () => {
      webDir = await buildWeb();
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      database = await createTestDatabase();
      server = await startTestServer(database, { publicOrigin: origin }, undefined, {}, { dir: webDir, port });
      browser = await launchBrowser();
    }, 120_000);

    afterAll(async () => {
      for (const c of contexts) await c.close();
      await browser?.close();
      await server?.close();
      await database?.close();
      if (webDir) await rm(webDir, { recursive: true, force: true });
    });

    it("guides the first person through setup, in Swedish by default, and passes axe", async () => {
      const page = await newPage();
      await page.goto("/");
      await page.getByRole("heading", { level: 1, name: "Kom igång" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/setup");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("sv");
      await expectAccessible(page, "setup");
      await screenshot(page, "setup-sv");

      // Submitting empty fields marks them, without a round trip.
      await page.getByRole("button", { name: "Skapa administratör" }).click();
      await page.getByText("Obligatoriskt").first().waitFor();
      await expectAccessible(page, "setup with errors");

      await page.getByLabel("Namn").fill("Anna Administratör");
      await page.getByLabel("E-postadress").fill("admin@lekeberg.example.se");
      // Typing in a marked field takes its mark away.
      await expect(page.getByText("Obligatoriskt").count()).resolves.toBe(1);

      // The server's refusal in Swedish, naming what the field must hold (its own words are English).
      await page.getByLabel("Lösenord").fill("kort");
      await page.getByRole("button", { name: "Skapa administratör" }).click();
      await page.getByRole("alert").filter({ hasText: "Rätta det som är markerat nedan." }).waitFor();
      await page.getByText("Lösenordet ska ha minst 8 och högst 128 tecken.").waitFor();
      await expect(page.getByText(/Invalid request|A password/).count()).resolves.toBe(0);
      await page.getByLabel("Lösenord").fill(PASSWORD);
      await expect(page.getByText("Lösenordet ska ha minst 8").count()).resolves.toBe(0);
      await page.getByRole("button", { name: "Skapa administratör" }).click();
      // Not a dead end: on to the first partnership (test/e2e/first-run.test.ts goes on from here).
      await page.getByRole("heading", { level: 1, name: "Skapa er första samverkan" }).waitFor();
      await page.getByRole("link", { name: "Samverkan", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Mina samverkansytor" }).waitFor();
      await page.getByText("Du är inte med i någon samverkan än").waitFor();
      await page.getByRole("link", { name: "Skapa er första samverkan" }).waitFor();
      await expectAccessible(page, "empty partnerships list");
    });

    it("signs in and out, telling a wrong password apart in plain Swedish", async () => {
      const page = await newPage();
      await page.goto("/workspaces/00000000-0000-4000-8000-000000000000");
      await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
      expect(new URL(page.url()).searchParams.get("next")).toBe("/workspaces/00000000-0000-4000-8000-000000000000");
      await expectAccessible(page, "sign-in");
      await screenshot(page, "sign-in-sv");

      await page.getByLabel("E-postadress").fill("admin@lekeberg.example.se");
      await page.getByLabel("Lösenord").fill("fel-lösenord");
      await page.getByRole("button", { name: "Logga in" }).click();
      await expect(page.getByRole("alert").textContent()).resolves.toContain("Fel e-postadress eller lösenord.");
      await expectAccessible(page, "sign-in refused");

      await page.getByLabel("Lösenord").fill(PASSWORD);
      await page.getByRole("button", { name: "Logga in" }).click();
      // Back where they were going: a partnership that does not exist (for them).
      await page.getByText("Sidan finns inte, eller så har du inte tillgång till den.").waitFor();
      await page.getByRole("button", { name: "Logga ut" }).click();
      await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    });

    it("a new person accepts an invitation, lands on the partnership's home, and can switch to English", async () => {
      const admin = new ApiClient(server.app, origin);
      const login = await admin.post("/api/auth/login", { email: "admin@lekeberg.example.se", password: PASSWORD });
      expect(login.status).toBe(200);
      const org = await createOrganization(admin, "Capio Vårdcentral Lekeberg");
      const ws = await createWorkspace(admin, "Nära vård Lekeberg", org.id);
      const invitation = await admin.post(`/api/workspaces/${ws.id}/invitations`, {
        email: "eva.sjukskoterska@lekeberg.example.se",
        role: "member",
        organizationId: org.id,
      });
      expect(invitation.status).toBe(201);

      const page = await newPage();
      await page.goto(new URL(invitation.body.url).pathname);
      await page.getByText("Du är inbjuden till Nära vård Lekeberg som medlem.").waitFor();
      await expectAccessible(page, "invitation");
      await screenshot(page, "invitation-sv");
      await page.getByLabel("Namn").fill("Eva Sjuksköterska");
      await page.getByLabel("Lösenord").fill(PASSWORD);
      await page.getByRole("button", { name: "Gå med" }).click();

      await page.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Fokusområden" }).waitFor();
      await page.getByText("Din roll: medlem").waitFor();
      await expectAccessible(page, "partnership home");
      await screenshot(page, "workspace-home-sv");

      await page.getByRole("button", { name: "In English" }).click();
      await page.getByRole("heading", { level: 2, name: "Focus areas" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      await page.reload();
      await page.getByText("Your role: member").waitFor();
      await expectAccessible(page, "partnership home in English");
      await screenshot(page, "workspace-home-en");
      await page.getByRole("link", { name: "Samverkan" }).click();
      await page.getByRole("link", { name: "Nära vård Lekeberg" }).waitFor();
      await expectAccessible(page, "partnerships list in English");
    });

    it("the header keeps one row from tablet to desktop, and the name stays beside Logga ut on a phone", async () => {
      const page = await newPage();
      await page.goto("/admin");
      await page.getByLabel("E-postadress").fill("admin@lekeberg.example.se");
      await page.getByLabel("Lösenord").fill(PASSWORD);
      await page.getByRole("button", { name: "Logga in" }).click();
      await page.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
      const header = page.locator("header");
      const box = async (l: Locator) => {
        const b = await l.boundingBox();
        if (!b) throw new Error("not on screen");
        return { ...b, middle: b.y + b.height / 2 };
      };
      for (const [width, height] of [
        [820, 1180],
        [1180, 820],
        [1280, 800],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        const brand = await box(header.getByRole("link", { name: "Samverkan", exact: true }));
        const signOut = await box(header.getByRole("button", { name: "Logga ut" }));
        const name = await box(header.getByText("Anna Administratör", { exact: true }));
        // Who is signed in and the way out are read together, on every screen.
        expect(Math.abs(name.middle - signOut.middle), `${width}×${height}`).toBeLessThan(4);
        expect(signOut.x + signOut.width, `${width}×${height}`).toBeLessThanOrEqual(width);
        // From a tablet up, one row: "Logga ut" no longer wraps onto a line of its own.
        if (width >= 820) expect(Math.abs(brand.middle - signOut.middle), `${width}×${height}`).toBeLessThan(4);
        await screenshot(page, `header-admin-${width}x${height}`);
      }
      await expectAccessible(page, "administration on a phone");
    });
  },
);
