import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";

const STATUSES = ["Idé", "Planerad", "Pågår", "Uppföljning", "Klar"];
const SIZES = [
  { name: "tablet-portrait", width: 820, height: 1180 },
  { name: "tablet-landscape", width: 1180, height: 820 },
  { name: "phone", width: 390, height: 844 },
];
const LONG = "Samordnad individuell plan för brukare med hemsjukvård och hemtjänst i Lekeberg";

describe.skipIf(!browserSuiteEnabled())("the focus board on a tablet and a phone", () => {
  let f: BrowserFixture;
  let boardId: string;

  async function pageFor(who: Person, size: { width: number; height: number }) {
    const opened = await f.open(who, `/boards/${boardId}`);
    await opened.page.setViewportSize(size);
    await opened.page.getByRole("heading", { level: 1, name: "Ledningsgrupp" }).waitFor();
    await opened.page.getByText("Ansluten").waitFor();
    return opened.page;
  }

  const column = (page: Page, name: string) => page.getByRole("region", { name: new RegExp(`^${name}`) });
  const focused = (l: Locator) => l.evaluate((el) => el.matches(":focus"));
  const switcher = (page: Page) => page.getByRole("navigation", { name: "Kolumner" });

  /** Whether most of the column lies inside the viewport horizontally. */
  async function inView(page: Page, name: string) {
    const box = await column(page, name).boundingBox();
    const width = page.viewportSize()?.width ?? 0;
    if (!box) return false;
    const visible = Math.min(box.x + box.width, width) - Math.max(box.x, 0);
    return visible >= box.width * 0.9;
  }

  beforeAll(async () => {
    f = await startBrowserFixture();
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Ledningsgrupp",
    });
    boardId = res.body.board.id;
  }, 120_000);

  afterAll(() => f?.close());

  for (const size of SIZES) {
    it(`at ${size.width}×${size.height} every column is reachable, and a card moves with the menu`, async () => {
      const page = await pageFor("convener", size);
      const other = await pageFor("nurse", { width: 1280, height: 800 });
      const title = `${LONG} (${size.name})`;
      await page.getByRole("textbox", { name: "Titel på ny aktivitet" }).fill(title);
      await page.getByRole("button", { name: "Lägg till" }).click();
      await column(page, "Idé")
        .getByRole("button", { name: `Öppna ${title}` })
        .waitFor();

      // The connection pill reads as one line: "Ansluten" beside its dot, not under it.
      const pill = page.locator("connection-status");
      const dot = await pill.locator(".dot").boundingBox();
      const word = await pill.getByText("Ansluten").boundingBox();
      expect(dot && word && Math.abs(dot.y + dot.height / 2 - (word.y + word.height / 2))).toBeLessThan(4);

      // The switcher names every column with its count, and scrolls each into view.
      for (const name of [...STATUSES].reverse().concat(STATUSES)) {
        const tab = switcher(page).getByRole("button", { name: new RegExp(`^${name} \\d+$`) });
        await tab.click();
        await expect.poll(() => inView(page, name), { message: `${name} in view` }).toBe(true);
        await expect.poll(() => tab.getAttribute("aria-current")).toBe("true");
      }
      await switcher(page).getByRole("button", { name: /^Idé/ }).click();
      await expect.poll(() => inView(page, "Idé")).toBe(true);

      // Targets are at least 44 px, and the long card text is not clipped.
      const card = column(page, "Idé").locator("li", { hasText: title });
      for (const target of [
        ...(await switcher(page).getByRole("button").all()),
        card.getByRole("button", { name: `Öppna ${title}` }),
        card.getByRole("button", { name: `Flytta ${title}` }),
      ]) {
        const box = await target.boundingBox();
        expect(box?.height).toBeGreaterThanOrEqual(44);
        expect(box?.width).toBeGreaterThanOrEqual(44);
      }
      const clipped = await card.evaluate((li) =>
        [...li.querySelectorAll("*")].some((el) => el.scrollWidth > el.clientWidth + 1),
      );
      expect(clipped).toBe(false);
      await expect(page.getByLabel("Flytta till").count()).resolves.toBe(0);

      // The compact menu: a menu button, its items the other statuses; Escape closes it.
      const toggle = card.getByRole("button", { name: `Flytta ${title}` });
      await expect(toggle.getAttribute("aria-haspopup")).resolves.toBe("menu");
      await toggle.click();
      const menu = page.getByRole("menu", { name: `Flytta ${title}` });
      await expect(menu.getByRole("menuitem").allTextContents()).resolves.toEqual(STATUSES.slice(1));
      await expect.poll(() => focused(menu.getByRole("menuitem", { name: "Planerad" }))).toBe(true);
      await page.keyboard.press("ArrowDown");
      await expect.poll(() => focused(menu.getByRole("menuitem", { name: "Pågår" }))).toBe(true);
      await expectAccessible(page, `focus board move menu ${size.name}`);
      await screenshot(page, `focus-board-menu-${size.name}`);
      await page.keyboard.press("Escape");
      await menu.waitFor({ state: "detached" });
      await expect.poll(() => focused(toggle)).toBe(true);

      await toggle.click();
      await menu.getByRole("menuitem", { name: "Uppföljning" }).click();
      await column(page, "Uppföljning")
        .getByRole("button", { name: `Öppna ${title}` })
        .waitFor();
      await expect(column(page, "Idé").getByText(title).count()).resolves.toBe(0);
      await column(other, "Uppföljning")
        .getByRole("button", { name: `Öppna ${title}` })
        .waitFor();
      await expect(column(other, "Idé").getByText(title).count()).resolves.toBe(0);

      await switcher(page)
        .getByRole("button", { name: /^Uppföljning/ })
        .click();
      await expect.poll(() => inView(page, "Uppföljning")).toBe(true);
      const followUp = switcher(page).getByRole("button", { name: /^Uppföljning/ });
      await expect.poll(() => followUp.getAttribute("aria-current")).toBe("true");
      await expectAccessible(page, `focus board ${size.name}`);
      await screenshot(page, `focus-board-${size.name}`);
    });
  }

  it("the Alt + arrow hint shows where there is a keyboard and not on a touch screen", async () => {
    const hint = (page: Page) => page.getByText("Alt + pil vänster/höger flyttar kortet");
    const tablet = { width: 820, height: 1180 };
    const { page: touch } = await f.open("convener", `/boards/${boardId}`, undefined, {
      viewport: tablet,
      hasTouch: true,
      isMobile: true,
    });
    await touch.getByRole("heading", { level: 1, name: "Ledningsgrupp" }).waitFor();
    await touch.getByText("Ansluten").waitFor();
    await expect(hint(touch).count()).resolves.toBe(1);
    await expect(hint(touch).isVisible()).resolves.toBe(false);
    await screenshot(touch, "focus-board-touch-tablet-portrait");

    // With a mouse, at a desktop's size and in a window as narrow as the tablet alike, it stays.
    for (const size of [{ width: 1280, height: 800 }, tablet]) {
      const page = await pageFor("convener", size);
      await expect(hint(page).isVisible()).resolves.toBe(true);
    }
  });

  it("at 1280×800 all five columns fit without clipping", async () => {
    const page = await pageFor("convener", { width: 1280, height: 800 });
    for (const name of STATUSES) expect(await inView(page, name), name).toBe(true);
    const overflow = await page.locator("focus-board").evaluate((el) => {
      const row = el.shadowRoot?.querySelector(".columns");
      return row ? row.scrollWidth - row.clientWidth : -1;
    });
    expect(overflow).toBe(0);
    await screenshot(page, "focus-board-desktop");
  });
});
