/**
 * Decision points and the roadmap in Chromium: a member records a decision point from a minutes §,
 * ticks its checklist; the convener records the decision and the point is locked; the roadmap's
 * timeline shows its phases and milestones and the focus areas in the improvement cycle, and a
 * phase added by term appears on it. Axe on each screen; screenshots at 820×1180 and 1280×800,
 * with nothing wider than the window.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAgendaItem, addDecision, setMeeting } from "../../shared/boards/minutes.js";
import { addActivity, addMilestone, addPhase, setCycleStep, updateActivity } from "../../shared/boards/roadmap.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

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

describe.skipIf(!browserSuiteEnabled())("decision points and the roadmap in Chromium", () => {
  let f: BrowserFixture;
  let minutesId: string;
  let roadmapId: string;
  let focusId: string;

  const create = async (kind: string, title: string) =>
    (await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title })).body.board.id as string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    const { boardEditor } = f.server.services;
    minutesId = await create("minutes", "Styrgruppsmöte");
    await boardEditor.edit(minutesId, "minutes", convenerId, (doc) => {
      setMeeting(doc, { type: "steering_group", startsAt: "2026-12-12T13:00:00+01:00" });
      addAgendaItem(doc, { id: "p6", title: "Information från arbetsgrupperna", number: 6 });
      addAgendaItem(doc, { id: "p7", title: "Uppföljningsrapport BP4", number: 7 });
      addDecision(doc, "p7", "Styrgruppen godkänner uppföljningsrapporten med ändringar.");
    });
    focusId = await create("focus", "Trygg hemgång");
    roadmapId = await create("roadmap", "Färdplan nära vård");
    await boardEditor.edit(roadmapId, "roadmap", convenerId, (doc) => {
      addPhase(doc, { id: "p1", title: "Kartläggning och nollmätning", term: "HT 2025", endDate: "2026-06-30" });
      addPhase(doc, { id: "p2", title: "Genomförande i arbetsgrupper", term: "HT 2026" });
      addActivity(doc, "p1", "Identifiera fokusområden", "a1");
      addActivity(doc, "p1", "Nollmätning P-CAT", "a2");
      updateActivity(doc, "p1", "a1", { done: true });
      addMilestone(doc, { id: "m1", title: "Nollmätning klar", date: "2026-03-31", done: true });
      addMilestone(doc, { id: "m2", title: "BP4 Uppföljningsrapport", date: "2026-12-12", meetingBoardId: minutesId });
      setCycleStep(doc, focusId, "carry_out", "Aktivitetsplan klar");
    });
  }, 180_000);

  afterAll(() => f?.close());

  it("records a decision point from a minutes §, ticks the checklist and records the decision", async () => {
    const { page } = await f.open("nurse", `/boards/${minutesId}`);
    await page.getByRole("heading", { level: 3, name: "§ 7 Uppföljningsrapport BP4" }).waitFor();
    // Offered under the § that decided something, not under every item.
    await expect(page.getByRole("link", { name: "Registrera som beslutspunkt" }).count()).resolves.toBe(1);
    await page.getByRole("link", { name: "Registrera som beslutspunkt" }).click();
    await page.getByRole("heading", { level: 1, name: /^Beslutspunkter/ }).waitFor();
    await page.getByText("Registreras från § 7, Styrgruppsmöte").waitFor();
    await page.getByLabel("Rubrik").fill("BP4 Uppföljningsrapport");
    await page.getByLabel("Lämnas till").selectOption("steering_group");
    const planned = page.getByLabel("Planerat datum");
    expect(await planned.getAttribute("placeholder")).toBe("ÅÅÅÅ-MM-DD");
    await planned.fill("12/12/2026");
    await planned.blur();
    await expect.poll(() => planned.inputValue()).toBe("2026-12-12");
    await page.getByLabel("Kontrollfrågor (en per rad)").fill("Har projektets mål uppnåtts?\nÄr rapporten klar?");
    await expectAccessible(page, "new decision point from a §");
    await fits(page, "decision-point-new");
    await page.getByRole("button", { name: "Skapa beslutspunkt" }).click();

    await page.getByRole("heading", { level: 1, name: "BP4 Uppföljningsrapport" }).waitFor();
    await page.getByRole("link", { name: /^§ 7, Styrgruppsmöte/ }).waitFor();
    await page.getByText("Ej beslutad").waitFor();
    await page.getByText("Planerad 12 dec. 2026").waitFor();
    const first = page.getByRole("group", { name: "1. Har projektets mål uppnåtts?" });
    await first.getByRole("radio", { name: "Ja" }).check();
    await page.getByText("1 av 2 besvarad").waitFor();
    await page.getByLabel("Kommentar till ”Har projektets mål uppnåtts?”").fill("Sex av sju mål");
    await page.getByLabel("Kommentar till ”Har projektets mål uppnåtts?”").press("Tab");
    await page.getByText("Sparat.").waitFor();
    await page.getByRole("group", { name: "2. Är rapporten klar?" }).getByRole("radio", { name: "Nej" }).check();
    await page.getByText("2 av 2 besvarade").waitFor();
    // Members prepare; the decision is the convener's.
    await page.getByText("Beslutet registreras av sammankallande. Därefter är beslutspunkten låst.").waitFor();
    await expect(page.getByRole("button", { name: "Registrera beslutet" }).count()).resolves.toBe(0);
    await expectAccessible(page, "a decision point with its checklist answered");
    await fits(page, "decision-point-checklist");
    const url = page.url();

    const convener = (await f.open("convener", new URL(url).pathname)).page;
    await convener.getByRole("heading", { level: 1, name: "BP4 Uppföljningsrapport" }).waitFor();
    await convener.getByRole("radio", { name: "Godkänd med ändringar" }).check();
    // Today's date is filled in; the decision was taken on the 12th, typed the Swedish way.
    await convener.getByLabel("Beslutsdatum").fill("12.12.2026");
    await convener.getByLabel("Anteckning om beslutet").fill("Avsnitt 3 kompletteras.");
    await expectAccessible(convener, "recording the decision");
    await convener.getByRole("button", { name: "Registrera beslutet" }).click();
    await convener.getByText("Beslutspunkten är beslutad och låst.").waitFor();
    await convener.getByText(/^Beslutad 12 dec\. 2026: Godkänd med ändringar$/).waitFor();
    await convener.getByText("Registrerat av Anna Admin").waitFor();
    // Locked: the checklist can no longer be answered, even by the convener.
    await expect(convener.getByRole("radio", { name: "Ja" }).first().isDisabled()).resolves.toBe(true);
    await convener.getByRole("button", { name: "Öppna beslutspunkten igen" }).waitFor();
    await expectAccessible(convener, "a decided decision point");
    await fits(convener, "decision-point-decided");

    // The observer reads the list and the point; nothing to change.
    // Found by the header search too, under its own heading.
    const observer = (await f.open("observer", `/workspaces/${f.workspaceId}/decision-points`)).page;
    await observer
      .getByRole("combobox", { name: "Sök i samverkan" })
      .pressSequentially("uppföljningsrapporten", { delay: 20 });
    const hits = observer.getByRole("listbox", { name: "Sökträffar" }).getByRole("group", { name: "Beslutspunkter" });
    await hits.getByRole("option", { name: /BP4 Uppföljningsrapport/ }).waitFor();
    await observer.getByRole("combobox", { name: "Sök i samverkan" }).press("Escape");
    await observer.getByRole("link", { name: "BP4 Uppföljningsrapport" }).click();
    await observer.getByText("Du kan läsa beslutspunkten men inte ändra den.").waitFor();
    await observer.getByText("Godkänd med ändringar", { exact: true }).waitFor();
    await expect(
      observer
        .getByRole("button")
        .filter({ hasText: /Registrera|Spara|Lägg till/ })
        .count(),
    ).resolves.toBe(0);
    await expectAccessible(observer, "a decision point for an observer");
  });

  it("shows the roadmap's phases and milestones on a timeline, and the focus areas in the cycle", async () => {
    const { page } = await f.open("nurse", `/boards/${roadmapId}`);
    await page.getByRole("heading", { level: 1, name: "Färdplan nära vård" }).waitFor();
    const timeline = page.getByRole("figure", { name: "Tidslinje" });
    await timeline.getByText("Kartläggning och nollmätning").waitFor();
    await timeline.getByText("Genomförande i arbetsgrupper").waitFor();
    await expect(timeline.locator(".tl-bar").count()).resolves.toBe(2);
    await expect(timeline.locator(".tl-milestone").count()).resolves.toBe(2);
    await expect(timeline.locator(".tl-milestone.done").count()).resolves.toBe(1);
    await timeline.getByText(/^HT 2026 · 1 juli 2026 – 31 dec\.? 2026$/).waitFor();
    await page.getByText("1 av 2 aktiviteter klara").first().waitFor();
    await page.getByRole("link", { name: "Möte: Styrgruppsmöte" }).waitFor();
    const cycle = page.getByRole("region", { name: "Förbättringscykeln" });
    await cycle
      .getByRole("listitem")
      .filter({ hasText: "Genomföra" })
      .getByRole("link", { name: "Trygg hemgång" })
      .waitFor();
    await expectAccessible(page, "roadmap");
    await fits(page, "roadmap");

    // A phase by term appears on the timeline; a term that is no term is refused in words.
    const addPhase = page.getByRole("form", { name: "Ny fas" });
    await addPhase.getByRole("textbox", { name: "Ny fas" }).fill("Uppföljning – ny mätning");
    await addPhase.getByRole("textbox", { name: "Termin" }).fill("hösten 2027");
    await addPhase.getByRole("button", { name: "Lägg till" }).click();
    await page.getByText("Skriv terminen som HT 2023 eller VT 2024.").waitFor();
    await addPhase.getByRole("textbox", { name: "Termin" }).fill("HT 2027");
    await addPhase.getByRole("button", { name: "Lägg till" }).click();
    await timeline.getByText("Uppföljning – ny mätning").waitFor();
    await expect(timeline.locator(".tl-bar").count()).resolves.toBe(3);

    // The observer reads the same roadmap, without controls.
    const observer = (await f.open("observer", `/boards/${roadmapId}`)).page;
    await observer.getByRole("figure", { name: "Tidslinje" }).getByText("Uppföljning – ny mätning").waitFor();
    await expect(observer.getByRole("textbox").count()).resolves.toBe(0);
    await expectAccessible(observer, "roadmap for an observer");
    await fits(observer, "roadmap-observer");
  });
});
