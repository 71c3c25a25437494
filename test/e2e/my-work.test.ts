/**
 * "My work" in Chromium: the actions page's filters (the URL follows them, the back button
 * returns), the CSV download, the printed page (no filters or buttons on paper), the decision log,
 * and the home page's to-do panel with an overdue action of mine and minutes awaiting my
 * approval — in Swedish, and once in English; axe on each screen, screenshots at tablet and desktop.
 */
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { swedishToday } from "../../server/services/content-queries.js";
import { addAction } from "../../shared/boards/focus.js";
import { addAgendaItem, addDecision, setMeeting } from "../../shared/boards/minutes.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { eventually } from "../helpers/eventually.js";

const DAY = 86_400_000;
const dateIn = (days: number) => swedishToday(new Date(Date.now() + days * DAY));
const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1280, height: 800 };

describe.skipIf(!browserSuiteEnabled())("my work in Chromium", () => {
  let f: BrowserFixture;
  let trygg: string;
  let minutesId: string;
  let itemId = "";
  const actionsPath = () => `/workspaces/${f.workspaceId}/actions`;

  const shots = async (page: Page, name: string) => {
    await page.setViewportSize(TABLET);
    await screenshot(page, `${name}-tablet`);
    await page.setViewportSize(DESKTOP);
    await screenshot(page, `${name}-desktop`);
  };

  beforeAll(async () => {
    f = await startBrowserFixture();
    const board = async (kind: "focus" | "minutes", title: string) =>
      (await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title })).body.board
        .id as string;
    trygg = await board("focus", "Trygg hemgång");
    const fall = await board("focus", "Fallprevention");
    minutesId = await board("minutes", "Samverkansmöte december");
    const nurseId = (await f.people.nurse.get("/api/auth/me")).body.user.id as string;
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    const { boardEditor } = f.server.services;
    await boardEditor.edit(trygg, "focus", convenerId, (doc) => {
      addAction(doc, {
        id: "rutin",
        title: "Skriv rutin för överföring",
        status: "planned",
        ownerId: nurseId,
        dueDate: dateIn(-3),
      });
      addAction(doc, {
        id: "utb",
        title: "Boka utbildning",
        status: "in_progress",
        ownerId: nurseId,
        dueDate: dateIn(6),
      });
      addAction(doc, {
        id: "larm",
        title: "Trygghetslarm vid hemgång",
        status: "idea",
        ownerId: convenerId,
        dueDate: dateIn(30),
      });
    });
    await boardEditor.edit(fall, "focus", convenerId, (doc) => {
      addAction(doc, {
        id: "balans",
        title: "Balansträning på äldreboendet",
        status: "follow_up",
        ownerId: convenerId,
        dueDate: dateIn(2),
      });
      addAction(doc, {
        id: "klar",
        title: "Inventera halkskydd",
        status: "done",
        ownerId: nurseId,
        dueDate: dateIn(-20),
      });
    });
    await boardEditor.edit(minutesId, "minutes", convenerId, (doc) => {
      setMeeting(doc, {
        type: "collaboration",
        // A moment ago: closed minutes are of a meeting that began, and it is this week's.
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
        place: "Vårdcentralen",
        convenerId,
        approverIds: [nurseId],
      });
      itemId = addAgendaItem(doc, { title: "Trygg hemgång", number: 7 });
      addDecision(doc, itemId, "Gemensam rutin för överföring införs från årsskiftet.");
    });
    await eventually(async () => {
      const res = await f.people.nurse.get(`/api/workspaces/${f.workspaceId}/actions`);
      expect(res.body.actions).toHaveLength(5);
      const d = await f.people.nurse.get(`/api/workspaces/${f.workspaceId}/decisions`);
      expect(d.body.decisions).toHaveLength(1);
    }, 20_000);
    expect((await f.people.convener.post(`/api/boards/${minutesId}/minutes/close`, {})).status).toBe(200);
  }, 180_000);
  afterAll(() => f?.close());

  it("the home page's to-do panel shows my overdue action and the minutes I am to approve", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    const panel = page.getByRole("region", { name: "Att göra för dig" });
    await panel.waitFor();
    const overdue = panel.locator(".todo-overdue");
    await overdue.getByRole("link", { name: "Skriv rutin för överföring" }).waitFor();
    expect(await overdue.getByRole("link").getAttribute("href")).toBe(`/boards/${trygg}?action=rutin`);
    const approve = panel.locator(".todo-approve");
    expect(await approve.getByRole("link", { name: "Samverkansmöte december" }).getAttribute("href")).toBe(
      `/boards/${minutesId}`,
    );
    await panel.locator(".todo-due").getByRole("link", { name: "Boka utbildning" }).waitFor();
    await panel.locator(".todo-meetings").getByRole("link", { name: "Samverkansmöte december" }).waitFor();
    // Done actions are no one's to-do.
    expect(await panel.getByText("Inventera halkskydd").count()).toBe(0);
    await expectAccessible(page, "home page with the to-do panel");
    await shots(page, "my-work-todo-sv");

    // The panel leads on to the full list.
    await panel.getByRole("link", { name: "Alla aktiviteter" }).click();
    await page.getByRole("heading", { level: 1, name: "Aktiviteter: Nära vård Lekeberg" }).waitFor();
  });

  it("filters the actions list in the URL, and the back button returns to the previous filter", async () => {
    const { page } = await f.open("nurse", actionsPath());
    await page.getByRole("heading", { level: 1, name: "Aktiviteter: Nära vård Lekeberg" }).waitFor();
    await page.getByRole("status").filter({ hasText: "5 aktiviteter" }).waitFor();
    expect(await page.getByRole("link", { name: "Skriv rutin för överföring" }).getAttribute("href")).toBe(
      `/boards/${trygg}?action=rutin`,
    );
    await expectAccessible(page, "actions page");
    await shots(page, "my-work-actions-sv");

    await page.getByRole("combobox", { name: "Ansvarig" }).selectOption({ label: "Mina" });
    await page.getByRole("button", { name: "Visa" }).click();
    await page.waitForURL(/\?owner=me$/);
    await page.getByRole("status").filter({ hasText: "3 aktiviteter" }).waitFor();
    expect(await page.getByRole("link", { name: "Balansträning på äldreboendet" }).count()).toBe(0);

    await page.getByRole("checkbox", { name: "Bara försenade" }).check();
    await page.getByRole("combobox", { name: "Sortera efter" }).selectOption({ label: "Titel" });
    await page.getByRole("button", { name: "Visa" }).click();
    await page.waitForURL(/\?owner=me&overdue=true&sort=title$/);
    await page.getByRole("status").filter({ hasText: "1 aktivitet" }).waitFor();
    await page.getByRole("link", { name: "Skriv rutin för överföring" }).waitFor();

    await page.goBack();
    await page.waitForURL(/\?owner=me$/);
    await page.getByRole("status").filter({ hasText: "3 aktiviteter" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "Bara försenade" }).isChecked()).toBe(false);
    await page.goBack();
    await page.waitForURL(/\/actions$/);
    await page.getByRole("status").filter({ hasText: "5 aktiviteter" }).waitFor();

    // A shared link with several statuses keeps them in the form, in words.
    await page.goto(`${actionsPath()}?status=planned,in_progress`);
    await page.getByRole("status").filter({ hasText: "2 aktiviteter" }).waitFor();
    expect(await page.getByRole("combobox", { name: "Status" }).inputValue()).toBe("planned,in_progress");
    await page.getByRole("option", { name: "Planerad, Pågår" }).waitFor({ state: "attached" });

    // A filter the server refuses (typed into the address) is said in words; the form stays to fix it.
    await page.goto(`${actionsPath()}?dueWithin=9999`);
    await page.getByRole("alert").filter({ hasText: "Filtret går inte att använda" }).waitFor();
    await page.getByRole("button", { name: "Visa" }).waitFor();
  });

  it("downloads exactly the filtered list as CSV for Excel", async () => {
    const { page } = await f.open("nurse", `${actionsPath()}?q=hem&sort=title`);
    // "hem" is in one title and in the focus area "Trygg hemgång": its three actions.
    await page.getByRole("status").filter({ hasText: "3 aktiviteter" }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Ladda ner som CSV (öppnas i Excel)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^aktiviteter-\d{4}-\d\d-\d\d\.csv$/);
    const bytes = await readFile((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("Aktivitet;Status;Ansvarig;Organisation;Fokusområde;Klart senast;Försenad;Aktivitets-id");
    expect(lines.slice(1).map((l) => l.split(";")[0])).toEqual([
      "Boka utbildning",
      "Skriv rutin för överföring",
      "Trygghetslarm vid hemgång",
      "",
    ]);
  });

  it("prints the list alone, one focus area per page when grouped", async () => {
    const { page } = await f.open("nurse", `${actionsPath()}?owner=me&group=1`);
    await page.getByRole("heading", { level: 2, name: /^Trygg hemgång/ }).waitFor();
    await page.getByRole("heading", { level: 2, name: /^Fallprevention/ }).waitFor();
    await expectAccessible(page, "actions grouped per focus area");
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button").count()).toBe(0);
    expect(await page.getByRole("combobox").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Ladda ner som CSV (öppnas i Excel)" }).isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "Nära vård Lekeberg" }).isVisible()).toBe(false);
    await page.getByText("Urval: ansvarig Mina").waitFor();
    expect(await page.getByText(/Utskriven \d/).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Skriv rutin för överföring" }).isVisible()).toBe(true);
    await screenshot(page, "my-work-actions-print");
    await page.emulateMedia({ media: "screen" });
    await page.getByRole("button", { name: "Visa" }).waitFor();
  });

  it("lists decisions with § and meeting, filtered by text, each a link to its § in the minutes", async () => {
    const { page } = await f.open("observer", `/workspaces/${f.workspaceId}/decisions`);
    await page.getByRole("heading", { level: 1, name: "Beslutslogg: Nära vård Lekeberg" }).waitFor();
    await page.getByRole("cell", { name: "§ 7" }).waitFor();
    expect(await page.getByRole("link", { name: "Trygg hemgång" }).getAttribute("href")).toBe(
      `/boards/${minutesId}?item=${itemId}#§7`,
    );
    await expectAccessible(page, "decision log");
    await shots(page, "my-work-decisions-sv");
    await page.getByRole("searchbox", { name: "Sök bland beslut" }).fill("fjugesta");
    await page.getByRole("button", { name: "Visa" }).click();
    await page.waitForURL(/\?q=fjugesta$/);
    await page.getByText("Inga beslut matchar.").waitFor();
    await page.goBack();
    await page.getByRole("cell", { name: "§ 7" }).waitFor();
  });

  it("in English: the list, its filters and the CSV headings", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`, (context) =>
      context.addInitScript(() => localStorage.setItem("samverkan.locale", "en")),
    );
    const panel = page.getByRole("region", { name: "Your to-do list" });
    await panel.getByRole("heading", { name: "Minutes to approve" }).waitFor();
    await panel.getByRole("link", { name: "All actions" }).click();
    await page.getByRole("heading", { level: 1, name: "Actions: Nära vård Lekeberg" }).waitFor();
    await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "In progress" });
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/\?status=in_progress$/);
    await page.getByRole("status").filter({ hasText: "1 action" }).waitFor();
    await expectAccessible(page, "actions page in English");
    await shots(page, "my-work-actions-en");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download as CSV (opens in Excel)" }).click(),
    ]);
    const text = (await readFile((await download.path()) as string)).subarray(3).toString("utf8");
    expect(text.split("\r\n")[0]).toBe("Action;Status;Owner;Organisation;Focus area;Due;Overdue;Action id");
    expect(text.split("\r\n")[1]).toMatch(/^Boka utbildning;In progress;Eva Sjuksköterska;/);
  });
});
