/**
 * An indicator can be changed after it is made (a name written wrong, a target decided later): the
 * form comes filled in under "Ändra indikatorn", the change is live, and a range whose highest value
 * is below its lowest is refused at the form. It can follow the partnership's focus areas.
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { addIndicator } from "../../shared/boards/followup.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("changing an indicator", () => {
  let f: BrowserFixture;
  let boardId: string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "followup",
      title: "Uppföljning 2026",
    });
    boardId = res.body.board.id;
    await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: "focus", title: "Palliativ vård" });
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    await f.server.services.boardEditor.edit(boardId, "followup", convenerId, (doc) => {
      addIndicator(doc, { id: "pcat", name: "PCAT", unit: "points", min: 13, max: 52 });
    });
  }, 120_000);
  afterAll(() => f?.close());

  it("a member corrects the name and sets a target; another page sees it; a wrong range is refused", async () => {
    const { page } = await f.open("nurse", `/boards/${boardId}`);
    const other = (await f.open("convener", `/boards/${boardId}`)).page;
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByText("Ansluten").waitFor();
    const indicator = page.locator('[data-indicator="pcat"]');
    await indicator.getByText("Ändra indikatorn").click();
    await indicator.getByLabel("Indikatorns namn").fill("P-CAT, personcentrerad vård");
    await indicator.getByLabel("Målvärde").fill("40");
    await expectAccessible(page, "an indicator's edit form");
    await screenshot(page, "indicator-edit-820x1180");
    await indicator.getByRole("button", { name: "Spara ändringarna" }).click();
    await page.getByRole("heading", { level: 3, name: /^P-CAT, personcentrerad vård/ }).waitFor();
    await other.getByRole("heading", { level: 3, name: /^P-CAT, personcentrerad vård/ }).waitFor();

    await indicator.getByText("Ändra indikatorn").click();
    await indicator.getByLabel("Lägsta möjliga värde").fill("60");
    await indicator.getByRole("button", { name: "Spara ändringarna" }).click();
    await indicator.getByRole("alert").getByText("Det högsta värdet är lägre än det lägsta.").waitFor();

    // It follows a focus area: chosen from the partnership's, shown on both pages.
    await indicator.getByLabel("Följ ett fokusområde").selectOption({ label: "Palliativ vård" });
    await indicator.getByText("Följer fokusområdena: Palliativ vård").waitFor();
    await other.locator('[data-indicator="pcat"]').getByText("Följer fokusområdena: Palliativ vård").waitFor();
  });
});
