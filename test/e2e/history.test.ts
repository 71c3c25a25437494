/**
 * Board history in Chromium: the version list in words, a version read-only, restoring it after a
 * confirmation (seen live on another person's board), the card's own history, English, and the
 * observer's read-only view — axe on each screen, nothing clipped at 820×1180 and 1280×800.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAction, moveAction } from "../../shared/boards/focus.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

/** Screenshots at both sizes the brief names, each checked for content wider than the window. */
async function fits(page: Page, name: string) {
  for (const [width, height] of [
    [820, 1180],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width}×${height}`).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-${width}x${height}`);
  }
}

describe.skipIf(!browserSuiteEnabled())("board history in Chromium", () => {
  let f: BrowserFixture;
  let boardId: string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Palliativ vård",
    });
    boardId = res.body.board.id;
    const nurseId = (await f.people.nurse.get("/api/auth/me")).body.user.id as string;
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    // Two editing sessions: Eva adds the card, then Anna moves it to Pågår; each ends in a version.
    const { boardEditor } = f.server.services;
    const endSession = () => f.server.realtime.manager.room(boardId)?.compact(true);
    await boardEditor.edit(boardId, "focus", nurseId, (doc) => {
      addAction(doc, { id: "a1", title: "Brytpunktssamtal", status: "idea" });
    });
    await endSession();
    await boardEditor.edit(boardId, "focus", convenerId, (doc) => moveAction(doc, "a1", "in_progress", null));
    await endSession();
  }, 120_000);

  afterAll(() => f?.close());

  it("lists versions in words, shows one read-only and restores it live for someone else", async () => {
    const watcher = await f.open("convener", `/boards/${boardId}`);
    await watcher.page.getByRole("heading", { level: 1, name: "Palliativ vård" }).waitFor();
    const inProgress = watcher.page.getByRole("region", { name: /^Pågår/ });
    await inProgress.getByText("Brytpunktssamtal").waitFor();

    const { page } = await f.open("nurse", `/boards/${boardId}`);
    await page.getByRole("link", { name: "Historik" }).click();
    await page.getByRole("heading", { level: 1, name: "Historik: Palliativ vård" }).waitFor();
    await page.getByText("Anna Admin flyttade ”Brytpunktssamtal” till Pågår").waitFor();
    await page.getByText("Eva Sjuksköterska lade till ”Brytpunktssamtal” i Idé").waitFor();
    await expect(page.getByText("1 ändring", { exact: true }).count()).resolves.toBe(0);
    await page.getByText(/Anna Admin · 1 ändring$/).waitFor();
    await expectAccessible(page, "history list");
    await fits(page, "history-list-sv");

    // The older version, read-only.
    await page
      .getByRole("button", { name: /^Visa versionen från/ })
      .nth(1)
      .click();
    const version = page.getByRole("region", { name: /^Tavlan som den var/ });
    await version.getByText("Brytpunktssamtal").waitFor();
    await expect(version.textContent()).resolves.toContain("Idé");
    await expect(page.getByRole("heading", { name: /^Tavlan som den var/ })).toBeTruthy();
    await expectAccessible(page, "a version read-only");
    await fits(page, "history-version-sv");

    await version.getByRole("button", { name: "Återställ den här versionen" }).click();
    const dialog = page.getByRole("dialog", { name: "Återställa versionen?" });
    await dialog.waitFor();
    await expectAccessible(page, "restore confirmation");
    await screenshot(page, "history-confirm-sv");
    await dialog.getByRole("button", { name: "Återställ", exact: true }).click();
    await page.getByText(/^Tavlan är återställd till versionen från/).waitFor();

    // Seen live on the convener's open board: the card is back in Idé.
    await watcher.page.getByRole("region", { name: /^Idé/ }).getByText("Brytpunktssamtal").waitFor();
  });

  it("shows a card's own history in its dialog", async () => {
    const { page } = await f.open("nurse", `/boards/${boardId}`);
    await page.getByRole("button", { name: "Öppna Brytpunktssamtal" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Visa kortets historik").click();
    await dialog.getByText(/Anna Admin flyttade ”Brytpunktssamtal” till Pågår/).waitFor();
    await dialog.getByText(/Eva Sjuksköterska lade till ”Brytpunktssamtal” i Idé/).waitFor();
    await expectAccessible(page, "card history");
    await fits(page, "card-history-sv");
  });

  it("reads in English, and an observer sees the history without restoring", async () => {
    const { page } = await f.open("observer", `/boards/${boardId}/history`);
    await page.getByRole("heading", { level: 1, name: "Historik: Palliativ vård" }).waitFor();
    await page.getByText("Du kan se historiken men inte återställa versioner (observatör).").waitFor();
    await page
      .getByRole("button", { name: /^Visa versionen från/ })
      .first()
      .click();
    await page.getByRole("region", { name: /^Tavlan som den var/ }).waitFor();
    await expect(page.getByRole("button", { name: "Återställ den här versionen" }).count()).resolves.toBe(0);
    await expectAccessible(page, "history for an observer");

    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("heading", { level: 1, name: "History: Palliativ vård" }).waitFor();
    await page.getByText("Anna Admin moved “Brytpunktssamtal” to In progress").waitFor();
    await expectAccessible(page, "history in English");
    await fits(page, "history-en");
  });
});
