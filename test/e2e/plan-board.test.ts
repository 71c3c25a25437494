import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())(
  "the collaboration plan in Chromium: a document to read, an edit mode for members, moves, removal with undo",
  () => {
    let f: BrowserFixture;
    let boardId: string;

    async function pageFor(who: Person, edit = true): Promise<Page> {
      const { page } = await f.open(who, `/boards/${boardId}`);
      await page.getByRole("heading", { level: 1, name: "Lokal samverkansplan" }).waitFor();
      await page.getByText("Ansluten").waitFor();
      if (edit) await editButton(page).click();
      return page;
    }
    const editButton = (page: Page) => page.getByRole("button", { name: "Redigera" });
    const purpose = (page: Page) => page.getByRole("textbox", { name: "Syfte", exact: true });
    /** The goals' titles in the order shown, in either view. */
    const goalOrder = (page: Page) =>
      page
        .locator("plan-board li.goal")
        .evaluateAll((items) =>
          items.map(
            (li) =>
              (li.querySelector("h3") ?? li.querySelector("textarea"))?.textContent?.trim() ||
              (li.querySelector("textarea") as HTMLTextAreaElement | null)?.value,
          ),
        );

    beforeAll(async () => {
      f = await startBrowserFixture();
      const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
        kind: "plan",
        title: "Lokal samverkansplan",
      });
      boardId = res.body.board.id;
    }, 120_000);

    afterAll(() => f?.close());

    it("two people write the purpose together in edit mode, each seeing the other's text and cursor", async () => {
      const a = await pageFor("convener");
      const b = await pageFor("nurse");
      await expect(editButton(a).getAttribute("aria-pressed")).resolves.toBe("true");
      await purpose(a).click();
      await a.keyboard.type("Vi ska ge invånarna en trygg och sammanhållen vård.");
      await purpose(b).getByText("Vi ska ge invånarna en trygg och sammanhållen vård.").waitFor();
      // Eva sees where Anna writes, named.
      await b.locator(".remote-name", { hasText: "Anna Admin" }).waitFor();

      await purpose(b).click();
      await b.keyboard.press("End");
      await b.keyboard.type(" Tillsammans.");
      await purpose(a).getByText("Tillsammans.", { exact: false }).waitFor();

      // Undo in the editor takes back one's own change only: Eva's undo leaves Anna's sentence.
      await b.keyboard.press("Control+z");
      await expect(purpose(a).textContent()).resolves.not.toContain("Tillsammans.");
      await expect(purpose(a).textContent()).resolves.toContain("Vi ska ge invånarna en trygg och sammanhållen vård.");
    });

    it("a long multi-line meeting cadence grows its field and is shown whole in the read view", async () => {
      const a = await pageFor("convener");
      const cadence = a.getByRole("textbox", { name: "Mötesrytm" });
      const lines = [
        "Samverkansgruppen möts första tisdagen varje månad kl. 13–15 på vårdcentralen i Fjugesta.",
        "Ledningsgruppen möts fyra gånger per år; protokollet justeras inom en vecka.",
        "Arbetsgrupperna bestämmer själva sin rytm och rapporterar till samverkansgruppen.",
      ];
      await cadence.fill(lines.join("\n"));
      await cadence.blur();
      // The field is as tall as its text: nothing is scrolled out of sight.
      const fits = () => cadence.evaluate((el: HTMLTextAreaElement) => el.scrollHeight <= el.clientHeight + 2);
      await expect(fits()).resolves.toBe(true);
      await expect(cadence.evaluate((el) => el.getBoundingClientRect().height)).resolves.toBeGreaterThan(80);
      // Inputs are in normal weight, only their labels in bold.
      await expect(cadence.evaluate((el) => getComputedStyle(el).fontWeight)).resolves.toBe("400");

      await editButton(a).click();
      await expect(a.getByRole("textbox", { name: "Mötesrytm" }).count()).resolves.toBe(0);
      for (const line of lines) await expect(a.getByText(line, { exact: false }).isVisible()).resolves.toBe(true);
      await a.getByText("Vi ska ge invånarna en trygg och sammanhållen vård.").waitFor();
      await expectAccessible(a, "plan, read view");
      await a.setViewportSize({ width: 1280, height: 800 });
      await screenshot(a, "plan-read-desktop-sv");
    });

    it("adds goals and a contact route with its purpose; moves goals by keyboard; the other person sees the order", async () => {
      const a = await pageFor("convener");
      const b = await pageFor("nurse", false);
      for (const title of ["Kontinuitet i primärvården", "Trygg hemgång", "Gemensam vårdplanering"]) {
        await a.getByRole("textbox", { name: "Nytt mål" }).fill(title);
        await a.getByRole("textbox", { name: "Nytt mål" }).press("Enter");
      }
      await a
        .getByRole("combobox", { name: "Status: Kontinuitet i primärvården" })
        .selectOption({ label: "Delvis uppnått" });
      const first = a.locator("li.goal").first();
      await first.getByRole("checkbox", { name: "Invånare" }).check();
      await first
        .getByRole("textbox", { name: "Kommentar" })
        .fill("Mäts med andel listade som har fast läkarkontakt.\nFöljs upp varje halvår.");
      await first.getByRole("textbox", { name: "Kommentar" }).blur();

      const form = a.getByRole("form", { name: "Lägg till kontaktväg" });
      await form.getByRole("textbox", { name: "Organisation" }).fill("Lekebergs kommun");
      await form.getByRole("textbox", { name: "Kontaktväg" }).fill("Vårdplaneringsteamet, 0585-123 45");
      await form.getByRole("textbox", { name: "Syfte med kontakten" }).fill("Inskrivning i hemsjukvården");
      await form.getByRole("button", { name: "Lägg till kontaktväg" }).click();

      // Keyboard: "Flytta ned" on the first goal, then Alt + arrow up from the moved goal's title.
      await a.getByRole("button", { name: "Flytta ned: Kontinuitet i primärvården" }).focus();
      await a.keyboard.press("Enter");
      await a.getByText("Kontinuitet i primärvården flyttad till plats 2 av 3.").waitFor({ state: "attached" });
      await expect
        .poll(() => goalOrder(b))
        .toEqual(["Trygg hemgång", "Kontinuitet i primärvården", "Gemensam vårdplanering"]);
      // Focus stays on the moved goal's button, so moving on is one more key press.
      await a.keyboard.press("Enter");
      await expect
        .poll(() => goalOrder(b))
        .toEqual(["Trygg hemgång", "Gemensam vårdplanering", "Kontinuitet i primärvården"]);
      await a.locator("li.goal").nth(1).getByRole("textbox", { name: "Mål" }).focus();
      await a.keyboard.press("Alt+ArrowUp");
      await expect
        .poll(() => goalOrder(b))
        .toEqual(["Gemensam vårdplanering", "Trygg hemgång", "Kontinuitet i primärvården"]);
      await a.getByText("Gemensam vårdplanering flyttad till plats 1 av 3.").waitFor({ state: "attached" });

      // The reader sees the goal with its status, perspective and the whole comment, and the route's purpose.
      const goal = b.locator("li.goal", { hasText: "Kontinuitet i primärvården" });
      await goal.getByText("Status: Delvis uppnått").waitFor();
      await goal.getByText("Invånare").waitFor();
      await goal.getByText("Följs upp varje halvår.", { exact: false }).waitFor();
      const route = b.getByRole("row", { name: /Lekebergs kommun/ });
      await route.getByRole("cell", { name: "Inskrivning i hemsjukvården" }).waitFor();

      await expectAccessible(a, "plan, edit mode");
      await a.setViewportSize({ width: 820, height: 1180 });
      await screenshot(a, "plan-edit-tablet-sv");
      await b.setViewportSize({ width: 820, height: 1180 });
      await screenshot(b, "plan-read-tablet-sv");
      await b.setViewportSize({ width: 1280, height: 800 });
      await a.setViewportSize({ width: 1280, height: 800 });
      await screenshot(a, "plan-edit-desktop-sv");
    });

    it("removes a goal and brings it back with Ångra, in its place; Ctrl+Z takes back a move", async () => {
      const a = await pageFor("convener");
      const b = await pageFor("nurse", false);
      const before = ["Gemensam vårdplanering", "Trygg hemgång", "Kontinuitet i primärvården"];
      await expect.poll(() => goalOrder(a)).toEqual(before);
      await a.getByRole("button", { name: "Ta bort: Trygg hemgång" }).click();
      const toast = a.getByRole("status").filter({ hasText: "Målet Trygg hemgång togs bort." });
      await toast.waitFor();
      await expect.poll(() => goalOrder(b)).toEqual(["Gemensam vårdplanering", "Kontinuitet i primärvården"]);
      await expectAccessible(a, "plan, a goal removed with Ångra offered");
      await screenshot(a, "plan-undo-desktop-sv");
      await toast.getByRole("button", { name: "Ångra" }).click();
      await a.getByRole("status").filter({ hasText: "Trygg hemgång är tillbaka." }).waitFor();
      await expect.poll(() => goalOrder(b)).toEqual(before);
      // Focus is back on the goal that came back, not lost with the toast's button.
      const focused = () =>
        a.evaluate(() => {
          let el = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return (el as HTMLTextAreaElement | null)?.value;
        });
      await expect.poll(focused).toBe("Trygg hemgång");

      // Ctrl+Z outside the text fields takes back this person's last change: here a move.
      await a.getByRole("button", { name: "Flytta upp: Kontinuitet i primärvården" }).click();
      await expect
        .poll(() => goalOrder(b))
        .toEqual(["Gemensam vårdplanering", "Kontinuitet i primärvården", "Trygg hemgång"]);
      await a.keyboard.press("Control+z");
      await expect.poll(() => goalOrder(b)).toEqual(before);
      await a.keyboard.press("Control+Shift+z");
      await expect
        .poll(() => goalOrder(b))
        .toEqual(["Gemensam vårdplanering", "Kontinuitet i primärvården", "Trygg hemgång"]);
    });

    it("sections: added, moved by dragging the handle, removed and brought back with Ångra", async () => {
      const a = await pageFor("convener");
      const b = await pageFor("nurse", false);
      for (const heading of ["Bakgrund", "Organisation", "Uppföljning"]) {
        await a.getByRole("textbox", { name: "Nytt avsnitt" }).fill(heading);
        await a.getByRole("textbox", { name: "Nytt avsnitt" }).press("Enter");
      }
      const order = (page: Page) =>
        page
          .locator("plan-board [data-section]")
          .evaluateAll((items) =>
            items.map(
              (el) =>
                el.querySelector("h3")?.textContent?.trim() ??
                (el.querySelector("input") as HTMLInputElement | null)?.value,
            ),
          );
      await expect.poll(() => order(b)).toEqual(["Bakgrund", "Organisation", "Uppföljning"]);
      // Dragged by its handle onto the first section: placed before it.
      await a.locator("[data-section] .handle").nth(2).dragTo(a.locator("[data-section]").first());
      await expect.poll(() => order(b)).toEqual(["Uppföljning", "Bakgrund", "Organisation"]);

      await a.getByRole("button", { name: "Ta bort: Bakgrund" }).click();
      const toast = a.getByRole("status").filter({ hasText: "Avsnittet Bakgrund togs bort." });
      await toast.waitFor();
      await expect.poll(() => order(b)).toEqual(["Uppföljning", "Organisation"]);
      await toast.getByRole("button", { name: "Ångra" }).click();
      await expect.poll(() => order(b)).toEqual(["Uppföljning", "Bakgrund", "Organisation"]);
      await b.getByRole("heading", { level: 3, name: "Bakgrund" }).waitFor();
    });

    it("an observer reads the plan as a document: no edit button, no fields, no toolbars", async () => {
      const page = await pageFor("observer", false);
      await page.getByText("Vi ska ge invånarna").waitFor();
      await page.getByText("Status: Delvis uppnått").waitFor();
      await expect(editButton(page).count()).resolves.toBe(0);
      await expect(page.getByRole("textbox").count()).resolves.toBe(0);
      await expect(page.getByRole("combobox").count()).resolves.toBe(0);
      await expect(page.getByRole("toolbar").count()).resolves.toBe(0);
      await expect(page.getByRole("button", { name: /Ta bort|Flytta/ }).count()).resolves.toBe(0);
      await expectAccessible(page, "plan, read-only");
      await screenshot(page, "plan-observer-sv");
      // On paper: the document without the buttons.
      await page.emulateMedia({ media: "print" });
      await expect(page.getByRole("button", { name: "Skriv ut" }).isVisible()).resolves.toBe(false);
      await expect(page.getByText("Vi ska ge invånarna").isVisible()).resolves.toBe(true);
      await page.emulateMedia({ media: "screen" });
    });
  },
);
