import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("members and invitations in Chromium", () => {
  let f: BrowserFixture;
  const path = () => `/workspaces/${f.workspaceId}/members`;

  beforeAll(async () => {
    f = await startBrowserFixture();
  }, 120_000);
  afterAll(() => f?.close());

  it("a convener invites by link, withdraws it, and changes someone's role", async () => {
    const { page } = await f.open("convener", path());
    await page.getByRole("heading", { level: 1, name: "Medlemmar och inbjudningar" }).waitFor();
    await page.getByRole("cell", { name: "Eva Sjuksköterska", exact: true }).waitFor();
    await expectAccessible(page, "members, convener");
    await screenshot(page, "members-convener-sv");

    await page.getByLabel("E-postadress").fill("ny.arbetsterapeut@lekeberg.example.se");
    await page.getByRole("combobox", { name: "Roll", exact: true }).selectOption({ label: "medlem" });
    await page.getByRole("button", { name: "Skapa inbjudan" }).click();
    const link = await page.getByLabel("Inbjudningslänk").inputValue();
    expect(link).toMatch(new RegExp(`^${f.origin}/invitations/`));
    // One tap copies it, to paste into an e-mail or a chat.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: f.origin });
    await page.getByRole("button", { name: "Kopiera länken" }).click();
    await page.getByText("Länken är kopierad.", { exact: false }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    await page.getByText("ny.arbetsterapeut@lekeberg.example.se — medlem, Lekebergs kommun").waitFor();
    await expectAccessible(page, "members with a pending invitation");

    await page.getByRole("button", { name: "Dra tillbaka: ny.arbetsterapeut@lekeberg.example.se" }).click();
    await expect.poll(() => page.getByText("ny.arbetsterapeut@lekeberg.example.se —").count()).toBe(0);
    const preview = await f.people.observer
      .fresh()
      .get(new URL(link).pathname.replace("/invitations/", "/api/invitations/"));
    expect(preview.status).toBe(410);

    await page.getByRole("combobox", { name: "Roll: Eva Sjuksköterska" }).selectOption({ label: "observatör" });
    await page.reload();
    await expect
      .poll(() => page.getByRole("combobox", { name: "Roll: Eva Sjuksköterska" }).inputValue())
      .toBe("observer");
  });

  it("others see who is in the partnership, without controls", async () => {
    const { page } = await f.open("observer", path());
    await page.getByRole("cell", { name: "Lena Politiker", exact: true }).waitFor();
    // On the page itself (the header's search is a combobox of its own).
    const main = page.getByRole("main");
    await expect(main.getByRole("combobox").count()).resolves.toBe(0);
    await expect(main.getByRole("button", { name: /Ta bort/ }).count()).resolves.toBe(0);
    await expect(main.getByText("Bjud in").count()).resolves.toBe(0);
    await expectAccessible(page, "members, observer");
  });
});
