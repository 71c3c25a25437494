/**
 * Follow-up in Chromium (issue 19): a working-group member enters an autumn P-CAT value and the
 * convener's page shows it live with the change against the spring baseline; a value outside
 * 13–52 is refused at the field and reaches nobody; fewer than 5 respondents is flagged. A goal's
 * "Mål över tid" records a follow-up. Axe on each screen, screenshots at 1280×800 and 820×1180.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addIndicator, addOccasion, addUnit, setIndicatorValue } from "../../shared/boards/followup.js";
import { addGoal, readPlan } from "../../shared/boards/plan.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe.skipIf(!browserSuiteEnabled())("follow-up in Chromium: values live, ranges, goals over time", () => {
  let f: BrowserFixture;
  let boardId: string;
  let planId: string;
  const closers: (() => void)[] = [];

  async function pageFor(who: Person, id: string, title: string): Promise<Page> {
    const { page } = await f.open(who, `/boards/${id}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByText("Ansluten").waitFor();
    return page;
  }

  /** Content written the way any client writes it: over the socket, as the convener. */
  async function asConvener(id: string, edit: (doc: import("yjs").Doc) => void) {
    const c = connectProvider(f.server.url, id, { cookie: f.people.convener.cookie, origin: f.origin });
    closers.push(() => c.provider.destroy());
    await synced(c.provider);
    c.doc.transact(() => edit(c.doc));
  }

  beforeAll(async () => {
    f = await startBrowserFixture();
    const create = async (kind: string, title: string) =>
      (await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title })).body.board
        .id as string;
    boardId = await create("followup", "Uppföljning 2023");
    planId = await create("plan", "Lokal samverkansplan");
    const me = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    await asConvener(boardId, (doc) => {
      const pcat = addIndicator(doc, {
        name: "Personcentrering (P-CAT)",
        unit: "points",
        min: 13,
        max: 52,
        target: 40,
        method: "P-CAT, 13 frågor, 13–52",
      });
      const linden = addUnit(doc, { name: "Linden", id: "linden" });
      const home = addUnit(doc, { name: "Hemtjänsten", id: "home" });
      const spring = addOccasion(doc, { id: "spring", label: "Nollmätning", date: "2023-04-15", kind: "baseline" });
      addOccasion(doc, { id: "autumn", label: "Uppföljning 1", date: "2023-10-15", kind: "follow_up" });
      setIndicatorValue(doc, pcat, { unitId: linden, occasionId: spring, value: 36, respondents: 14, by: me });
      setIndicatorValue(doc, pcat, { unitId: home, occasionId: spring, value: 33, respondents: 4, by: me });
    });
    await asConvener(planId, (doc) => {
      addGoal(doc, { title: "Personcentrerad vård på alla enheter", level: "effect" });
    });
  }, 120_000);

  afterAll(async () => {
    for (const close of closers) close();
    await f?.close();
  });

  it("a member enters an autumn value and the convener's page shows it live, with the change", async () => {
    const convener = await pageFor("convener", boardId, "Uppföljning 2023");
    const nurse = await pageFor("nurse", boardId, "Uppföljning 2023");
    // Spring's small unit is flagged on both pages.
    await convener.getByText("Färre än 5 svarande").first().waitFor();

    await nurse.getByRole("textbox", { name: "Värde, Linden, Uppföljning 1" }).fill("39,5");
    await nurse.getByRole("textbox", { name: "Antal svarande, Linden, Uppföljning 1" }).fill("12");
    await nurse.getByRole("textbox", { name: "Antal svarande, Linden, Uppföljning 1" }).press("Tab");
    const seen = convener.getByRole("textbox", { name: "Värde, Linden, Uppföljning 1" });
    await expect.poll(() => seen.inputValue()).toBe("39,5");
    await expect
      .poll(() => convener.getByRole("textbox", { name: "Antal svarande, Linden, Uppföljning 1" }).inputValue())
      .toBe("12");
    await convener.getByRole("cell", { name: "+3,5 (bättre)" }).waitFor();

    // Over 52: refused at the field, in Swedish, and nobody else sees it.
    const wrong = nurse.getByRole("textbox", { name: "Värde, Hemtjänsten, Uppföljning 1" });
    await wrong.fill("60");
    await wrong.press("Tab");
    await nurse.getByRole("alert").filter({ hasText: "Värdet får vara högst 52." }).waitFor();
    await expect(wrong.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(
      convener.getByRole("textbox", { name: "Värde, Hemtjänsten, Uppföljning 1" }).inputValue(),
    ).resolves.toBe("");

    await expectAccessible(nurse, "follow-up board with a refused value");
    await expectAccessible(convener, "follow-up board");
    for (const [width, height] of [
      [1280, 800],
      [820, 1180],
    ] as const) {
      await nurse.setViewportSize({ width, height });
      await screenshot(nurse, `followup-${width}x${height}`);
    }
  });

  it("an observer reads the values and cannot type", async () => {
    const page = await pageFor("observer", boardId, "Uppföljning 2023");
    await page.getByRole("cell", { name: /36/ }).first().waitFor();
    await expect(page.getByRole("textbox").count()).resolves.toBe(0);
    await expectAccessible(page, "follow-up board, read-only");
  });

  it("a goal's follow-up is recorded in Mål över tid and shows in the timeline", async () => {
    const page = await pageFor("nurse", planId, "Lokal samverkansplan");
    await page.getByRole("button", { name: "Mål över tid: Personcentrerad vård på alla enheter" }).click();
    const dialog = page.getByRole("dialog", { name: "Mål över tid" });
    await dialog.getByText("Inga uppföljningar ännu.").waitFor();
    await dialog.getByRole("combobox", { name: "Status" }).selectOption({ label: "Delvis uppnått" });
    // Today's date is filled in; typed the Swedish way it is stored as 2023-12-31.
    const asOf = dialog.getByLabel("Per datum");
    expect(await asOf.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await asOf.fill("31/12/2023");
    await asOf.blur();
    await expect.poll(() => asOf.inputValue()).toBe("2023-12-31");
    await dialog.getByRole("textbox", { name: "Motivering" }).fill("Mätningen gjordes på en enhet.");
    await dialog.getByRole("textbox", { name: "Utvecklingsområden" }).fill("Följa upp hemtjänsten.");
    await dialog.getByRole("button", { name: "Spara uppföljning" }).click();
    await dialog.getByText("Uppföljningen är sparad.").waitFor();
    const entry = dialog.getByRole("listitem").filter({ hasText: "Mätningen gjordes på en enhet." });
    await entry.getByText("Satt av Eva Sjuksköterska", { exact: false }).waitFor();
    await entry.getByText("Följa upp hemtjänsten.", { exact: false }).waitFor();
    await expect(entry.locator("time").getAttribute("datetime")).resolves.toBe("2023-12-31");
    // The goal's target date, typed the Swedish way, is stored as an ISO date; emptied, it is gone.
    const plan = connectProvider(f.server.url, planId, { cookie: f.people.convener.cookie, origin: f.origin });
    closers.push(() => plan.provider.destroy());
    await synced(plan.provider);
    const target = dialog.getByLabel("Måldatum");
    await target.fill("30/6/2027");
    await target.blur();
    await expect.poll(() => target.inputValue()).toBe("2027-06-30");
    await expect.poll(() => readPlan(plan.doc).goals[0]?.targetDate).toBe("2027-06-30");
    await target.fill("");
    await target.blur();
    await expect.poll(() => readPlan(plan.doc).goals[0]?.targetDate).toBeNull();
    await expectAccessible(page, "Mål över tid");
    for (const [width, height] of [
      [1280, 800],
      [820, 1180],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `goal-history-${width}x${height}`);
    }
  });

  it("an indicator is linked to the goal it follows, and removing a unit asks first", async () => {
    const page = await pageFor("nurse", boardId, "Uppföljning 2023");
    await page
      .getByRole("combobox", { name: "Koppla till mål" })
      .selectOption({ label: "Personcentrerad vård på alla enheter" });
    await page.getByText("Följer målen: Personcentrerad vård på alla enheter").waitFor();
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("button", { name: "Ta bort Hemtjänsten" }).click();
    await expect(page.getByRole("row", { name: /Hemtjänsten/ }).count()).resolves.toBe(1);
    await expectAccessible(page, "follow-up board with a linked goal");
  });
});
