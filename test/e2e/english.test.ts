/**
 * Every main screen in English: chosen once in the header, remembered on the device, each
 * screen passes axe in English and leaves a screenshot (test-artifacts/screenshots/*-en.png).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("every main screen in English", () => {
  let f: BrowserFixture;
  const boards: Record<"plan" | "focus" | "minutes", string> = { plan: "", focus: "", minutes: "" };

  beforeAll(async () => {
    f = await startBrowserFixture();
    for (const [kind, title] of [
      ["plan", "Local collaboration plan"],
      ["focus", "Palliative care"],
      ["minutes", "Collaboration meeting 12 March"],
    ] as const) {
      const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title });
      boards[kind] = res.body.board.id;
    }
  }, 120_000);

  afterAll(() => f?.close());

  it("partnerships, home, boards, card dialog and members read in English and pass axe", async () => {
    const { page } = await f.open("convener", "/");
    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("button", { name: "På svenska" }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("en");
    await expectAccessible(page, "partnerships in English");
    await screenshot(page, "partnerships-en");

    const visit = async (path: string, heading: string, name: string) => {
      await page.goto(path);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe("en");
      return name;
    };

    await visit(`/workspaces/${f.workspaceId}`, "Nära vård Lekeberg", "home");
    await page.getByRole("heading", { level: 2, name: "Focus areas" }).waitFor();
    // A personal calendar subscription: made here, shown once, and the link answers with the meetings.
    await page.getByRole("button", { name: "Create a subscription link" }).click();
    const link = await page.getByLabel("Your subscription link").inputValue();
    expect(link).toMatch(/\/calendar\/[A-Za-z0-9_-]+\.ics$/);
    const feed = await page.request.get(link);
    expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
    await page.getByRole("button", { name: "Create a new link (the old one stops working)" }).waitFor();
    await expectAccessible(page, "home in English");
    await screenshot(page, "home-en");

    await visit(`/boards/${boards.focus}`, "Palliative care", "focus");
    await page.getByText("Connected").waitFor();
    await page.getByRole("textbox", { name: "Title of the new action" }).fill("Advance care planning talks");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("button", { name: "Open Advance care planning talks" }).click();
    await page.getByRole("dialog").getByRole("textbox", { name: "Description" }).waitFor();
    await expectAccessible(page, "card dialog in English");
    await screenshot(page, "card-dialog-en");
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await expectAccessible(page, "focus board in English");
    await screenshot(page, "focus-board-en");

    await visit(`/boards/${boards.plan}`, "Local collaboration plan", "plan");
    await page.getByText("Connected").waitFor();
    await expectAccessible(page, "plan in English");
    await screenshot(page, "plan-en");

    await visit(`/boards/${boards.minutes}`, "Collaboration meeting 12 March", "minutes");
    await page.getByText("Connected").waitFor();
    await page.getByRole("heading", { level: 2, name: "Approval" }).waitFor();
    await expectAccessible(page, "minutes in English");
    await screenshot(page, "minutes-en");

    await visit(`/workspaces/${f.workspaceId}/members`, "Members and invitations", "members");
    await expectAccessible(page, "members in English");
    await screenshot(page, "members-en");
  });
});
