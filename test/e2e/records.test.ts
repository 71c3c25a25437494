/**
 * The händelselogg and the data export in Chromium: linked from the partnership page for
 * conveners, filters kept in the URL, Swedish plurals, the CSV and export downloads, the instance
 * view for the admin; axe and nothing clipped at 820×1180 and 1280×800, in Swedish and English.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

const VIEWPORTS = [
  [820, 1180],
  [1180, 820],
  [1280, 800],
  [390, 844],
] as const;

/** Nothing wider than the window: no sideways scrolling, nothing cut off. */
async function expectNoClipping(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} is wider than the window`).toBeLessThanOrEqual(0);
}

describe.skipIf(!browserSuiteEnabled())("händelselogg and data export in Chromium", () => {
  let f: BrowserFixture;

  beforeAll(async () => {
    f = await startBrowserFixture();
    await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: "focus", title: "Palliativ vård" });
  }, 120_000);
  afterAll(() => f?.close());

  it("a convener opens the log from the partnership page, filters it, and the URL keeps the filters", async () => {
    const { page } = await f.open("convener", `/workspaces/${f.workspaceId}`);
    await page.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor();
    const exportLink = page.getByRole("link", { name: "Exportera all data" });
    expect(await exportLink.getAttribute("href")).toBe(`/api/workspaces/${f.workspaceId}/export`);
    const download = await page.request.get(`/api/workspaces/${f.workspaceId}/export`);
    expect(download.headers()["content-type"]).toBe("application/zip");
    await expectAccessible(page, "partnership page with export");
    await screenshot(page, "home-with-export-sv");

    await page.getByRole("link", { name: "Händelselogg" }).click();
    await page.getByRole("heading", { level: 1, name: "Händelselogg: Nära vård Lekeberg" }).waitFor();
    await page.getByText("Anna Admin skapade tavlan ”Palliativ vård” (fokusområde)").waitFor();
    expect(await page.getByRole("link", { name: "Palliativ vård" }).getAttribute("href")).toMatch(/^\/boards\//);
    await page
      .getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
      .first()
      .waitFor();
    await page.getByText(/^\d+ händelser visas$/).waitFor();
    for (const [width, height] of VIEWPORTS) {
      await page.setViewportSize({ width, height });
      await expectAccessible(page, `audit log ${width}×${height}`);
      await expectNoClipping(page, `audit log ${width}×${height}`);
      await screenshot(page, `audit-log-${width}x${height}-sv`);
    }

    await page.getByRole("combobox", { name: "Person" }).selectOption({ label: "Eva Sjuksköterska" });
    await page.getByRole("combobox", { name: "Typ av händelse" }).selectOption({ label: "Inbjudan accepterad" });
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await page.getByText("1 händelse visas").waitFor();
    await page.getByText("Eva Sjuksköterska tackade ja till en inbjudan som medlem").waitFor();
    expect(new URL(page.url()).search).toMatch(/person=.+&kind=invitation.accepted/);
    const csv = await page.getByRole("link", { name: "Ladda ner som CSV (öppnas i Excel)" }).getAttribute("href");
    expect(csv).toMatch(/\/audit\/csv\?person=.+&kind=invitation.accepted&lang=sv$/);
    const file = await page.request.get(csv as string);
    expect(await file.text()).toContain("Eva Sjuksköterska tackade ja till en inbjudan som medlem");

    await page.reload();
    await page.getByText("1 händelse visas").waitFor();
    await expect
      .poll(() => page.getByRole("combobox", { name: "Typ av händelse" }).inputValue())
      .toBe("invitation.accepted");

    await page.goto(`/workspaces/${f.workspaceId}/audit?from=2001-02-01&to=2001-01-01`);
    await page.getByRole("alert").getByText("Från och med får inte vara senare än till och med.").waitFor();
    await page.getByLabel("Från och med").fill("2001-01-01");
    await page.getByLabel("Till och med").fill("2001-01-31");
    await page.getByRole("button", { name: "Visa", exact: true }).click();
    await page.getByText("Inga händelser matchar filtret.").waitFor();
    await page.getByText("0 händelser visas").waitFor();
    await page.getByRole("link", { name: "Rensa filter" }).click();
    await page.getByText(/^\d+ händelser visas$/).waitFor();
    expect(new URL(page.url()).search).toBe("");
  });

  it("in English, and for the admin the whole instance", async () => {
    const { page } = await f.open("convener", "/");
    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("link", { name: "Audit log for the whole instance" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log for the whole instance" }).waitFor();
    await page.getByText("Anna Admin created the administrator account").waitFor();
    await page.getByText(/^\d+ events shown$/).waitFor();
    for (const [width, height] of VIEWPORTS) {
      await page.setViewportSize({ width, height });
      await expectAccessible(page, `instance audit log ${width}×${height}`);
      await expectNoClipping(page, `instance audit log ${width}×${height}`);
      await screenshot(page, `audit-instance-${width}x${height}-en`);
    }
  });

  it("shows older events on request, continuing from the first new one", async () => {
    for (let i = 0; i < 50; i++) await f.people.convener.post(`/api/workspaces/${f.workspaceId}/calendar-feed`, {});
    const { page } = await f.open("convener", `/workspaces/${f.workspaceId}/audit`);
    await page.getByText("50 händelser visas. Det finns äldre händelser.").waitFor();
    await page.getByRole("button", { name: "Visa fler" }).click();
    await page.getByText(/^(5[1-9]|[6-9]\d) händelser visas$/).waitFor();
    const focused = await page.evaluate(() => {
      const root = document.querySelector("app-root")?.shadowRoot?.querySelector("audit-log-page")?.shadowRoot;
      const items = [...(root?.querySelectorAll("ol.events li") ?? [])];
      return items.indexOf(root?.activeElement as Element);
    });
    expect(focused).toBe(50);
  });

  it("members see neither the link nor the log", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    await page.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor();
    await expect(page.getByRole("link", { name: "Händelselogg" }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "Exportera all data" }).count()).resolves.toBe(0);
    await page.goto(`/workspaces/${f.workspaceId}/audit`);
    await page.getByRole("alert").waitFor();
    await expect(page.locator("ol.events").count()).resolves.toBe(0);
  });
});
