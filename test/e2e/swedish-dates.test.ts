/**
 * Dates the Swedish way whatever the browser's language (the browser's own date input follows the
 * system's, mm/dd/yyyy on an American-English one): the card's due date and a meeting's time
 * are shown as ÅÅÅÅ-MM-DD and 24-hour time, typed variants are read, a date that does not exist is
 * refused beside the field and the message goes as soon as the field is fixed. In the English UI
 * the roadmap, the follow-up board and a decision point take and show the same YYYY-MM-DD, store
 * ISO dates, and a date field's label lines up with the fields beside it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { addAction } from "../../shared/boards/focus.js";
import { readOccasions } from "../../shared/boards/followup.js";
import { addPhase, readRoadmap } from "../../shared/boards/roadmap.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

/** The top of a field's label on the page: labels side by side start at the same height. */
const labelTop = async (page: Page, name: string) =>
  (
    await page
      .locator("label")
      .filter({ hasText: new RegExp(`^\\s*${name}`) })
      .first()
      .boundingBox()
  )?.y;

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
  const closers: (() => void)[] = [];
  afterAll(async () => {
    for (const close of closers) close();
    await f?.close();
  });

  /** The board's document as another client sees it, live. */
  async function watch(boardId: string): Promise<Y.Doc> {
    const c = connectProvider(f.server.url, boardId, { cookie: f.people.convener.cookie, origin: f.origin });
    closers.push(() => c.provider.destroy());
    await synced(c.provider);
    return c.doc;
  }

  it("reads a typed due date, refuses one that does not exist, and clears the message once fixed", async () => {
    const { page } = await f.open("nurse", `/boards/${focusId}`);
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByText("Ansluten").waitFor();
    await page.getByRole("button", { name: "Öppna Planera växelvårdsplatser" }).click();
    const dialog = page.getByRole("dialog");
    const due = dialog.getByLabel("Klart senast");
    expect(await due.getAttribute("placeholder")).toBe("ÅÅÅÅ-MM-DD");
    // Named by its label's words alone, not also by the calendar button inside the label.
    await dialog.getByRole("textbox", { name: "Klart senast", exact: true }).waitFor();

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
    // The time fields' labels sit level with the select and the text field beside them.
    const top = await labelTop(page, "Mötestyp");
    expect(top).toBeDefined();
    for (const name of ["Börjar", "Slutar", "Plats"]) expect(await labelTop(page, name), name).toBe(top);
    await expectAccessible(page, "meeting details with Swedish times");
    await screenshot(page, "meeting-time-1280x800");
  });

  it("in English, the roadmap, follow-up and decision-point dates are typed and shown as YYYY-MM-DD", async () => {
    const create = async (kind: string, title: string) =>
      (await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title })).body.board
        .id as string;
    const roadmapId = await create("roadmap", "Roadmap");
    const followupId = await create("followup", "Follow-up 2026");
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    await f.server.services.boardEditor.edit(roadmapId, "roadmap", convenerId, (doc) => {
      addPhase(doc, { id: "p1", title: "Baseline", startDate: "2026-01-01", endDate: "2026-06-30" });
    });
    const roadmap = await watch(roadmapId);
    const followup = await watch(followupId);

    const { page } = await f.open("convener", "/");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("button", { name: "På svenska" }).waitFor();

    await page.goto(`/boards/${roadmapId}`);
    await page.getByText("Connected").waitFor();
    // Named in English after the switch, by the label's words alone.
    const from = page.getByRole("textbox", { name: "From", exact: true });
    const to = page.getByRole("textbox", { name: "To", exact: true });
    // A text field in the Swedish form, not the browser's mm/dd/yyyy date input.
    expect(await from.getAttribute("type")).toBe("text");
    expect(await from.getAttribute("placeholder")).toBe("YYYY-MM-DD");
    expect(await from.inputValue()).toBe("2026-01-01");
    expect(await to.inputValue()).toBe("2026-06-30");
    // Day first, as in Sweden: 30/9/2026 is the 30th of September.
    await to.fill("30/9/2026");
    await to.blur();
    await expect.poll(() => to.inputValue()).toBe("2026-09-30");
    await expect.poll(() => readRoadmap(roadmap).phases[0]?.endDate).toBe("2026-09-30");
    // Emptied, the phase has no start date any more.
    await from.fill("");
    await from.blur();
    await expect.poll(() => readRoadmap(roadmap).phases[0]?.startDate).toBeNull();
    // A month that does not exist is refused beside the field and not stored.
    await to.fill("2026-13-01");
    await to.blur();
    await page.getByText("Write the date as YYYY-MM-DD, for example 2026-12-20.").waitFor();
    expect(readRoadmap(roadmap).phases[0]?.endDate).toBe("2026-09-30");
    await to.fill("2026-09-30");
    await to.blur();

    const newMilestone = page.locator("form", { has: page.getByRole("textbox", { name: "New milestone" }) });
    await newMilestone.getByRole("textbox", { name: "New milestone" }).fill("Follow-up report");
    await newMilestone.getByLabel("Date", { exact: true }).fill("31.12.2026");
    await newMilestone.getByRole("button", { name: "Add", exact: true }).click();
    await expect
      .poll(() => readRoadmap(roadmap).milestones.map((m) => [m.title, m.date]))
      .toEqual([["Follow-up report", "2026-12-31"]]);
    const milestoneDate = page.locator("li.milestone").getByLabel("Date", { exact: true });
    await expect.poll(() => milestoneDate.inputValue()).toBe("2026-12-31");
    await milestoneDate.fill("20261215");
    await milestoneDate.blur();
    await expect.poll(() => readRoadmap(roadmap).milestones[0]?.date).toBe("2026-12-15");
    await expectAccessible(page, "roadmap dates in English");
    await screenshot(page, "roadmap-dates-en");

    await page.goto(`/boards/${followupId}`);
    await page.getByText("Connected").waitFor();
    const occasion = page.getByRole("form", { name: "Add occasion" });
    await occasion.getByLabel("Name", { exact: true }).fill("Autumn measurement");
    const date = occasion.getByLabel("Date", { exact: true });
    expect(await date.getAttribute("placeholder")).toBe("YYYY-MM-DD");
    await date.fill("15/10/2026");
    await occasion.getByRole("button", { name: "Add occasion" }).click();
    await page.getByText("Autumn measurement").waitFor();
    await page.getByText("15 Oct 2026", { exact: false }).waitFor();
    expect(readOccasions(followup).map((o) => o.date)).toEqual(["2026-10-15"]);
    await expectAccessible(page, "follow-up occasion dates in English");

    await page.goto(`/workspaces/${f.workspaceId}/decision-points`);
    const planned = page.getByLabel("Planned date", { exact: true });
    expect(await planned.getAttribute("placeholder")).toBe("YYYY-MM-DD");
    // Its label sits level with the selects beside it.
    expect(await labelTop(page, "Planned date")).toBe(await labelTop(page, "Kind"));
    await page.getByRole("textbox", { name: /^Title/ }).fill("BP5 Final report");
    await planned.fill("1/2/2027");
    await page.getByRole("button", { name: "Create decision point" }).click();
    await page.getByRole("heading", { level: 1, name: "BP5 Final report" }).waitFor();
    await page.getByText("Planned 1 Feb 2027").waitFor();
    await page.getByText("Edit details").click();
    await expect.poll(() => page.getByLabel("Planned date", { exact: true }).inputValue()).toBe("2027-02-01");
    expect(await labelTop(page, "Planned date")).toBe(await labelTop(page, "Kind"));
    await expectAccessible(page, "decision point dates in English");
    await screenshot(page, "decision-point-dates-en");
  });
});
