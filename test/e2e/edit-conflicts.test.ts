/**
 * A conflicting offline edit in Chromium (issue 21): two real clients edit a card's title, Eva's
 * offline edit loses; her card's history says so and "Återställ" brings her title back, live on
 * Anna's open board. An observer sees the same line without the button. Axe on each state; both
 * window sizes.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { addAction, getAction, updateAction } from "../../shared/boards/focus.js";
import { addAgendaItem } from "../../shared/boards/minutes.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { eventually } from "../helpers/eventually.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

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

const LOST = "Brytpunktssamtal med anhöriga";
const KEPT = "Brytpunktssamtal i hemmet";

describe.skipIf(!browserSuiteEnabled())("an edit that lost a conflict, in Chromium", () => {
  let f: BrowserFixture;
  let boardId: string;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    f = await startBrowserFixture();
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Palliativ vård",
    });
    boardId = res.body.board.id;
    const client = async (cookie: string | null, clientID: number) => {
      const doc = new Y.Doc();
      doc.clientID = clientID; // the lower id loses a concurrent write of the same field
      const c = connectProvider(f.origin, boardId, { cookie, doc, origin: f.origin });
      providers.push(c.provider);
      await synced(c.provider);
      return c;
    };
    const eva = await client(f.people.nurse.cookie, 1);
    addAction(eva.doc, { id: "a1", title: "Brytpunktssamtal", status: "idea" });
    const anna = await client(f.people.convener.cookie, 2_000_000_000);
    await eventually(() => expect(getAction(anna.doc, "a1")?.title).toBe("Brytpunktssamtal"));
    eva.provider.disconnect();
    updateAction(eva.doc, "a1", { title: LOST });
    updateAction(anna.doc, "a1", { title: KEPT });
    eva.provider.connect();
    await eventually(() => expect(getAction(eva.doc, "a1")?.title).toBe(KEPT));
    for (const p of providers) p.destroy();
  }, 120_000);

  afterAll(() => f?.close());

  it("shows Eva's lost title in the card's history and restores it, live on Anna's board", async () => {
    const watcher = await f.open("convener", `/boards/${boardId}`);
    await watcher.page.getByRole("region", { name: /^Idé/ }).getByText(KEPT).waitFor();

    const { page } = await f.open("nurse", `/boards/${boardId}`);
    await page.getByRole("button", { name: `Öppna ${KEPT}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Visa kortets historik").click();
    await dialog
      .getByText(`Eva Sjuksköterskas ändring av titel till ”${LOST}” ersattes av ”${KEPT}” (ändrat av Anna Admin)`)
      .waitFor();
    const restore = dialog.getByRole("button", { name: `Återställ ”${LOST}”` });
    await expectAccessible(page, "card history with a lost edit");
    await fits(page, "card-history-conflict-sv");

    await restore.click();
    await dialog.getByRole("status").getByText(`Återställt till ”${LOST}”.`).waitFor();
    // The dialog's heading follows the board on its next frame, which may come after the status.
    await expect.poll(() => dialog.getByRole("heading", { level: 2 }).textContent()).toBe(LOST);
    // The value is back: no button offers it again.
    await eventually(async () => expect(await restore.count()).toBe(0));
    await expectAccessible(page, "card history after a restore");
    // Live on Anna's open board.
    await watcher.page.getByRole("region", { name: /^Idé/ }).getByText(LOST).waitFor();
  });

  it("shows the observer the lost edit without a restore button", async () => {
    const { page } = await f.open("observer", `/boards/${boardId}`);
    await page.getByRole("button", { name: /^Öppna Brytpunktssamtal/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Visa kortets historik").click();
    await dialog.getByText(/Eva Sjuksköterskas ändring av titel till/).waitFor();
    await expect(dialog.getByRole("button", { name: /^Återställ/ }).count()).resolves.toBe(0);
    await expectAccessible(page, "card history with a lost edit, observer");
  });

  it("shows who last changed each agenda item of the minutes", async () => {
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "minutes",
      title: "Samverkansmöte 7 december",
    });
    const minutesId = res.body.board.id as string;
    const nurseId = (await f.people.nurse.get("/api/auth/me")).body.user.id as string;
    await f.server.services.boardEditor.edit(minutesId, "minutes", nurseId, (doc) => {
      addAgendaItem(doc, { id: "p1", title: "Trygg hemgång", number: 1 });
    });
    // The change reaches the history when the editing session's log is compacted.
    await f.server.realtime.manager.room(minutesId)?.compact(true);
    const { page } = await f.open("convener", `/boards/${minutesId}`);
    const item = page.getByRole("region", { name: /Trygg hemgång/ });
    await item.getByText(/^Senast ändrad av Eva Sjuksköterska, /).waitFor();
    await expectAccessible(page, "minutes with who changed an agenda item");
    await fits(page, "minutes-agenda-last-changed-sv");
  });
});
