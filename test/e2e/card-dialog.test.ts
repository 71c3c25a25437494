/**
 * The card dialog after the user test (issue 21): every field readable at 1280×800 and 820×1180
 * (long organisation and owner names included), a quiet "Sparat" once the server has stored an
 * edit, and "Senast ändrad av …" from the card's history — in Swedish and in English, axe on each.
 */
import type { Locator, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAction } from "../../shared/boards/focus.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { createOrganization, inviteAndJoin } from "../helpers/factories.js";

const LONG_ORG = "Lekebergs kommun – hälso- och sjukvårdsorganisationen";
const CAPIO = "Capio Vårdcentral Lekeberg";
const LONG_NAME = "Margareta Wilhelmina Andersson-Lindqvist";
const TITLE = "Brytpunktssamtal på Solgården";

/** Every label, value and field of the dialog lies inside it, and no text is cut or ellipsed. */
async function everythingVisible(dialog: Locator, what: string) {
  const problems = await dialog.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const found: string[] = [];
    const ctx = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
    for (const field of el.querySelectorAll("label, select, input, textarea, dd, dt, p, h2")) {
      const r = field.getBoundingClientRect();
      const name = `${field.tagName} "${(field.textContent ?? "").trim().slice(0, 40)}"`;
      // (A date field's calendar input is invisible and hidden from screen readers: only its picker shows.)
      if (r.width === 0 || field.closest('[aria-hidden="true"]')) continue;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) found.push(`${name} sticks out of the dialog`);
      const style = getComputedStyle(field);
      if (style.textOverflow === "ellipsis") found.push(`${name} has an ellipsis`);
      if (!(field instanceof HTMLSelectElement) && field.scrollWidth > field.clientWidth + 1) {
        found.push(`${name} is wider than its box`);
      }
      if (field instanceof HTMLSelectElement) {
        // A select cannot wrap: the chosen option's text (plus its arrow) must fit its width.
        ctx.font = style.font;
        const text = field.selectedOptions[0]?.text ?? "";
        const room = field.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
        if (ctx.measureText(text).width + 20 > room) found.push(`select "${text}" is clipped`);
      }
    }
    return found;
  });
  expect(problems, what).toEqual([]);
}

