/**
 * Finding things and landing on them: the header's search (typed, chosen by keyboard), links from
 * the home page's lists into the card, the minutes § and the plan's goal, deep links that survive
 * signing in, and a quiet notice for a card no longer on its board. Swedish, then English; axe on
 * the search popup and the home page; screenshots at desktop and tablet width.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { swedishToday } from "../../server/services/content-queries.js";
import { addAction } from "../../shared/boards/focus.js";
import { addAgendaItem, addDecision, agendaNotes, setMeeting } from "../../shared/boards/minutes.js";
import { addGoal, addSection } from "../../shared/boards/plan.js";
import { writePlainParagraphs } from "../../shared/richtext/text.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { eventually } from "../helpers/eventually.js";
import { PASSWORD } from "../helpers/factories.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

const ACTION = "En namngiven kontakt för närstående under växelvården";
const DECISION = "Beslutades att växelvården utvärderas vid nästa möte.";

describe.skipIf(!browserSuiteEnabled())("search in the header and links that open the right place", () => {
  let f: BrowserFixture;
  const providers: WebsocketProvider[] = [];
  let focusId: string;
  let minutesId: string;
  let planId: string;
  let actionId: string;
  let sectionId: string;

  async function board(kind: "focus" | "minutes" | "plan", title: string) {
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title });
    const id = res.body.board.id as string;
    const c = connectProvider(f.origin, id, { cookie: f.people.convener.cookie, origin: f.origin });
    providers.push(c.provider);
    await synced(c.provider);
    return { id, doc: c.doc };
  }

  beforeAll(async () => {
    f = await startBrowserFixture();
    const focus = await board("focus", "Växelvård och korttidsboende");
    focusId = focus.id;
    const yesterday = swedishToday(new Date(Date.now() - 86_400_000));
    const nurseId = (await f.people.nurse.get("/api/auth/me")).body.user.id as string;
    actionId = addAction(focus.doc, { title: ACTION, status: "planned", dueDate: yesterday, ownerId: nurseId });
    addAction(focus.doc, { title: "Kartlägga vårdkedjan vid utskrivning", status: "idea" });
    const minutes = await board("minutes", "Samverkansmöte i maj");
    minutesId = minutes.id;
    setMeeting(minutes.doc, { startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    for (let n = 1; n <= 8; n++) {
      const item = addAgendaItem(minutes.doc, {
        title: n === 7 ? "Växelvård på korttidsboendet" : `Punkt nummer ${n}`,
        number: n,
      });
      writePlainParagraphs(agendaNotes(minutes.doc, item), "Anteckningar. ".repeat(60));
      if (n === 7) addDecision(minutes.doc, item, DECISION);
    }
    const plan = await board("plan", "Lokal samverkansplan");
    planId = plan.id;
    addGoal(plan.doc, { title: "Växelvården utan avbrott mellan huvudmännen" });
    sectionId = addSection(plan.doc, "Mellanrummet mellan kommun och region");
    await eventually(async () => {
      const res = await f.people.convener.get(`/api/workspaces/${f.workspaceId}/search?q=v%C3%A4xelv%C3%A5rden`);
      expect(res.body.results.length).toBeGreaterThanOrEqual(3);
    }, 10_000);
  }, 120_000);

  afterAll(async () => {
    for (const p of providers) p.destroy();
    await f?.close();
  });

  const home = (page: Page) => page.getByRole("heading", { level: 1, name: "Nära vård Lekeberg" }).waitFor();
  const searchBox = (page: Page, name = "Sök i samverkan") => page.getByRole("combobox", { name });

  it("searches from the header, picks a hit with the keyboard and lands in the card", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    await home(page);
    const asked: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname.endsWith("/search")) asked.push(new URL(r.url()).searchParams.get("q") ?? "");
    });
    // Typed at an ordinary pace: searched once the typing pauses, not at every key.
    await searchBox(page).pressSequentially("växelvården", { delay: 40 });
    const listbox = page.getByRole("listbox", { name: "Sökträffar" });
    await listbox.waitFor();
    // Polled: until the last query's answer arrives the popup may show an earlier, shorter query's hits.
    for (const group of ["Aktiviteter", "Beslut", "Mål"]) {
      await expect.poll(() => listbox.getByRole("group", { name: group }).count()).toBe(1);
    }
    // (At most a few on a busy machine, where a key may come late; never one per letter.)
    expect(asked.length).toBeLessThanOrEqual(3);
    expect(asked.at(-1)).toBe("växelvården");
    // The words that matched are marked, in the titles and in the text around a match.
    const marked = (where: string) => listbox.locator(`${where} mark`).allTextContents();
    await expect.poll(() => marked(".title")).toContainEqual(expect.stringMatching(/^växelvård/i));
    await expect.poll(() => marked(".snippet")).toContainEqual(expect.stringMatching(/^växelvård/i));
    await expectAccessible(page, "search popup with results");
    await screenshot(page, "search-popup-sv");

    // The first hit is the action (actions come first); Enter opens it.
    await searchBox(page).press("ArrowDown");
    await expect(searchBox(page).getAttribute("aria-activedescendant")).resolves.toBe("hit-0");
    await searchBox(page).press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: ACTION }).waitFor();
    expect(new URL(page.url()).searchParams.get("action")).toBe(actionId);

    // Closing the card leaves the board's plain address: reload shows the board, not the card.
    await dialog.getByRole("button", { name: "Stäng" }).click();
    await dialog.waitFor({ state: "hidden" });
    // (The dialog's close event, which forgets ?action, comes a task after it is hidden.)
    await expect.poll(() => new URL(page.url()).search).toBe("");
    expect(new URL(page.url()).pathname).toBe(`/boards/${focusId}`);

    // Searching again from the board (the same board): Escape closes, nothing found says so.
    await searchBox(page).fill("hjärtsviktsmottagning");
    await page.getByText("Inga träffar för ”hjärtsviktsmottagning”.").first().waitFor();
    await searchBox(page).fill("vårdkedjan");
    await listbox.waitFor();
    await searchBox(page).press("Escape");
    await listbox.waitFor({ state: "hidden" });
    await searchBox(page).press("ArrowDown");
    await expect(searchBox(page).getAttribute("aria-expanded")).resolves.toBe("false");

    // A hit on the board already open: its card opens on this same page.
    await searchBox(page).fill("vårdkedjan utskrivning");
    await listbox.getByRole("option", { name: /Kartlägga vårdkedjan/ }).waitFor();
    await searchBox(page).press("ArrowDown");
    await searchBox(page).press("Enter");
    await page.getByRole("dialog").getByRole("heading", { name: "Kartlägga vårdkedjan vid utskrivning" }).waitFor();
  }, 60_000);

  it("every list on the home page links to its place: the overdue card, the decision's §, the goal", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    await home(page);
    await expectAccessible(page, "home page with links");
    await screenshot(page, "home-links-sv");
    const mine = page.getByRole("region", { name: "Mina aktiviteter" });
    await expect(mine.getByRole("link", { name: ACTION }).getAttribute("href")).resolves.toBe(
      `/boards/${focusId}?action=${actionId}`,
    );
    const overdue = page.getByRole("region", { name: "Försenade aktiviteter" });
    await overdue.getByRole("link", { name: ACTION }).click();
    await page.getByRole("dialog").getByRole("heading", { name: ACTION }).waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Stäng" }).click();

    await page.goBack();
    await home(page);
    // Counts are links too: the focus area's overdue count opens the actions list filtered to them.
    const areas = page.getByRole("region", { name: "Fokusområden" });
    await areas.getByRole("link", { name: "1 försenad" }).click();
    await page.waitForURL(`**/workspaces/${f.workspaceId}/actions?board=${focusId}&overdue=true`);
    await page.getByRole("status").filter({ hasText: "1 aktivitet" }).waitFor();
    await page.getByRole("link", { name: ACTION }).waitFor();
    await page.goBack();
    await home(page);
    await areas.getByRole("link", { name: "Idé: 1" }).click();
    await page.waitForURL(`**/actions?board=${focusId}&status=idea`);
    await page.getByRole("link", { name: "Kartlägga vårdkedjan vid utskrivning" }).waitFor();
    expect(await page.getByRole("link", { name: ACTION }).count()).toBe(0);
    await page.goBack();
    await home(page);
    await page
      .getByRole("region", { name: "Försenade aktiviteter" })
      .getByRole("link", { name: "Alla försenade aktiviteter" })
      .click();
    await page.waitForURL(`**/actions?overdue=true`);
    await page.getByRole("link", { name: ACTION }).waitFor();
    await page.goBack();
    await home(page);
    const decisions = page.getByRole("region", { name: "Senaste beslut" });
    await decisions.getByRole("link", { name: /§ 7/ }).click();
    await page.waitForURL(`**/boards/${minutesId}?item=*`);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe("#§7");
    const heading = page.getByRole("heading", { level: 3, name: "§ 7 Växelvård på korttidsboendet" });
    await eventually(async () => {
      expect(await heading.evaluate((h) => h.matches(":focus"))).toBe(true);
      // Scrolled to: the heading is in the window, though it is far down the minutes.
      const top = await heading.evaluate((h) => h.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(400);
    }, 10_000);
    await screenshot(page, "minutes-deep-link-sv");

    await page.goto(`/workspaces/${f.workspaceId}`);
    await home(page);
    const meetings = page.getByRole("region", { name: "Kommande möten" });
    await expect(meetings.getByRole("link", { name: "Samverkansmöte i maj" }).getAttribute("href")).resolves.toBe(
      `/boards/${minutesId}`,
    );
    await page.getByRole("link", { name: "Växelvården utan avbrott mellan huvudmännen" }).click();
    await page.waitForURL(`**/boards/${planId}?goal=*`);
    const goal = page.locator("plan-board li.goal.target-highlight");
    await goal.waitFor();
  }, 60_000);

  it("a signed-out deep link goes through sign-in and back to exactly that place", async () => {
    const { page, context } = await f.open("convener", `/workspaces/${f.workspaceId}`);
    await home(page);
    await context.clearCookies();
    const deepLink = `/boards/${focusId}?action=${actionId}#%C2%A73`;
    await page.goto(deepLink);
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    const next = new URL(page.url()).searchParams.get("next");
    expect(next).toBe(`/boards/${focusId}?action=${actionId}#%C2%A73`);
    await page.getByLabel("E-postadress").fill("admin@lekeberg.example.se");
    await page.getByLabel("Lösenord").fill(PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("dialog").getByRole("heading", { name: ACTION }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname + url.search + url.hash).toBe(deepLink);
  }, 60_000);

  it("an action no longer on the board: a quiet notice, the board as usual", async () => {
    const { page } = await f.open("nurse", `/boards/${focusId}?action=borttagen-aktivitet`);
    await page.getByRole("heading", { level: 1, name: "Växelvård och korttidsboende" }).waitFor();
    await page.getByRole("status").filter({ hasText: "Aktiviteten finns inte längre på tavlan." }).waitFor();
    await page.getByRole("button", { name: `Öppna ${ACTION}` }).waitFor();
    await expect(page.getByRole("dialog").count()).resolves.toBe(0);
    await expectAccessible(page, "board with a missing deep-link target");
    await screenshot(page, "board-missing-target-sv");
  }, 60_000);

  it("a plan section from the search is scrolled to and focused; a board is listed once, under Tavlor", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    await home(page);
    const listbox = page.getByRole("listbox", { name: "Sökträffar" });
    await searchBox(page).fill("samverkansplan");
    await listbox.getByRole("group", { name: "Tavlor" }).waitFor();
    expect(await listbox.getByRole("group").count()).toBe(1);
    expect(await listbox.getByRole("option").count()).toBe(1);

    await searchBox(page).fill("mellanrummet");
    const group = listbox.getByRole("group", { name: "Planavsnitt" });
    await group.getByRole("option", { name: /Mellanrummet mellan kommun och region/ }).click();
    await page.waitForURL(`**/boards/${planId}?section=${sectionId}`);
    const section = page.locator(`plan-board [data-section="${sectionId}"]`);
    await eventually(async () => {
      expect(await section.evaluate((el) => el.matches(":focus"))).toBe(true);
      const top = await section.evaluate((el) => el.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(400);
    }, 10_000);
    await expectAccessible(page, "plan with a section from the search in focus");
  }, 60_000);

  it("at tablet width the search opens from a button and its popup stays on the screen", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    await page.setViewportSize({ width: 820, height: 1180 });
    await home(page);
    await page.getByRole("button", { name: "Sök", exact: true }).click();
    await searchBox(page).fill("växelvården");
    const listbox = page.getByRole("listbox", { name: "Sökträffar" });
    await listbox.waitFor();
    const box = await listbox.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(820);
    await expectAccessible(page, "search popup at tablet width");
    await screenshot(page, "search-popup-tablet-sv");
    await searchBox(page).press("ArrowDown");
    await searchBox(page).press("ArrowDown");
    await searchBox(page).press("Enter");
    await page.waitForURL(/\/boards\//);
  }, 60_000);

  it("reads in English: search groups, no-results message and the missing-card notice", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`, (context) =>
      context.addInitScript(() => localStorage.setItem("samverkan.locale", "en")),
    );
    await page.getByRole("combobox", { name: "Search the partnership" }).fill("växelvården");
    const listbox = page.getByRole("listbox", { name: "Search results" });
    await listbox.getByRole("group", { name: "Actions" }).waitFor();
    await listbox.getByRole("group", { name: "Decisions" }).waitFor();
    await expectAccessible(page, "search popup in English");
    await screenshot(page, "search-popup-en");
    await page.getByRole("combobox", { name: "Search the partnership" }).fill("hjärtsviktsmottagning");
    await page.getByText("No results for “hjärtsviktsmottagning”.").first().waitFor();
    await page.goto(`/boards/${focusId}?action=gone`);
    await page.getByRole("status").filter({ hasText: "The action is no longer on the board." }).waitFor();
  }, 60_000);
});
