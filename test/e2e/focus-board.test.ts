import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("a focus-area board in Chromium: live, by keyboard, read-only, offline", () => {
  let f: BrowserFixture;
  let boardId: string;

  async function pageFor(who: Person, prepare?: (context: BrowserContext) => Promise<unknown>) {
    const opened = await f.open(who, `/boards/${boardId}`, prepare);
    await opened.page.getByRole("heading", { level: 1, name: "Palliativ vård" }).waitFor();
    return opened;
  }

  const column = (page: Page, name: string) => page.getByRole("region", { name: new RegExp(`^${name}`) });

  beforeAll(async () => {
    f = await startBrowserFixture();
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Palliativ vård",
    });
    boardId = res.body.board.id;
  }, 120_000);

  afterAll(() => f?.close());

  it("two people co-edit a card and each sees the other's change", async () => {
    const a = await pageFor("convener");
    const b = await pageFor("nurse");
    await a.page.getByText("Ansluten").waitFor();
    await b.page.getByText("Eva Sjuksköterska").first().waitFor({ state: "attached" });
    await a.page.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill("Brytpunktssamtal på Solgården");
    await a.page.getByRole("button", { name: "Lägg till" }).click();

    const card = b.page.getByRole("button", { name: "Öppna Brytpunktssamtal på Solgården" });
    await card.waitFor();
    await card.click();
    const dialog = b.page.getByRole("dialog");
    await dialog.getByLabel("Ansvarig", { exact: true }).selectOption({ label: "Eva Sjuksköterska" });
    await dialog.getByLabel("Klart senast").fill("2026-12-15");
    await dialog.getByLabel("Klart senast").blur();
    await dialog.getByRole("textbox", { name: "Beskrivning" }).click();
    await b.page.keyboard.type("Samtal med anhöriga inom en vecka.");
    await expectAccessible(b.page, "card dialog");
    await screenshot(b.page, "card-dialog-sv");
    await dialog.getByRole("button", { name: "Stäng" }).click();

    // The description is rich text, written in the dialog and read in the other person's.
    await a.page.getByRole("button", { name: "Öppna Brytpunktssamtal på Solgården" }).click();
    const dialogA = a.page.getByRole("dialog");
    await dialogA
      .getByRole("textbox", { name: "Beskrivning" })
      .getByText("Samtal med anhöriga inom en vecka.")
      .waitFor();
    await dialogA.getByRole("button", { name: "Stäng" }).click();
    await dialogA.waitFor({ state: "hidden" });

    await column(a.page, "Idé").getByText("Eva Sjuksköterska").waitFor();
    await expect(column(a.page, "Idé").textContent()).resolves.toContain("Klart senast");
    // Presence: each sees the other on the board.
    await a.page.getByText("Eva Sjuksköterska (Lekebergs kommun)").waitFor();
    await expectAccessible(a.page, "focus board");
    await screenshot(a.page, "focus-board-sv");
  });

  it("a field someone is typing in keeps their words while another person changes it", async () => {
    const a = await pageFor("convener");
    const b = await pageFor("nurse");
    const TITLE = "Brytpunktssamtal på Solgården";
    for (const p of [a, b]) await p.page.getByRole("button", { name: `Öppna ${TITLE}` }).click();
    const dialogA = a.page.getByRole("dialog");
    const dialogB = b.page.getByRole("dialog");
    const titleB = dialogB.getByLabel("Titel", { exact: true });
    await titleB.click();
    await titleB.press("End");
    await b.page.keyboard.type(" och Vallgården");

    // Meanwhile the convener renames the card and moves its due date.
    await dialogA.getByLabel("Titel", { exact: true }).fill("Brytpunktssamtal, Solgården");
    await dialogA.getByLabel("Titel", { exact: true }).press("Tab");
    await dialogA.getByLabel("Klart senast").fill("2026-12-20");
    await dialogA.getByLabel("Klart senast").blur();

    // The nurse sees the new date at once, but the title she is typing in keeps her words …
    await expect.poll(() => dialogB.getByLabel("Klart senast").inputValue()).toBe("2026-12-20");
    await expect(titleB.inputValue()).resolves.toBe(`${TITLE} och Vallgården`);
    // … until she leaves the field: then hers is saved, and the convener sees it.
    await titleB.press("Tab");
    await expect.poll(() => dialogA.getByLabel("Titel", { exact: true }).inputValue()).toBe(`${TITLE} och Vallgården`);

    // Back as the other tests expect it.
    await dialogA.getByLabel("Titel", { exact: true }).fill(TITLE);
    await dialogA.getByLabel("Titel", { exact: true }).press("Tab");
    await dialogA.getByLabel("Klart senast").fill("2026-12-15");
    await dialogA.getByLabel("Klart senast").blur();
    await expect.poll(() => dialogB.getByLabel("Titel", { exact: true }).inputValue()).toBe(TITLE);
  });

  it("moves a card with the keyboard, announced, and the other person sees it", async () => {
    const a = await pageFor("nurse");
    const b = await pageFor("convener");
    const card = a.page.getByRole("button", { name: "Öppna Brytpunktssamtal på Solgården" });
    await card.focus();
    await a.page.keyboard.press("Alt+ArrowRight");
    await a.page
      .getByText("Brytpunktssamtal på Solgården flyttad till Planerad, plats 1 av 1.")
      .waitFor({ state: "attached" });
    await column(a.page, "Planerad").getByText("Brytpunktssamtal på Solgården").waitFor();
    // Focus stays on the moved card, so the next arrow press moves it on.
    await a.page.keyboard.press("Alt+ArrowRight");
    await column(b.page, "Pågår").getByText("Brytpunktssamtal på Solgården").waitFor();
    await expect(column(b.page, "Planerad").getByText("Brytpunktssamtal på Solgården").count()).resolves.toBe(0);
  });

  it("an observer sees the board without any control that would fail", async () => {
    const { page } = await pageFor("observer");
    await page.getByText("Du kan läsa men inte ändra den här tavlan (observatör).").waitFor();
    await column(page, "Pågår").getByText("Brytpunktssamtal på Solgården").waitFor();
    await expect(page.getByRole("textbox", { name: "Titel på ny aktivitet" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /^Flytta/ }).count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Öppna Brytpunktssamtal på Solgården" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Eva Sjuksköterska").waitFor();
    await expect(dialog.getByRole("combobox").count()).resolves.toBe(0);
    // The one text box is the description, shown read-only (its editor is loaded on demand: wait for it).
    const description = dialog.getByRole("textbox", { name: "Beskrivning" });
    await description.getByText("Samtal med anhöriga inom en vecka.").waitFor();
    await expect(dialog.getByRole("textbox").count()).resolves.toBe(1);
    await expect(description.getAttribute("contenteditable")).resolves.toBe("false");
    await expect(dialog.getByRole("toolbar").count()).resolves.toBe(0);
    await expectAccessible(page, "card dialog, read-only");
    await screenshot(page, "focus-board-observer-sv");
  });

  it("keeps an edit made offline through a reload and syncs it when the connection returns", async () => {
    // The board's socket cannot reach the server (the page itself still loads, as from a cache).
    let offline = true;
    const a = await pageFor("nurse", (context) =>
      context.routeWebSocket(/\/ws\/boards\//, (ws) => {
        if (offline) void ws.close({ code: 1001, reason: "offline" });
        else ws.connectToServer();
      }),
    );
    const b = await pageFor("convener");
    await a.page.getByText(/^Offline/).waitFor();
    await a.page.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill("Skrivet utan nät");
    await a.page.getByRole("button", { name: "Lägg till" }).click();
    await a.page.getByText("Offline – osynkade ändringar sparas på den här enheten").waitFor();
    await expectAccessible(a.page, "focus board offline");
    await screenshot(a.page, "focus-board-offline-sv");

    await a.page.reload();
    await a.page.getByRole("button", { name: "Öppna Skrivet utan nät" }).waitFor();
    await expect(b.page.getByRole("button", { name: "Öppna Skrivet utan nät" }).count()).resolves.toBe(0);

    offline = false;
    await a.page.getByText("Ansluten").waitFor({ timeout: 20_000 });
    await b.page.getByRole("button", { name: "Öppna Skrivet utan nät" }).waitFor();
  });
  it("a change the server refuses is named, and the board can be loaded again from the server", async () => {
    const { page } = await pageFor("nurse");
    await page.getByText("Ansluten").waitFor();
    // A client bug (or an old version) writes something no focus board holds.
    await page.locator("focus-board").evaluate((el) => {
      const doc = (el as unknown as { live: { board: { doc: import("yjs").Doc } } }).live.board.doc;
      doc.getMap("bogus").set("x", 1);
    });
    await page.getByText("Nekad: en ändring på den här enheten passar inte tavlan och togs inte emot.").waitFor();
    await expectAccessible(page, "focus board, change refused");
    await page.getByRole("button", { name: "Hämta tavlan från servern" }).click();
    await page.getByText("Ansluten").waitFor();
    const bogus = await page
      .locator("focus-board")
      .evaluate((el) =>
        (el as unknown as { live: { board: { doc: import("yjs").Doc } } }).live.board.doc.share.has("bogus"),
      );
    expect(bogus).toBe(false);
  });
});
