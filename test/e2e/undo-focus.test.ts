/**
 * Keyboard focus around deletions and "Ångra" (issue 21), with the keyboard only: after a deletion
 * focus is on the toast's "Ångra", never on the page itself; "Ångra" (Enter, or Ctrl+Z) puts focus
 * on what came back; Escape on the toast puts it on the deleted thing's neighbour. On the focus
 * board (a card) and in the minutes (an agenda item, an action item, a decision).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";

/** The element with keyboard focus, through shadow roots: its accessible-ish name and value. */
function focused(page: Page): Promise<{ tag: string; name: string; value: string | null }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return { tag: "", name: "", value: null };
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent ?? "";
    const name = el.getAttribute("aria-label") ?? (labelled || el.textContent || "");
    const value = "value" in el ? String((el as HTMLInputElement).value) : null;
    return { tag: el.tagName.toLowerCase(), name: name.replace(/\s+/g, " ").trim(), value };
  });
}

describe.skipIf(!browserSuiteEnabled())("focus after deleting and Ångra, keyboard only, in Chromium", () => {
  let f: BrowserFixture;
  let focusId: string;
  let minutesId: string;

  async function open(who: Person, id: string, title: string): Promise<Page> {
    const { page } = await f.open(who, `/boards/${id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText("Ansluten").waitFor();
    return page;
  }

  beforeAll(async () => {
    f = await startBrowserFixture();
    const post = (kind: string, title: string) =>
      f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title });
    focusId = (await post("focus", "Trygg hemgång")).body.board.id;
    minutesId = (await post("minutes", "Samverkansmöte 9 december")).body.board.id;
  }, 120_000);

  afterAll(() => f?.close());

  it("a deleted card: Ångra focuses the card again, Ctrl+Z on the toast too, Escape the next card", async () => {
    const page = await open("nurse", focusId, "Trygg hemgång");
    // Undo over confirm: no dialog asks before a card is deleted (one would be dismissed, keeping the card).
    const asked: string[] = [];
    page.on("dialog", (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    const add = page.getByRole("textbox", { name: "Titel på ny aktivitet" });
    await add.focus();
    for (const title of ["Ringa hemtjänsten", "Läkemedelslista med", "Uppföljning dag 3"]) {
      await page.keyboard.type(title);
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: `Öppna ${title}` }).waitFor();
    }
    const remove = async () => {
      await page.getByRole("button", { name: "Öppna Läkemedelslista med" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("dialog").getByRole("button", { name: "Ta bort aktiviteten" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => focused(page).then((e) => e.name)).toBe("Ångra: Läkemedelslista med");
    };

    await remove();
    await expectAccessible(page, "focus board, Ångra focused after a deletion");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page).then((e) => e.name)).toBe("Öppna Läkemedelslista med");
    await page.getByRole("status").filter({ hasText: "Läkemedelslista med är tillbaka." }).waitFor();

    await remove();
    await page.keyboard.press("Control+z");
    await expect.poll(() => focused(page).then((e) => e.name)).toBe("Öppna Läkemedelslista med");
    // What came back is said, not replaced by the general "Ångrade din senaste ändring."
    await page.getByRole("status").filter({ hasText: "Läkemedelslista med är tillbaka." }).waitFor();

    await remove();
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page).then((e) => e.name)).toBe("Öppna Uppföljning dag 3");
    await expect(page.getByRole("button", { name: "Öppna Läkemedelslista med" }).count()).resolves.toBe(0);
    expect(asked).toEqual([]);
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, "focus-board-focus-after-removal-tablet-sv");
  });

  it("in the minutes: a decision, an action item and an agenda item each get focus back, or pass it to a neighbour", async () => {
    const page = await open("convener", minutesId, "Samverkansmöte 9 december");
    const type = async (label: string, text: string, within = page.locator("body")) => {
      await within.getByRole("textbox", { name: label, exact: true }).focus();
      await page.keyboard.type(text);
      await page.keyboard.press("Enter");
    };
    await type("Ny punkt på dagordningen", "Läkemedel");
    await page.getByRole("heading", { level: 3, name: /Läkemedel$/ }).waitFor();
    await type("Ny punkt på dagordningen", "Fallprevention");
    const second = page.getByRole("heading", { level: 3, name: /Fallprevention$/ });
    await second.waitFor();
    const itemHeading = (await page.getByRole("heading", { level: 3, name: /Läkemedel$/ }).textContent())?.trim() ?? "";
    const item = page.getByRole("region", { name: itemHeading });
    await type("Nytt beslut", "Apoteket bjuds in.", item);
    await item.getByRole("textbox", { name: "Beslut 1" }).waitFor();
    await type("Nytt beslut", "Listan skickas före mötet.", item);
    await item.getByRole("textbox", { name: "Beslut 2" }).waitFor();
    await type("Ny åtgärd", "Skriv rutinen", item);
    await item.getByRole("group", { name: "Skriv rutinen" }).waitFor();

    // A decision: gone at once; Ångra brings it back with focus in it; Escape goes to the next one.
    await item.getByRole("button", { name: "Ta bort: Beslut 1" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page).then((e) => e.name)).toBe("Ångra: Beslut 1");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ tag: "textarea", value: "Apoteket bjuds in." });
    await item.getByRole("button", { name: "Ta bort: Beslut 1" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page).then((e) => e.name)).toBe("Ångra: Beslut 1");
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toMatchObject({ tag: "textarea", value: "Listan skickas före mötet." });

    // An action item: asked first; Ångra puts focus in its title again.
    await item.getByRole("button", { name: "Ta bort: Skriv rutinen" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").getByRole("button", { name: "Ta bort" }).waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page).then((e) => e.name)).toBe("Ångra: Skriv rutinen");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ tag: "input", value: "Skriv rutinen" });

    // An agenda item: Ångra focuses its heading; Escape the next item's heading.
    await item.getByRole("button", { name: `Ta bort punkten: ${itemHeading}` }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page).then((e) => e.name)).toBe(`Ångra: ${itemHeading}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h3", name: itemHeading });
    await expectAccessible(page, "minutes, an agenda item back with focus on its heading");
    await item.getByRole("button", { name: `Ta bort punkten: ${itemHeading}` }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page).then((e) => e.name)).toBe(`Ångra: ${itemHeading}`);
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toMatchObject({ tag: "h3", name: (await second.textContent())?.trim() });
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, "minutes-focus-after-removal-desktop-sv");
  });
});
