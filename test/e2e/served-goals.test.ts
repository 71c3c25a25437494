/**
 * Goals and focus areas link both ways: a goal linked to a focus area (in "Mål över tid") shows
 * above that focus area's board, with its status, and opens the plan at the goal. A focus area no
 * goal names shows nothing extra (and loads nothing extra).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkGoal } from "../../shared/boards/goal-history.js";
import { addGoal } from "../../shared/boards/plan.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("the goals a focus area serves", () => {
  let f: BrowserFixture;
  let focusId: string;
  let otherFocusId: string;
  let planId: string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const boards = `/api/workspaces/${f.workspaceId}/boards`;
    focusId = (await f.people.convener.post(boards, { kind: "focus", title: "Palliativ vård" })).body.board.id;
    otherFocusId = (await f.people.convener.post(boards, { kind: "focus", title: "Växelvård" })).body.board.id;
    planId = (await f.people.convener.post(boards, { kind: "plan", title: "Lokal samverkansplan" })).body.board.id;
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    await f.server.services.boardEditor.edit(planId, "plan", convenerId, (doc) => {
      const goal = addGoal(doc, { title: "Fler brytpunktssamtal i hemsjukvården", status: "partly_achieved" });
      linkGoal(doc, goal, { boardId: focusId });
    });
  }, 120_000);
  afterAll(() => f?.close());

  it("shows the goal above the focus board and opens the plan at it", async () => {
    const { page } = await f.open("nurse", `/boards/${focusId}`);
    await page.setViewportSize({ width: 820, height: 1180 });
    // The plan's projection runs shortly after the edit: reload until the link is there.
    const link = page.getByRole("link", { name: "Fler brytpunktssamtal i hemsjukvården · Delvis uppnått" });
    await expect
      .poll(
        async () => {
          if (await link.count()) return true;
          await page.reload();
          await page.getByText("Ansluten").waitFor();
          return (await link.count()) > 0;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await page.getByRole("navigation", { name: "Fokusområdet arbetar mot målen" }).waitFor();
    await expectAccessible(page, "focus board with the goals it serves");
    await screenshot(page, "served-goals-820x1180");
    await link.click();
    await page.waitForURL(`**/boards/${planId}?goal=*`);
    await page.getByRole("heading", { level: 1, name: "Lokal samverkansplan" }).waitFor();
  });

  it("a focus area no goal names shows no goal list and fetches no code for it", async () => {
    const scripts: string[] = [];
    let asked = false;
    const { page } = await f.open("nurse", `/boards/${otherFocusId}`, async (context) => {
      context.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(r.url());
      });
      context.on("response", (r) => {
        if (r.url().endsWith(`/api/boards/${otherFocusId}/goals`)) asked = true;
      });
    });
    await page.getByText("Ansluten").waitFor();
    await expect.poll(() => asked).toBe(true);
    expect(await page.getByRole("navigation", { name: "Fokusområdet arbetar mot målen" }).count()).toBe(0);
    expect(scripts.filter((url) => url.includes("served-goals"))).toEqual([]);
  });
});
