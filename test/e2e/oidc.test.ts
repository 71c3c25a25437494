/**
 * Sign-in through the organisation's identity provider in Chromium, against a real OpenID
 * provider on loopback: the whole redirect dance, joining through an invitation, the deep link
 * kept, and sign-out through the provider's end-session page.
 */
import { rm } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
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
import { createOrganization, createWorkspace, setupAdmin } from "../helpers/factories.js";
import { discoverForTest, oidcConfig } from "../helpers/oidc-app.js";
import { startTestProvider, type TestProvider } from "../helpers/oidc-provider.js";
import { startTestServer, type TestServer } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe.skipIf(!browserSuiteEnabled())("sign-in through the identity provider in Chromium", () => {
  let webDir: string;
  let origin: string;
  let idp: TestProvider;
  let database: Database;
  let server: TestServer;
  let browser: Browser;
  let workspaceId: string;
  let invitationUrl: string;
  let secondInvitationUrl: string;

  beforeAll(async () => {
    webDir = await buildWeb();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    idp = await startTestProvider([origin]);
    idp.accounts.set("alice", { email: "alice@lekeberg.se", email_verified: true, name: "Alice Andersson" });
    database = await createTestDatabase();
    const settings = oidcConfig(idp.issuer);
    const oidc = await discoverForTest(settings);
    server = await startTestServer(
      database,
      { publicOrigin: origin, oidc: settings },
      undefined,
      {},
      { dir: webDir, port, oidc },
    );
    const convener = new ApiClient(server.app, origin);
    await setupAdmin(convener);
    const org = await createOrganization(convener, "Lekebergs kommun");
    workspaceId = (await createWorkspace(convener, "Nära vård Lekeberg", org.id)).id;
    const inv = await convener.post(`/api/workspaces/${workspaceId}/invitations`, {
      email: "alice@lekeberg.se",
      role: "member",
      organizationId: org.id,
    });
    invitationUrl = inv.body.url;
    const second = await convener.post(`/api/workspaces/${workspaceId}/invitations`, {
      email: "bo@lekeberg.se",
      role: "observer",
      organizationId: org.id,
    });
    secondInvitationUrl = second.body.url;
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
    await idp?.close();
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });

  async function newPage(width = 1280, height = 800): Promise<Page> {
    const context = await browser.newContext({ baseURL: origin, locale: "sv-SE", viewport: { width, height } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    return page;
  }

  async function logInAtProvider(page: Page, login = "alice") {
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByRole("heading", { name: "Logga in hos testleverantören" }).waitFor();
    await page.getByLabel("Användarnamn").fill(login);
    await page.getByRole("button", { name: "Fortsätt" }).click();
  }

  it("joins a partnership from an invitation through the provider, then signs out there and in again on a deep link", async () => {
    const page = await newPage();
    await page.goto(new URL(invitationUrl).pathname);
    const join = page.getByRole("link", { name: "Gå med – logga in med Region Örebro län" });
    await join.waitFor();
    await expectAccessible(page, "invitation page with the provider");
    await screenshot(page, "oidc-invitation-desktop");
    await join.click();
    await logInAtProvider(page);
    await page.waitForURL(`${origin}/workspaces/${workspaceId}`);
    await page.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor();
    await page.getByText("Alice Andersson").first().waitFor();

    // Signing out ends the provider's session too: its end-session page, then back to us.
    await page.getByRole("button", { name: "Logga ut" }).click();
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.getByRole("button", { name: /sign me out/i }).click();
    await page.waitForURL((url) => url.origin === origin && url.pathname === "/sign-in");
    expect((await page.context().cookies(origin)).map((c) => c.name)).not.toContain("samverkan_session");

    // A deep link while signed out: the sign-in page, the provider asks again (its session ended), back on the link.
    await page.goto(`/workspaces/${workspaceId}/actions`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole("link", { name: "Logga in med Region Örebro län" }).click();
    await logInAtProvider(page);
    await page.waitForURL(`${origin}/workspaces/${workspaceId}/actions`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    expect((await page.context().cookies(origin)).map((c) => c.name)).toContain("samverkan_session");
  });

  it("the sign-in page offers the provider, explains a refused sign-in, and passes axe on tablet and desktop", async () => {
    for (const [width, height, name] of [
      [820, 1180, "tablet"],
      [1280, 800, "desktop"],
    ] as const) {
      const page = await newPage(width, height);
      await page.goto("/sign-in");
      await page.getByRole("link", { name: "Logga in med Region Örebro län" }).waitFor();
      await page.getByRole("heading", { name: "Eller logga in med e-post och lösenord" }).waitFor();
      await page.getByLabel("Lösenord").waitFor();
      await expectAccessible(page, `sign-in with the provider (${name})`);
      await screenshot(page, `oidc-sign-in-${name}`);

      await page.goto("/sign-in?error=oidc_denied");
      await page.getByRole("alert").filter({ hasText: "Inloggningen avbröts hos Region Örebro län." }).waitFor();
      await expectAccessible(page, `sign-in after a cancelled sign-in (${name})`);
      await screenshot(page, `oidc-sign-in-error-${name}`);
      await page.context().close();
    }
  });

  it("with LOCAL_PASSWORDS=false only the provider is offered, on the sign-in and the invitation page", async () => {
    const port = await freePort();
    const settings = oidcConfig(idp.issuer);
    const oidcOnly = await startTestServer(
      database,
      { publicOrigin: `http://127.0.0.1:${port}`, oidc: settings, localPasswords: false },
      undefined,
      {},
      { dir: webDir, port, oidc: await discoverForTest(settings) },
    );
    try {
      const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 820, height: 1180 } });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/sign-in`);
      await page.getByRole("link", { name: "Logga in med Region Örebro län" }).waitFor();
      expect(await page.getByLabel("Lösenord").count()).toBe(0);
      await expectAccessible(page, "sign-in with the provider only");
      await screenshot(page, "oidc-only-sign-in-tablet");

      await page.goto(`http://127.0.0.1:${port}${new URL(secondInvitationUrl).pathname}`);
      await page.getByRole("link", { name: "Gå med – logga in med Region Örebro län" }).waitFor();
      await page.getByRole("button", { name: "Tacka nej" }).waitFor();
      expect(await page.getByLabel("Lösenord").count()).toBe(0);
      expect(await page.getByText("Logga in för att tacka ja").count()).toBe(0);
      await expectAccessible(page, "invitation with the provider only");
      await screenshot(page, "oidc-only-invitation-tablet");
      await context.close();
    } finally {
      await oidcOnly.close();
    }
  });

  it("cancelling at the provider comes back to the sign-in page with the reason", async () => {
    const page = await newPage();
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Logga in med Region Örebro län" }).click();
    await logInAtProvider(page, "deny");
    await page.waitForURL(/\/sign-in\?error=oidc_denied/);
    await page.getByRole("alert").filter({ hasText: "Inloggningen avbröts" }).waitFor();
  });
});
