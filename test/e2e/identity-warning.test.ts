/**
 * The editor's side of the patient-identity guard (issue 23), in Chromium: typing what looks like a
 * personnummer shows a warning that offers to remove it; a complete number in a field is replaced
 * before it is saved, and in rich text as it is typed; the other person never sees the number.
 * Last, the card closes with Escape from inside its rich text (issue 21).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("the identity-number warning in the board editor", () => {
  let f: BrowserFixture;
  let boardId: string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Hemgång",
    });
    boardId = res.body.board.id;
  }, 120_000);
  afterAll(() => f?.close());

  it("warns while typing, offers to remove the number, and never lets it reach the board", async () => {
    const { page } = await f.open("nurse", `/boards/${boardId}`);
    const other = (await f.open("convener", `/boards/${boardId}`)).page;
    await page.getByText("Ansluten").waitFor();
    await page.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill("Samordnad hemgång");
    await page.getByRole("button", { name: "Lägg till" }).click();
    await page.getByRole("button", { name: "Öppna Samordnad hemgång" }).click();
    const dialog = page.getByRole("dialog");
    const title = dialog.getByLabel("Titel", { exact: true });
    const warning = page.locator("identity-warning").getByRole("status");

    // Typing: the warning appears before the number is complete, and "Ta bort numret" takes it out.
    await title.click();
    await title.press("End");
    await page.keyboard.type(" pat 121212-12");
    await warning.getByText("ser ut som ett personnummer").waitFor();
    await expectAccessible(page, "identity warning");
    await screenshot(page, "identity-warning-sv");
    await warning.getByRole("button", { name: "Ta bort numret" }).click();
    await expect(title.inputValue()).resolves.toBe("Samordnad hemgång pat");
    await expect(warning.textContent()).resolves.not.toContain("personnummer");

    // A complete number left in the field is replaced before the field is saved.
    await page.keyboard.type(" 19121212-1212");
    await title.press("Tab");
    await warning.getByText("Personnumret togs bort").waitFor();
    await expect(title.inputValue()).resolves.toBe("Samordnad hemgång pat [personnummer borttaget]");
    await other.getByRole("button", { name: "Öppna Samordnad hemgång pat [personnummer borttaget]" }).waitFor();

    // Rich text: replaced as the last digit is typed.
    await dialog.getByRole("textbox", { name: "Beskrivning" }).click();
    await page.keyboard.type("Anhörig 460101-9872 ringer");
    await dialog
      .getByRole("textbox", { name: "Beskrivning" })
      .getByText("Anhörig [personnummer borttaget] ringer")
      .waitFor();
    await warning.getByText("Personnumret togs bort").waitFor();
    await other.getByRole("button", { name: /Öppna Samordnad hemgång/ }).click();
    await other.getByRole("dialog").getByText("Anhörig [personnummer borttaget] ringer").waitFor();
    await expect(other.content()).resolves.not.toContain("460101");

    // Escape closes the card, also from inside the description's editor (issue 21).
    await dialog.getByRole("textbox", { name: "Beskrivning" }).click();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
  });
});
