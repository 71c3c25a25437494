/**
 * Undo across the boards (issue 21): Ctrl+Z takes back one's own last change outside text fields
 * (a card move on the focus board), and deletions offer "Ångra" for a while (a card, a decision in
 * the minutes), for everyone on the board.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("undo on the boards in Chromium: Ctrl+Z and Ångra", () => {
  const CARD = "Läkemedelsgenomgång på Solgården";
  let f: BrowserFixture;
  let focusId: string;
  let minutesId: string;

  async function open(who: Person, id: string, title: string): Promise<Page> {
    const { page } = await f.open(who, `/boards/${id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText("Ansluten").waitFor();
    return page;
  }
  const column = (page: Page, name: string) => page.getByRole("region", { name: new RegExp(`^${name}`) });

  beforeAll(async () => {
    f = await startBrowserFixture();
    const post = (kind: string, title: string) =>
      f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title });
    focusId = (await post("focus", "Äldres läkemedel")).body.board.id;
    minutesId = (await post("minutes", "Samverkansmöte 8 december")).body.board.id;
  }, 120_000);

  afterAll(() => f?.close());

  it("Ctrl+Z takes back one's own card move, for both people; Ctrl+Shift+Z does it again", async () => {
    const a = await open("nurse", focusId, "Äldres läkemedel");
    const b = await open("convener", focusId, "Äldres läkemedel");
    await a.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill(CARD);
    await a.getByRole("button", { name: "Lägg till" }).click();
    const card = a.getByRole("button", { name: `Öppna ${CARD}` });
    await card.focus();
    await a.keyboard.press("Alt+ArrowRight");
    await column(b, "Planerad").getByText(CARD).waitFor();

    await a.keyboard.press("Control+z");
    await column(b, "Idé").getByText(CARD).waitFor();
    await column(a, "Idé").getByText(CARD).waitFor();
    await a.getByRole("status").filter({ hasText: "Ångrade din senaste ändring." }).waitFor();
    await expect(column(b, "Planerad").getByText(CARD).count()).resolves.toBe(0);

    await a.keyboard.press("Control+Shift+z");
    await column(b, "Planerad").getByText(CARD).waitFor();
    // Anna's Ctrl+Z takes back her own last change (a card she added), never Eva's move.
    await b.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill("Fallrisk vid hemgång");
    await b.getByRole("button", { name: "Lägg till" }).click();
    await column(a, "Idé").getByText("Fallrisk vid hemgång").waitFor();
    await b.getByRole("button", { name: "Öppna Fallrisk vid hemgång" }).focus();
    await b.keyboard.press("Control+z");
    await expect.poll(() => column(a, "Idé").getByText("Fallrisk vid hemgång").count()).toBe(0);
    await expect(column(a, "Planerad").getByText(CARD).count()).resolves.toBe(1);
  });

  it("a deleted card comes back with Ångra", async () => {
    const a = await open("nurse", focusId, "Äldres läkemedel");
    const b = await open("convener", focusId, "Äldres läkemedel");
    // Undo over confirm: the card goes at once, with no dialog asking first.
    const asked: string[] = [];
    a.on("dialog", (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await a.getByRole("button", { name: `Öppna ${CARD}` }).click();
    await a.getByRole("dialog").getByRole("button", { name: "Ta bort aktiviteten" }).click();
    const toast = a.getByRole("status").filter({ hasText: `${CARD} togs bort.` });
    await toast.waitFor();
    await expect.poll(() => b.getByRole("button", { name: `Öppna ${CARD}` }).count()).toBe(0);
    await expectAccessible(a, "focus board, a card removed with Ångra offered");
    await a.setViewportSize({ width: 820, height: 1180 });
    await screenshot(a, "focus-board-undo-tablet-sv");
    await toast.getByRole("button", { name: "Ångra" }).click();
    await a
      .getByRole("status")
      .filter({ hasText: `${CARD} är tillbaka.` })
      .waitFor();
    await column(b, "Planerad").getByText(CARD).waitFor();
    // Ctrl+Z works after a deletion too (this page's first change): deleted again, then back.
    await a.getByRole("button", { name: `Öppna ${CARD}` }).click();
    await a.getByRole("dialog").getByRole("button", { name: "Ta bort aktiviteten" }).click();
    await toast.waitFor();
    await expect.poll(() => b.getByRole("button", { name: `Öppna ${CARD}` }).count()).toBe(0);
    await a.keyboard.press("Control+z");
    await column(b, "Planerad").getByText(CARD).waitFor();
    expect(asked).toEqual([]);
  });

  it("a decision removed from the minutes comes back with Ångra, and Ctrl+Z takes back a removal too", async () => {
    const page = await open("convener", minutesId, "Samverkansmöte 8 december");
    const other = await open("nurse", minutesId, "Samverkansmöte 8 december");
    await page.getByLabel("Ny punkt på dagordningen").fill("Läkemedel");
    await page.getByRole("button", { name: "Lägg till punkt" }).click();
    const item = (p: Page) => p.getByRole("region", { name: /Läkemedel/ });
    await item(page).getByLabel("Nytt beslut").fill("Apoteket bjuds in till nästa möte.");
    await item(page).getByRole("button", { name: "Lägg till beslut" }).click();
    const decision = (p: Page) => item(p).getByRole("textbox", { name: "Beslut 1" });
    await decision(other).waitFor();

    await item(page).getByRole("button", { name: "Ta bort: Beslut 1" }).click();
    const toast = page.getByRole("status").filter({ hasText: "Beslut 1 togs bort." });
    await toast.waitFor();
    await expect.poll(() => decision(other).count()).toBe(0);
    await toast.getByRole("button", { name: "Ångra" }).click();
    await expect.poll(() => decision(other).inputValue()).toBe("Apoteket bjuds in till nästa möte.");

    // Again, and this time Ctrl+Z (focus on the toast's button, outside any text field).
    await item(page).getByRole("button", { name: "Ta bort: Beslut 1" }).click();
    await toast.waitFor();
    await expect.poll(() => decision(other).count()).toBe(0);
    await page.keyboard.press("Control+z");
    await expect.poll(() => decision(other).inputValue()).toBe("Apoteket bjuds in till nästa möte.");
    await expectAccessible(page, "minutes after undoing a removal");
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, "minutes-decision-undo-desktop-sv");
  });
});
