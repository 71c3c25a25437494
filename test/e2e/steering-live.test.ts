/**
 * The steering view live in Chromium (issue 19): an observer keeps the steering view open (the
 * projector), a working-group member enters an autumn P-CAT value on the follow-up board in a page
 * of their own, and the steering view shows it within a few seconds without a reload; a goal's
 * status set on the plan shows the same way. Axe, screenshots at 1280×800 and 820×1180.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addIndicator, addOccasion, addUnit, setIndicatorValue } from "../../shared/boards/followup.js";
import { addGoal, updateGoal } from "../../shared/boards/plan.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

/** Well under the page's slow refresh (30 s): only the live path can make it. */
const LIVE_WITHIN_MS = 8_000;

describe.skipIf(!browserSuiteEnabled())("the steering view updates live", () => {
  let f: BrowserFixture;
  let followupId: string;
  let planId: string;
  let goalId: string;
  const closers: (() => void)[] = [];

  /** Content written the way any client writes it: over the socket, as the convener. */
  async function asConvener(id: string, edit: (doc: import("yjs").Doc) => void) {
    const c = connectProvider(f.server.url, id, { cookie: f.people.convener.cookie, origin: f.origin });
    closers.push(() => c.provider.destroy());
    await synced(c.provider);
    c.doc.transact(() => edit(c.doc));
  }

  async function steering(): Promise<Page> {
    const { page } = await f.open("observer", `/workspaces/${f.workspaceId}/steering`);
    await page.getByRole("heading", { level: 1, name: "Styrgruppsvy: Nära vård Lekeberg" }).waitFor();
    return page;
  }

  beforeAll(async () => {
    f = await startBrowserFixture();
    const create = async (kind: string, title: string) =>
      (await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title })).body.board
        .id as string;
    followupId = await create("followup", "Uppföljning 2023");
    planId = await create("plan", "Lokal samverkansplan");
    const me = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    await asConvener(followupId, (doc) => {
      const pcat = addIndicator(doc, {
        name: "Personcentrering (P-CAT)",
        unit: "points",
        min: 13,
        max: 52,
        target: 40,
        method: "P-CAT, 13 frågor, 13–52",
      });
      const linden = addUnit(doc, { name: "Linden", id: "linden" });
      const spring = addOccasion(doc, { id: "spring", label: "Nollmätning", date: "2023-04-15", kind: "baseline" });
      addOccasion(doc, { id: "autumn", label: "Uppföljning 1", date: "2023-10-15", kind: "follow_up" });
      setIndicatorValue(doc, pcat, { unitId: linden, occasionId: spring, value: 36, respondents: 14, by: me });
    });
    await asConvener(planId, (doc) => {
      goalId = addGoal(doc, { title: "Personcentrerad vård på alla enheter", level: "effect" });
    });
    // The starting point projected, so the view opens with it (what changes later is the test).
    for (let tries = 0; ; tries++) {
      const view = (await f.people.observer.get(`/api/workspaces/${f.workspaceId}/steering`)).body;
      if (view.goals?.length === 1 && view.indicators?.[0]?.units?.length === 1) break;
      if (tries > 60) throw new Error("the starting point was not projected within 15 s");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 120_000);

  afterAll(async () => {
    for (const close of closers) close();
    await f?.close();
  });

  it("a member enters a follow-up value and the observer's steering view shows it without a reload", async () => {
    const view = await steering();
    await view.getByRole("img", { name: /Linden: Nollmätning 36/ }).waitFor();
    await view.getByRole("heading", { level: 4, name: "Personcentrerad vård på alla enheter" }).waitFor();
    const chartText = () => view.locator("steering-page figure").first().textContent();
    expect(await chartText()).not.toMatch(/Uppföljning 1: 39,5/);
    // A reload would lose this mark.
    await view.evaluate(() => {
      (window as unknown as { steeringMark: number }).steeringMark = 1;
    });

    const { page: nurse } = await f.open("nurse", `/boards/${followupId}`);
    await nurse.getByRole("heading", { level: 1, name: "Uppföljning 2023" }).waitFor();
    await nurse.getByText("Ansluten").waitFor();
    const started = Date.now();
    const field = nurse.getByRole("textbox", { name: "Värde, Linden, Uppföljning 1" });
    await field.fill("39,5");
    await field.press("Tab");

    await expect.poll(chartText, { timeout: LIVE_WITHIN_MS, interval: 200 }).toMatch(/Uppföljning 1: 39,5/);
    expect(Date.now() - started).toBeLessThan(LIVE_WITHIN_MS);
    await expect(view.evaluate(() => (window as unknown as { steeringMark?: number }).steeringMark)).resolves.toBe(1);
    expect(await view.getByRole("textbox").count()).toBe(0);

    await expectAccessible(view, "steering view after a live update");
    for (const [width, height] of [
      [1280, 800],
      [820, 1180],
    ] as const) {
      await view.setViewportSize({ width, height });
      await screenshot(view, `steering-live-${width}x${height}`);
    }
  });

  it("a goal's status set on the plan shows on the open steering view", async () => {
    const view = await steering();
    const card = view
      .getByRole("listitem")
      .filter({ has: view.getByRole("heading", { name: "Personcentrerad vård på alla enheter" }) });
    await card.waitFor();
    expect(await card.textContent()).not.toMatch(/delvis uppnått/i);
    const started = Date.now();
    await asConvener(planId, (doc) => updateGoal(doc, goalId, { status: "partly_achieved" }));
    await expect.poll(() => card.textContent(), { timeout: LIVE_WITHIN_MS, interval: 200 }).toMatch(/delvis uppnått/i);
    expect(Date.now() - started).toBeLessThan(LIVE_WITHIN_MS);
  });

  it("the report's decisions section shows the period's decision points with their checklist and decision", async () => {
    const base = `/api/workspaces/${f.workspaceId}`;
    const today = new Date().toISOString().slice(0, 10);
    const created = await f.people.convener.post(`${base}/decision-points`, {
      title: "BP4 Uppföljningsrapport till styrgruppen",
      kind: "follow_up",
      body: "steering_group",
      plannedOn: today,
      checklist: ["Är mätningen gjord på alla enheter?", "Är avvikelserna dokumenterade?"],
    });
    expect(created.status).toBe(201);
    const point = created.body.decisionPoint as { id: string; checklist: { id: string }[] };
    const answer = (i: number, body: object) =>
      f.people.convener.patch(`${base}/decision-points/${point.id}/checklist/${point.checklist[i]?.id}`, body);
    expect((await answer(0, { answer: "no", comment: "Bara på Linden." })).status).toBe(200);
    expect((await answer(1, { answer: "yes" })).status).toBe(200);
    const decided = await f.people.convener.post(`${base}/decision-points/${point.id}/decide`, {
      outcome: "approved_with_changes",
      decidedOn: today,
      note: "Hemtjänsten mäts om i vår.",
    });
    expect(decided.status).toBe(200);
    const year = today.slice(0, 4);
    const report = await f.people.convener.post(`${base}/reports`, {
      kind: "followup",
      title: `Uppföljning ${year}`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
    });
    expect(report.status).toBe(201);

    const { page } = await f.open("observer", `/workspaces/${f.workspaceId}/reports/${report.body.report.id}`);
    await page.getByRole("heading", { level: 3, name: "Beslutspunkter" }).waitFor();
    const card = page.getByRole("region", { name: "BP4 Uppföljningsrapport till styrgruppen" });
    await card.getByText(`Godkänd med ändringar ${today}`).waitFor();
    await expect(card.getByText(/^Till Styrgrupp ·/).isVisible()).resolves.toBe(true);
    await expect(card.getByText("Kontrollfrågor: 1 ja, 1 nej, 0 obesvarade").isVisible()).resolves.toBe(true);
    await expect(card.getByRole("listitem").filter({ hasText: "Bara på Linden." }).textContent()).resolves.toContain(
      "Är mätningen gjord på alla enheter? Nej",
    );
    await expect(card.getByText("Hemtjänsten mäts om i vår.").isVisible()).resolves.toBe(true);
    await expectAccessible(page, "report with a decision point");
    await card.scrollIntoViewIfNeeded();
    for (const [width, height] of [
      [1280, 800],
      [820, 1180],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `report-decision-points-${width}x${height}`);
    }
  });
});