describe.skipIf(!browserSuiteEnabled())("the card dialog in Chromium: fields wrap, Sparat, last changed", () => {
  let f: BrowserFixture;
  let boardId: string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const long = await createOrganization(f.people.convener, LONG_ORG);
    const capio = await createOrganization(f.people.convener, CAPIO, "primary_care");
    await inviteAndJoin(f.people.convener, f.workspaceId, "member", long.id, LONG_NAME);
    await inviteAndJoin(f.people.convener, f.workspaceId, "member", capio.id, "Olle Läkare");
    const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Palliativ vård",
    });
    boardId = res.body.board.id;
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    await f.server.services.boardEditor.edit(boardId, "focus", convenerId, (doc) => {
      addAction(doc, { id: "a1", title: TITLE, status: "idea" });
    });
    await f.server.realtime.manager.room(boardId)?.compact(true);
  }, 120_000);

  afterAll(() => f?.close());

  async function openCard(page: Page, name = `Öppna ${TITLE}`) {
    await page.getByRole("button", { name }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    return dialog;
  }

  it("shows every field whole at both sizes, says Sparat after an edit and who changed the card last", async () => {
    const { page } = await f.open("nurse", `/boards/${boardId}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByText("Ansluten").waitFor();
    let dialog = await openCard(page);
    // The card was made by the convener (seeded with a version in the history).
    await dialog.getByText(/^Senast ändrad av Anna/).waitFor();
    await expect(dialog.getByRole("status").filter({ hasText: "Sparat" }).count()).resolves.toBe(0);

    await dialog.getByLabel("Ansvarig", { exact: true }).selectOption({ label: LONG_NAME });
    await dialog.getByLabel("Ansvarig organisation").selectOption({ label: LONG_ORG });
    await dialog.getByText("Sparat", { exact: true }).waitFor();
    for (const [width, height] of [
      [1280, 800],
      [820, 1180],
    ] as const) {
      await page.setViewportSize({ width, height });
      await everythingVisible(dialog, `editor at ${width}×${height}`);
      await screenshot(page, `card-dialog-${width}x${height}`);
    }
    await dialog.getByLabel("Ansvarig organisation").selectOption({ label: CAPIO });
    await dialog.getByText("Sparat", { exact: true }).waitFor();
    await everythingVisible(dialog, "editor with Capio at 820×1180");
    await expectAccessible(page, "card dialog with Sparat");

    // Escape closes the dialog from inside the editor.
    await dialog.getByLabel("Titel", { exact: true }).press("Escape");
    await dialog.waitFor({ state: "hidden" });

    // The nurse's session ends in a version: reopened, the card names her as its last editor.
    await f.server.realtime.manager.room(boardId)?.compact(true);
    dialog = await openCard(page);
    await dialog.getByText(/^Senast ändrad av Eva Sjuksköterska, \d+ dec\. 2026 \d\d:\d\d$/).waitFor();
    await expectAccessible(page, "card dialog with last changed");
  });

  it("an observer reads long names whole", async () => {
    const { page } = await f.open("observer", `/boards/${boardId}`);
    await page.setViewportSize({ width: 820, height: 1180 });
    const dialog = await openCard(page);
    await dialog.getByText(CAPIO).waitFor();
    await dialog.getByText(/^Senast ändrad av Eva Sjuksköterska/).waitFor();
    await everythingVisible(dialog, "reader at 820×1180");
    await expectAccessible(page, "card dialog read-only");
    // The one way out is a 44 px button beside the title, and it stays in view when the body scrolls.
    const close = dialog.getByRole("button", { name: "Stäng" });
    await dialog.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const box = await close.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(44);
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect(box && box.y >= 0 && box.y + box.height <= 1180).toBe(true);
    await close.click();
    await dialog.waitFor({ state: "hidden" });
  });

  it("offline, an edit is kept for later; back online the dialog says Sparat", async () => {
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    const { page } = await f.open("nurse", `/boards/${boardId}`, (context) =>
      context.routeWebSocket(/\/ws\/boards\//, (ws) => {
        sockets.push(ws);
        if (offline) void ws.close({ code: 1001, reason: "offline" });
        else ws.connectToServer();
      }),
    );
    await page.getByText("Ansluten").waitFor();
    const dialog = await openCard(page);
    offline = true;
    for (const ws of sockets) await ws.close({ code: 1001, reason: "offline" });
    await page.getByText(/^Offline/).waitFor();
    await dialog.getByLabel("PGSA-fas").selectOption({ label: "Göra" });
    await dialog.getByText("Sparas när du är online igen", { exact: true }).waitFor();
    await expectAccessible(page, "card dialog offline");
    offline = false;
    await dialog.getByText("Sparat", { exact: true }).waitFor({ timeout: 20_000 });
  });

  it("reads in English", async () => {
    const { page } = await f.open("nurse", "/");
    await page.getByRole("button", { name: "In English" }).click();
    // English is fetched on demand and remembered once it has arrived; navigate only after that.
    await page.getByRole("button", { name: "På svenska" }).waitFor();
    await page.goto(`/boards/${boardId}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    const dialog = await openCard(page, `Open ${TITLE}`);
    await dialog.getByText(/^Last changed by Eva Sjuksköterska, \d+ Dec 2026, \d\d:\d\d$/).waitFor();
    await dialog.getByLabel("Due date").fill("2026-12-20");
    await dialog.getByLabel("Due date").blur();
    await dialog.getByText("Saved", { exact: true }).waitFor();
    await everythingVisible(dialog, "editor in English");
    await expectAccessible(page, "card dialog in English");
    await screenshot(page, "card-dialog-en");
  });
});
