/**
 * An empty instance from the first person on: setup, the first partnership with two new
 * organisations, an invitation accepted in another browser; then the admin pages (accounts
 * searched, deactivated and reactivated, an organisation renamed) in Swedish, and once in English.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { PASSWORD } from "../helpers/factories.js";

const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1280, height: 800 };

describe.skipIf(!browserSuiteEnabled())("first run and administration in Chromium", () => {
  let f: BrowserFixture;
  /** The admin's page, signed in through setup; the later tests go on from where it is. */
  let admin: Page;
  let invitationLink = "";

  beforeAll(async () => {
    f = await startBrowserFixture({ empty: true });
  }, 120_000);
  afterAll(() => f?.close());

  async function both(page: Page, name: string, what: string) {
    await expectAccessible(page, what);
    await page.setViewportSize(TABLET);
    await screenshot(page, `${name}-tablet`);
    await page.setViewportSize(DESKTOP);
    await screenshot(page, `${name}-desktop`);
  }

  it("setup leads to the first partnership, with two new organisations, then to inviting people", async () => {
    ({ page: admin } = await f.open(null, "/"));
    await admin.getByRole("button", { name: "Skapa administratör" }).waitFor();
    expect(new URL(admin.url()).pathname).toBe("/setup");
    await admin.getByLabel("Namn").fill("Anna Administratör");
    await admin.getByLabel("E-postadress").fill("admin@lekeberg.example.se");
    await admin.getByLabel("Lösenord").fill(PASSWORD);
    await admin.getByRole("button", { name: "Skapa administratör" }).click();

    await admin.getByRole("heading", { level: 1, name: "Skapa er första samverkan" }).waitFor();
    expect(new URL(admin.url()).pathname).toBe("/admin/partnerships/new");
    await admin.getByLabel("Jag själv (Anna Administratör)").waitFor();
    await both(admin, "first-partnership-sv", "first partnership form");

    // Without an organisation it says what is missing.
    await admin.getByLabel("Samverkans namn").fill("Nära vård Lekeberg");
    await admin.getByRole("button", { name: "Skapa samverkan" }).click();
    await expect(admin.getByRole("alert").textContent()).resolves.toContain(
      "Välj eller skriv in minst en organisation.",
    );
    await expectAccessible(admin, "first partnership, no organisation");

    await admin.getByLabel("Ny organisation 1").fill("Lekebergs kommun");
    await admin.getByRole("button", { name: "Lägg till en organisation till" }).click();
    await admin.getByLabel("Ny organisation 2").fill("Vårdcentralen Lekeberg");
    await admin.getByLabel("Den sammankallandes organisation").selectOption({ label: "Lekebergs kommun" });
    await expectAccessible(admin, "first partnership, filled in");
    await admin.getByRole("button", { name: "Skapa samverkan" }).click();

    // On the new partnership's members page, where people are invited.
    await admin.getByRole("heading", { level: 1, name: "Medlemmar och inbjudningar" }).waitFor();
    await admin.getByRole("cell", { name: "Anna Administratör", exact: true }).waitFor();
    await admin.getByLabel("E-postadress").fill("eva.sjukskoterska@lekeberg.example.se");
    await admin.getByRole("combobox", { name: "Roll", exact: true }).selectOption({ label: "sammankallande" });
    await admin
      .getByRole("combobox", { name: "Organisation", exact: true })
      .selectOption({ label: "Vårdcentralen Lekeberg" });
    await admin.getByRole("button", { name: "Skapa inbjudan" }).click();
    invitationLink = await admin.getByLabel("Inbjudningslänk").inputValue();
    expect(invitationLink).toMatch(new RegExp(`^${f.origin}/invitations/`));
  });

  it("the invited person accepts in another browser and sees the partnership", async () => {
    const { page } = await f.open(null, new URL(invitationLink).pathname);
    await page.getByText("Du är inbjuden till Nära vård Lekeberg som sammankallande.").waitFor();
    await page.getByLabel("Namn").fill("Eva Sjuksköterska");
    await page.getByLabel("Lösenord").fill(PASSWORD);
    await page.getByRole("button", { name: "Gå med" }).click();
    await page.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor();
    // Not the admin: no administration link, and its pages do not exist for her.
    await expect(page.getByRole("link", { name: "Administration" }).count()).resolves.toBe(0);
    await page.goto("/admin/users");
    await page
      .getByRole("heading", { level: 1, name: "Sidan finns inte, eller så har du inte tillgång till den." })
      .waitFor();
    await page.goto("/");
    await page.getByRole("link", { name: "Nära vård Lekeberg" }).waitFor();
  });

  it("the admin searches accounts, sees memberships, deactivates and reactivates one", async () => {
    await admin.getByRole("link", { name: "Administration" }).click();
    await admin.getByRole("heading", { level: 1, name: "Administration" }).waitFor();
    await admin.getByRole("link", { name: "Konton" }).click();
    await admin.getByRole("cell", { name: "eva.sjukskoterska@lekeberg.example.se" }).waitFor();
    await admin.getByLabel("Sök på namn eller e-postadress").fill("sjuksköt");
    await admin.getByRole("button", { name: "Sök", exact: true }).click();
    await admin.getByText("1 konto visas").waitFor();
    await admin.getByText("Nära vård Lekeberg: sammankallande, Vårdcentralen Lekeberg").waitFor();
    await expect(admin.getByRole("cell", { name: "Anna Administratör", exact: false }).count()).resolves.toBe(0);
    await both(admin, "admin-users-sv", "accounts, searched");

    await admin.getByRole("button", { name: "Inaktivera kontot för Eva Sjuksköterska" }).click();
    await admin.getByText("Kontot för Eva Sjuksköterska är inaktiverat.").waitFor();
    await admin.getByRole("cell", { name: "Inaktiverad" }).waitFor();
    await expectAccessible(admin, "accounts, one deactivated");
    const signIn = await f.people.convener.fresh().post("/api/auth/login", {
      email: "eva.sjukskoterska@lekeberg.example.se",
      password: PASSWORD,
    });
    expect(signIn.status).toBe(401);

    await admin.getByRole("button", { name: "Aktivera igen: kontot för Eva Sjuksköterska" }).click();
    await admin.getByText("Kontot för Eva Sjuksköterska är aktivt igen.").waitFor();
    await admin.getByLabel("Sök på namn eller e-postadress").fill("finns inte");
    await admin.getByRole("button", { name: "Sök", exact: true }).click();
    await admin.getByText("Inga konton matchar sökningen.").waitFor();
    await expectAccessible(admin, "accounts, nothing found");
  });

  it("the admin renames an organisation, is told a taken name, and deactivates and reactivates one", async () => {
    await admin.getByRole("link", { name: "Organisationer" }).click();
    await admin.getByRole("cell", { name: "Vårdcentralen Lekeberg", exact: true }).waitFor();
    await both(admin, "admin-organizations-sv", "organisations");

    await admin.getByRole("button", { name: "Byt namn på Lekebergs kommun" }).click();
    await admin.getByLabel("Nytt namn för Lekebergs kommun").fill("Vårdcentralen lekeberg");
    await admin.getByRole("button", { name: "Spara" }).click();
    await expect(admin.getByRole("alert").textContent()).resolves.toContain(
      "Det finns redan en organisation med det namnet.",
    );
    await expectAccessible(admin, "organisations, rename refused");
    await admin.getByLabel("Nytt namn för Lekebergs kommun").fill("Lekebergs kommun, vård och omsorg");
    await admin.getByRole("button", { name: "Spara" }).click();
    await admin.getByText("Organisationen heter nu Lekebergs kommun, vård och omsorg.").waitFor();
    await expect(admin.getByRole("alert").count()).resolves.toBe(0);

    await admin.getByRole("button", { name: "Inaktivera Vårdcentralen Lekeberg" }).click();
    await admin.getByText("Vårdcentralen Lekeberg är inaktiverad.").waitFor();
    await expectAccessible(admin, "organisations, one deactivated");
    await admin.getByRole("button", { name: "Aktivera igen: Vårdcentralen Lekeberg" }).click();
    await admin.getByText("Vårdcentralen Lekeberg är aktiv igen.").waitFor();

    await admin.getByRole("link", { name: "Samverkansytor" }).click();
    await admin.getByText("Organisationer: Lekebergs kommun, vård och omsorg, Vårdcentralen Lekeberg").waitFor();
    await admin.getByText("Sammankallande: Anna Administratör, Eva Sjuksköterska").waitFor();
    await both(admin, "admin-partnerships-sv", "partnerships");

    // No SMTP_URL here: the e-mail page says that no mail is sent, rather than an empty list.
    await admin.getByRole("link", { name: "E-post" }).click();
    await admin
      .getByText("Den här installationen skickar ingen e-post (SMTP_URL är inte satt).", { exact: false })
      .waitFor();
    await expectAccessible(admin, "e-mail page without SMTP");
  });

  it("works in English too", async () => {
    await admin.getByRole("button", { name: "In English" }).click();
    await admin.getByRole("link", { name: "Accounts" }).click();
    await admin.getByLabel("Search by name or e-mail address").fill("EVA");
    await admin.getByRole("button", { name: "Search", exact: true }).click();
    await admin.getByText("1 account shown").waitFor();
    await admin.getByText("Nära vård Lekeberg: convener, Vårdcentralen Lekeberg").waitFor();
    await expectAccessible(admin, "accounts in English");
    await admin.getByRole("link", { name: "Organisations" }).click();
    await admin.getByRole("button", { name: "Rename Vårdcentralen Lekeberg" }).waitFor();
    await admin.getByRole("link", { name: "Partnerships" }).click();
    await admin.getByRole("link", { name: "Create a new partnership" }).click();
    await admin.getByRole("heading", { level: 1, name: "New partnership" }).waitFor();
    await admin.getByLabel("Someone else: send an invitation as convener").check();
    await admin.getByLabel("Name of the partnership").fill("Trygg hemgång");
    await admin.getByLabel("Vårdcentralen Lekeberg").check();
    await admin.getByLabel("The convener's e-mail address").fill("siv@lekeberg.example.se");
    await both(admin, "new-partnership-en", "new partnership in English");
    await admin.getByRole("button", { name: "Create partnership" }).click();
    await admin.getByText("The partnership Trygg hemgång is created.").waitFor();
    expect(await admin.getByLabel("Invitation link").inputValue()).toMatch(/\/invitations\//);
    await expectAccessible(admin, "partnership created with an invitation, in English");
  });
});
