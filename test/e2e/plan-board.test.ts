import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())(
  "the collaboration plan in Chromium: rich text together, goals, read-only",
  () => {
    let f: BrowserFixture;
    let boardId: string;

    async function pageFor(who: Person): Promise<Page> {
      const { page } = await f.open(who, `/boards/${boardId}`);
      await page.getByRole("heading", { level: 1, name: "Lokal samverkansplan" }).waitFor();
      await page.getByText("Ansluten").waitFor();
      return page;
    }
    const purpose = (page: Page) => page.getByRole("textbox", { name: "Syfte" });

    beforeAll(async () => {
      f = await startBrowserFixture();
      const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
        kind: "plan",
        title: "Lokal samverkansplan",
      });
      boardId = res.body.board.id;
    }, 120_000);

    afterAll(() => f?.close());

    it("two people write the purpose together, each seeing the other's text and cursor", async () => {
      const a = await pageFor("convener");
      const b = await pageFor("nurse");
      await purpose(a).click();
      await a.keyboard.type("Vi ska ge invånarna en trygg och sammanhållen vård.");
      await purpose(b).getByText("Vi ska ge invånarna en trygg och sammanhållen vård.").waitFor();
      // Eva sees where Anna writes, named.
      await b.locator(".remote-name", { hasText: "Anna Admin" }).waitFor();

      await purpose(b).click();
      await b.keyboard.press("End");
      await b.keyboard.type(" Tillsammans.");
      await purpose(a).getByText("Tillsammans.", { exact: false }).waitFor();
      await expectAccessible(a, "plan");
      await screenshot(a, "plan-sv");

      // Undo takes back one's own change only: Eva's undo leaves Anna's sentence.
      await b.keyboard.press("Control+z");
      await expect(purpose(a).textContent()).resolves.not.toContain("Tillsammans.");
      await expect(purpose(a).textContent()).resolves.toContain("Vi ska ge invånarna en trygg och sammanhållen vård.");
    });

    it("adds a goal and sets its status and perspectives; the other person sees it", async () => {
      const a = await pageFor("convener");
      const b = await pageFor("nurse");
      await a.getByRole("textbox", { name: "Nytt mål" }).fill("Kontinuitet i primärvården");
      await a.getByRole("textbox", { name: "Nytt mål" }).press("Enter");
      await a
        .getByRole("combobox", { name: "Status: Kontinuitet i primärvården" })
        .selectOption({ label: "Delvis uppnått" });
      await a.getByRole("checkbox", { name: "Invånare" }).check();
      const goal = b.getByRole("listitem").filter({ has: b.getByRole("textbox", { name: "Mål" }) });
      await b.getByRole("combobox", { name: "Status: Kontinuitet i primärvården" }).waitFor();
      await expect
        .poll(() => b.getByRole("combobox", { name: "Status: Kontinuitet i primärvården" }).inputValue())
        .toBe("partly_achieved");
      // A separate edit from the status: it may arrive a moment later, so it is waited for like the status.
      await expect.poll(() => goal.getByRole("checkbox", { name: "Invånare" }).isChecked()).toBe(true);
      await expectAccessible(b, "plan with a goal");
    });

    it("an observer reads the plan without toolbars, inputs or an editable text", async () => {
      const page = await pageFor("observer");
      await purpose(page).getByText("Vi ska ge invånarna").waitFor();
      await expect(purpose(page).getAttribute("contenteditable")).resolves.toBe("false");
      await expect(page.getByRole("toolbar").count()).resolves.toBe(0);
      await expect(page.getByRole("combobox").count()).resolves.toBe(0);
      await page.getByText("Delvis uppnått").waitFor();
      await expectAccessible(page, "plan, read-only");
      await screenshot(page, "plan-observer-sv");
    });
  },
);
