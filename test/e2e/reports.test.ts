/**
 * Follow-up reports and the steering view in Chromium: a convener compiles a draft from the
 * partnership home page's link, a member writes the summary and a goal's utvecklingsområden, the
 * convener freezes it (the texts are then read-only, a new version can be made), an observer
 * reads the report without any field to edit and opens the steering view with every goal and the
 * overdue actions per organisation. Axe on each screen; screenshots at 820×1180 and 1280×800.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { swedishToday } from "../../server/services/content-queries.js";
import { addAction } from "../../shared/boards/focus.js";
import { addGoal } from "../../shared/boards/plan.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { eventually } from "../helpers/eventually.js";

const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1280, height: 800 };
const year = new Date().getFullYear();

describe.skipIf(!browserSuiteEnabled())("follow-up reports and the steering view in Chromium", () => {
  let f: BrowserFixture;
  let reportPath = "";

  const shots = async (page: Page, name: string) => {
    await page.setViewportSize(TABLET);
    await screenshot(page, `${name}-tablet`);
    await page.setViewportSize(DESKTOP);
    await screenshot(page, `${name}-desktop`);
  };

  beforeAll(async () => {
    f = await startBrowserFixture();
    const board = async (kind: "focus" | "plan", title: string) =>
      (await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title })).body.board
        .id as string;
    const plan = await board("plan", "Plan för nära vård");
    const trygg = await board("focus", "Trygg hemgång");
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    const orgs = (await f.people.convener.get("/api/organizations")).body.organizations as { id: string }[];
    const { boardEditor } = f.server.services;
    await boardEditor.edit(plan, "plan", convenerId, (doc) => {
      addGoal(doc, {
        title: "Ökad trygghet för äldre i hemmet",
        level: "effect",
        status: "partly_achieved",
        perspectives: ["citizen"],
        comment: "Mätningen på Linden visar förbättring.",
      });
      addGoal(doc, { title: "Gemensam rutin för överföring", level: "project", status: "achieved" });
    });
    await boardEditor.edit(trygg, "focus", convenerId, (doc) => {
      addAction(doc, {
        title: "Utbilda personalen på Oxelgården",
        status: "in_progress",
        organizationId: orgs[0]?.id ?? null,
        dueDate: swedishToday(new Date(Date.now() - 5 * 86_400_000)),
      });
      addAction(doc, { title: "Skriv rutin", status: "done", dueDate: null });
    });
    await eventually(async () => {
      const a = await f.people.convener.get(`/api/workspaces/${f.workspaceId}/actions`);
      expect(a.body.actions).toHaveLength(2);
      const s = await f.people.convener.get(`/api/workspaces/${f.workspaceId}/steering`);
      expect(s.body.goals).toHaveLength(2);
    });
  }, 120_000);
  afterAll(() => f?.close());

  it("a convener compiles a draft from the home page and a member edits its texts", async () => {
    const { page } = await f.open("convener", `/workspaces/${f.workspaceId}`);
    await page.getByRole("link", { name: "Uppföljningsrapporter" }).click();
    await page.getByRole("heading", { level: 1, name: "Uppföljningsrapporter: Nära vård Lekeberg" }).waitFor();
    await expect(page.getByText("Inga rapporter ännu.").isVisible()).resolves.toBe(true);
    await expectAccessible(page, "reports list, empty, convener");
    await page.getByRole("combobox", { name: "Typ" }).selectOption({ label: "Slutrapport" });
    await page.getByRole("textbox", { name: "Rubrik" }).fill(`Trygg hemgång ${year}`);
    // The period is the calendar year, written and typed the Swedish way.
    await expect(page.getByLabel("Från och med").inputValue()).resolves.toBe(`${year}-01-01`);
    await page.getByLabel("Till och med").fill(`31/12/${year}`);
    await page.getByRole("button", { name: "Sammanställ utkast" }).click();
    await page.getByRole("heading", { level: 1, name: `Slutrapport: Trygg hemgång ${year}` }).waitFor();
    reportPath = new URL(page.url()).pathname;
    await page.getByText(`Period ${year}-01-01 – ${year}-12-31`, { exact: false }).waitFor();
    await page.getByRole("heading", { level: 3, name: "Effektmål" }).waitFor();
    await expect(page.getByText("delvis uppnått", { exact: true }).isVisible()).resolves.toBe(true);
    // The overdue action counts for its focus area.
    const row = page.getByRole("row", { name: /Trygg hemgång/ });
    await expect(row.getByRole("cell").allTextContents()).resolves.toEqual(["Trygg hemgång", "1", "1", "1"]);

    const nurse = (await f.open("nurse", reportPath)).page;
    await nurse.getByRole("textbox", { name: "Sammanfattning" }).fill("Året präglades av chefsbyten i hemtjänsten.");
    const goal = nurse.locator(".goal", { hasText: "Ökad trygghet för äldre i hemmet" });
    await goal.getByRole("textbox", { name: "Utvecklingsområden" }).fill("Fortsätt med balansträning på Linden.");
    await nurse.getByRole("button", { name: "Spara texterna" }).click();
    await nurse.getByRole("status").filter({ hasText: "Texterna är sparade." }).waitFor();
    expect(await nurse.getByRole("button", { name: "Fastställ rapporten" }).count()).toBe(0);
    await expectAccessible(nurse, "report draft, member editing");
    await shots(nurse, "report-draft-sv");
  });

  it("the convener freezes it; then nobody edits it, and an observer reads it", async () => {
    const { page } = await f.open("convener", reportPath);
    page.on("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Fastställ rapporten" }).click();
    await page.getByText(/^Fastställd /).waitFor();
    expect(await page.getByRole("textbox").count()).toBe(0);
    await expect(page.getByText("Fortsätt med balansträning på Linden.").isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Gör en ny version" }).waitFor();

    const observer = (await f.open("observer", reportPath)).page;
    await observer.getByRole("heading", { level: 1, name: `Slutrapport: Trygg hemgång ${year}` }).waitFor();
    await expect(observer.getByText("Året präglades av chefsbyten i hemtjänsten.").isVisible()).resolves.toBe(true);
    expect(await observer.getByRole("textbox").count()).toBe(0);
    expect(await observer.getByRole("button", { name: "Gör en ny version" }).count()).toBe(0);
    expect(await observer.getByRole("link", { name: "PDF/A" }).getAttribute("href")).toMatch(/report\.pdf\?lang=sv$/);
    await expectAccessible(observer, "frozen report, observer");
    await shots(observer, "report-frozen-sv");
  });

  it("the steering view shows every goal and the overdue actions per organisation, readable on a projector", async () => {
    const { page } = await f.open("observer", `/workspaces/${f.workspaceId}`);
    await page.getByRole("link", { name: "Styrgruppsvy" }).click();
    await page.getByRole("heading", { level: 1, name: "Styrgruppsvy: Nära vård Lekeberg" }).waitFor();
    await page.getByRole("heading", { level: 4, name: "Ökad trygghet för äldre i hemmet" }).waitFor();
    await page.getByRole("heading", { level: 4, name: "Gemensam rutin för överföring" }).waitFor();
    await expect(page.getByText("1 försenad aktivitet").isVisible()).resolves.toBe(true);
    const size = await page.locator("steering-page").evaluate((el) => getComputedStyle(el).fontSize);
    expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(20);
    await expectAccessible(page, "steering view");
    await shots(page, "steering-sv");
  });
});
