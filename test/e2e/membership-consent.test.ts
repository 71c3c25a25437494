/**
 * Membership by consent in Chromium: an invitation waits on the invitee's partnerships page and on
 * its link page until they accept or decline; removing a member with open actions asks whom to
 * hand them to. axe-core on every new screen, at the tablet and laptop sizes.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAction } from "../../shared/boards/focus.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { inviteAndJoin } from "../helpers/factories.js";

const SIZES = [
  { width: 820, height: 1180, name: "tablet" },
  { width: 1280, height: 800, name: "laptop" },
];

/** axe and a screenshot at both sizes; nothing may need sideways scrolling. */
async function checkScreen(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${size.name}-sv`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${name} fits ${size.width}×${size.height}`).toBeLessThanOrEqual(size.width);
    await expectAccessible(page, `${name}, ${size.name}`);
  }
}

describe.skipIf(!browserSuiteEnabled())("membership by consent in Chromium", () => {
  let f: BrowserFixture;

  beforeAll(async () => {
    f = await startBrowserFixture();
  }, 120_000);
  afterAll(() => f?.close());

  it("the invitee accepts one invitation and declines another on their partnerships page", async () => {
    // Eva (not the instance admin) convenes partnerships of her own and adds Lena: an invitation.
    const eva = f.people.nurse;
    const lena = (await f.people.observer.get("/api/auth/me")).body.user as { email: string };
    const orgId = (await eva.get("/api/organizations")).body.organizations[0].id as string;
    for (const name of ["Äldreomsorg Öst", "Rehab Väst"]) {
      const ws = (await eva.post("/api/workspaces", { name, organizationId: orgId })).body.workspace;
      const added = await eva.post(`/api/workspaces/${ws.id}/members`, {
        email: lena.email,
        role: "member",
        organizationId: orgId,
      });
      expect(added.status).toBe(202);
    }

    const { page } = await f.open("observer", "/");
    await page.getByRole("heading", { level: 2, name: "Inbjudningar till dig" }).waitFor();
    await page.getByText("Som medlem, för Lekebergs kommun").first().waitFor();
    await page.getByText("Inbjuden av Eva Sjuksköterska").first().waitFor();
    await checkScreen(page, "consent-my-invitations");

    await page.getByRole("button", { name: "Tacka nej till Rehab Väst" }).click();
    await page.getByRole("status").filter({ hasText: "Du har tackat nej till inbjudan." }).waitFor();
    await expect.poll(() => page.getByText("Rehab Väst").count()).toBe(0);

    await page.getByRole("button", { name: "Tacka ja till Äldreomsorg Öst" }).click();
    await page.getByRole("heading", { level: 1, name: "Äldreomsorg Öst" }).waitFor();
    const mine = (await f.people.observer.get("/api/workspaces")).body.workspaces.map((w: { name: string }) => w.name);
    expect(mine).toContain("Äldreomsorg Öst");
    expect(mine).not.toContain("Rehab Väst");
  });

  it("the invitation link offers sign-in, a new account or declining, signed out; accept or decline signed in", async () => {
    const created = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/invitations`, {
      email: "ny.kurator@lekeberg.example.se",
      role: "observer",
      organizationId: (await f.people.convener.get("/api/organizations")).body.organizations[0].id,
    });
    const path = new URL(created.body.url).pathname;
    const { page, context } = await f.open("observer", path);
    // Signed in as someone else: told so.
    await page.getByRole("alert").filter({ hasText: "Inbjudan gäller ny.kurator@lekeberg.example.se" }).waitFor();
    await context.clearCookies();
    await page.reload();
    // A reload on a machine busy with the rest of the suite once took over the default 10 s.
    await page.getByRole("heading", { level: 1, name: "Inbjudan" }).waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Logga in för att tacka ja" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Nytt konto" }).waitFor();
    await checkScreen(page, "consent-invitation-signed-out");
    await page.getByRole("button", { name: "Tacka nej" }).click();
    await page.getByRole("status").filter({ hasText: "Du har tackat nej till inbjudan." }).waitFor();
    expect((await f.people.convener.fresh().get(`/api${path}`)).status).toBe(410);

    // Signed in as the invited address, the link page accepts.
    const lena = (await f.people.observer.get("/api/auth/me")).body.user.email as string;
    const other = (await f.people.convener.post("/api/workspaces", { name: "Palliativt nätverk" })).body.workspace;
    const forLena = await f.people.convener.post(`/api/workspaces/${other.id}/invitations`, {
      email: lena,
      role: "member",
      organizationId: (await f.people.convener.get("/api/organizations")).body.organizations[0].id,
    });
    const signedIn = (await f.open("observer", new URL(forLena.body.url).pathname)).page;
    await signedIn.getByRole("button", { name: "Tacka ja" }).waitFor();
    await expectAccessible(signedIn, "invitation, signed in as the invited address");
    await signedIn.getByRole("button", { name: "Tacka ja" }).click();
    await signedIn.getByRole("heading", { level: 1, name: "Palliativt nätverk" }).waitFor();
  });

  it("removing a member with open actions asks whom to hand them to; a former member's are offered too", async () => {
    const convener = f.people.convener;
    const orgId = (await convener.get("/api/organizations")).body.organizations[0].id as string;
    const me = (await convener.get("/api/auth/me")).body.user.id as string;
    const tor = await inviteAndJoin(convener, f.workspaceId, "member", orgId, "Tor Tillfällig");
    const fia = await inviteAndJoin(convener, f.workspaceId, "member", orgId, "Fia Flyttar");
    const board = (
      await convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: "focus", title: "Trygg hemgång" })
    ).body.board.id as string;
    await f.server.services.boardEditor.edit(board, "focus", me, (doc) => {
      for (const title of ["Kartlägga utskrivningar", "Ringa hemtjänsten", "Skriva rutin"])
        addAction(doc, { title, ownerId: tor.user.id, status: "planned" });
      addAction(doc, { title: "Klar sak", ownerId: tor.user.id, status: "done" });
      addAction(doc, { title: "Följa upp fallrisk", ownerId: fia.user.id, status: "in_progress" });
    });
    // Fia leaves on her own; her action stays hers until the convener hands it on.
    expect((await fia.client.delete(`/api/workspaces/${f.workspaceId}/members/${fia.user.id}`)).status).toBe(204);
    await expect
      .poll(
        async () => (await convener.get(`/api/workspaces/${f.workspaceId}/members/open-actions`)).body.owners.length,
      )
      .toBe(2);

    const { page } = await f.open("convener", `/workspaces/${f.workspaceId}/members`);
    await page.getByRole("heading", { level: 2, name: "Öppna aktiviteter hos tidigare medlemmar" }).waitFor();
    await page.getByText("1 öppen aktivitet").waitFor();
    await page.getByRole("button", { name: "Ta bort: Tor Tillfällig" }).click();
    await page.getByRole("heading", { level: 2, name: "Ta bort Tor Tillfällig" }).waitFor();
    await page.getByText("Tor Tillfällig är ansvarig för 3 öppna aktiviteter. Vem ska ta över?").waitFor();
    await page.getByRole("combobox", { name: "Lämna över till: Tor Tillfällig" }).selectOption({
      label: "Eva Sjuksköterska",
    });
    await checkScreen(page, "consent-remove-with-handover");
    await page.getByRole("button", { name: "Ta bort Tor Tillfällig" }).click();
    await page.getByRole("status").filter({ hasText: "Klart: 3 öppna aktiviteter har fått ny ansvarig." }).waitFor();
    await expect.poll(() => page.getByRole("cell", { name: "Tor Tillfällig", exact: true }).count()).toBe(0);

    await page
      .getByRole("combobox", { name: "Lämna över till: Fia Flyttar" })
      .selectOption({ label: "Ingen – lämna utan ansvarig" });
    await page.getByRole("button", { name: "Lämna över" }).click();
    await page.getByRole("status").filter({ hasText: "Klart: 1 öppen aktivitet har fått ny ansvarig." }).waitFor();
    const eva = (await f.people.nurse.get("/api/auth/me")).body.user.id as string;
    await expect
      .poll(async () => (await convener.get(`/api/workspaces/${f.workspaceId}/members/open-actions`)).body.owners)
      .toEqual([{ userId: eva, name: "Eva Sjuksköterska", count: 3, member: true }]);
  });
});
