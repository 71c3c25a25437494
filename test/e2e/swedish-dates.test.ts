/**
 * Dates the Swedish way whatever the browser's language (the browser's own date input follows the
 * system's, mm/dd/yyyy on an American-English one): the card's due date and a meeting's time
 * are shown as ÅÅÅÅ-MM-DD and 24-hour time, typed variants are read, a date that does not exist is
 * refused beside the field and the message goes as soon as the field is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAction } from "../../shared/boards/focus.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("dates written the Swedish way", () => {
  let f: BrowserFixture;
  let focusId: string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Växelvård",
    });
    focusId = res.body.board.id;
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    await f.server.services.boardEditor.edit(focusId, "focus", convenerId, (doc) => {
      addAction(doc, { id: "a1", title: "Planera växelvårdsplatser", status: "idea" });
    });
  }, 120_000);
  afterAll(() => f?.close());

  it("reads a typed due date, refuses one that does not exist, and clears the message once fixed", async () => {
    const { page } = await f.open("nurse", `/boards/${focusId}`);
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByText("Ansluten").waitFor();
    await page.getByRole("button", { name: "Öppna Planera växelvårdsplatser" }).click();
    const dialog = page.getByRole("dialog");
    const due = dialog.getByLabel("Klart senast");
    expect(await due.getAttribute("placeholder")).toBe("ÅÅÅÅ-MM-DD");

    await due.fill("20/12/2026");
    await due.blur();
    await expect.poll(() => due.inputValue()).toBe("2026-12-20");
    await dialog.getByText("Sparat", { exact: true }).waitFor();

    await due.fill("2026-02-30");
    await due.blur();
    const message = dialog.getByText("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-20.");
    await message.waitFor();
    expect(await due.getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page, "card dialog with a refused date");
    await screenshot(page, "date-refused-820x1180");
    // Typing a date that exists takes the message away at once, before the field is left.
    await due.fill("2026-02-28");
    await message.waitFor({ state: "hidden" });
    await due.blur();
    // The stored date is the one that exists, not the refused one: reopened, it shows 2026-02-28.
    await dialog.getByText("Sparat", { exact: true }).waitFor();
    await page.reload();
    await page.getByText("Ansluten").waitFor();
    await page.getByRole("button", { name: "Öppna Planera växelvårdsplatser" }).click();
    await expect.poll(() => page.getByRole("dialog").getByLabel("Klart senast").inputValue()).toBe("2026-02-28");
  });

  it("shows and takes a meeting's time as ÅÅÅÅ-MM-DD TT:MM", async () => {
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "minutes",
      title: "Samverkansmöte december",
    });
    const { page } = await f.open("convener", `/boards/${res.body.board.id}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByText("Ansluten").waitFor();
    const starts = page.getByLabel("Börjar");
    expect(await starts.getAttribute("placeholder")).toBe("ÅÅÅÅ-MM-DD TT:MM");
    await starts.fill("2026-12-10 kl. 13.00");
    await starts.blur();
    await expect.poll(() => starts.inputValue()).toBe("2026-12-10 13:00");
    await page.reload();
    await page.getByText("Ansluten").waitFor();
    await expect.poll(() => page.getByLabel("Börjar").inputValue()).toBe("2026-12-10 13:00");
    await expectAccessible(page, "meeting details with Swedish times");
    await screenshot(page, "meeting-time-1280x800");
  });
});
