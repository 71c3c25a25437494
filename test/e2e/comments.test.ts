/**
 * Comments on actions and goals in Chromium (issue 21): Eva mentions Anna with the keyboard-operated
 * @ list, Anna sees the comment arrive live in her open card and gets a notification; Eva edits and
 * deletes her own comment and Anna sees both; the observer reads the thread without a composer;
 * a goal's thread opens from "Kommentarer (n)" on the plan. Axe on each state, screenshots at
 * 1280×800 and 820×1180.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAction } from "../../shared/boards/focus.js";
import { addGoal } from "../../shared/boards/plan.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";
import { eventually } from "../helpers/eventually.js";

const ACTION = "Trygg hemgång från lasarettet";
const GOAL = "Färre återinläggningar inom 30 dagar";
const SIZES = [
  [1280, 800],
  [820, 1180],
] as const;

describe.skipIf(!browserSuiteEnabled())("comments on actions and goals in Chromium", () => {
  let f: BrowserFixture;
  let focusId: string;
  let planId: string;

  async function card(who: Person): Promise<Page> {
    const { page } = await f.open(who, `/boards/${focusId}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByText("Ansluten").waitFor();
    await page.getByRole("button", { name: `Öppna ${ACTION}` }).click();
    await page.getByRole("dialog").getByRole("heading", { name: "Kommentarer" }).waitFor();
    return page;
  }

  beforeAll(async () => {
    f = await startBrowserFixture();
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    const focus = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Trygg hemgång",
    });
    focusId = focus.body.board.id;
    await f.server.services.boardEditor.edit(focusId, "focus", convenerId, (doc) => {
      addAction(doc, { id: "a1", title: ACTION, status: "in_progress" });
    });
    const plan = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "plan",
      title: "Lokal samverkansplan",
    });
    planId = plan.body.board.id;
    await f.server.services.boardEditor.edit(planId, "plan", convenerId, (doc) => {
      addGoal(doc, { title: GOAL });
    });
  }, 120_000);

  afterAll(() => f?.close());

  it("a mention picked with the keyboard reaches Anna live and as a notification; edit and delete show for her too", async () => {
    const anna = await card("convener");
    const eva = await card("nurse");
    const thread = eva.getByRole("dialog");
    await thread.getByText("Inga kommentarer än.").waitFor();

    const field = thread.getByRole("textbox", { name: "Skriv en kommentar" });
    await field.click();
    await field.pressSequentially("@An");
    const list = thread.getByRole("listbox", { name: "Personer att nämna" });
    await list.getByRole("option", { name: "Anna Admin" }).waitFor();
    await expect(list.getByRole("option", { name: "Anna Admin" }).getAttribute("aria-selected")).resolves.toBe("true");
    await expect(field.getAttribute("aria-activedescendant")).resolves.toBeTruthy();
    await expectAccessible(eva, "comment composer with the mention list open");
    await screenshot(eva, "comments-mention-list-1280x800");
    await field.press("Enter");
    await list.waitFor({ state: "hidden" });
    await field.pressSequentially("kan du boka samtalsrummet till torsdag?");
    await expect(field.inputValue()).resolves.toBe("@Anna Admin kan du boka samtalsrummet till torsdag?");
    await thread.getByRole("button", { name: "Skicka" }).click();
    await expect(field.inputValue()).resolves.toBe("");

    // Anna, with the same card open, sees it arrive with her name set off.
    const annaThread = anna.getByRole("dialog");
    const comment = annaThread.getByRole("article", { name: "Eva Sjuksköterska" });
    await comment.getByText("kan du boka samtalsrummet till torsdag?", { exact: false }).waitFor();
    await expect(comment.locator(".mention").textContent()).resolves.toBe("@Anna Admin");
    await annaThread.getByText("1 kommentar", { exact: true }).waitFor();
    // Only the author may change it: Anna gets no buttons for Eva's comment.
    await expect(comment.getByRole("button").count()).resolves.toBe(0);
    await eventually(async () => {
      const list = (await f.people.convener.get("/api/me/notifications")).body.notifications as { kind: string }[];
      expect(list.map((n) => n.kind)).toContain("mentioned");
    }, 15_000);
    await anna.reload();
    await anna.getByRole("button", { name: /^Aviseringar, 1 oläst/ }).waitFor();

    for (const [width, height] of SIZES) {
      await eva.setViewportSize({ width, height });
      await thread.getByRole("article", { name: "Eva Sjuksköterska (du)" }).scrollIntoViewIfNeeded();
      await screenshot(eva, `comments-card-${width}x${height}`);
    }
    await expectAccessible(eva, "card dialog with a comment");

    // Eva edits her comment: Anna sees the new text, marked as edited.
    const own = thread.getByRole("article", { name: "Eva Sjuksköterska (du)" });
    await own.getByRole("button", { name: "Redigera" }).click();
    const edit = own.getByRole("textbox", { name: "Redigera din kommentar" });
    await expect(edit.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);
    await edit.fill("@Anna Admin kan du boka samtalsrummet till fredag?");
    await expectAccessible(eva, "editing a comment");
    await own.getByRole("button", { name: "Spara" }).click();
    const annaCard = await card("convener");
    const seen = annaCard.getByRole("dialog").getByRole("article", { name: "Eva Sjuksköterska" });
    await seen.getByText("till fredag?", { exact: false }).waitFor();
    await seen.getByText("(redigerad)").waitFor();

    // And deletes it (after confirming): a marker stays in the thread for everyone.
    eva.once("dialog", (d) => void d.accept());
    await own.getByRole("button", { name: "Ta bort" }).click();
    await own.getByText("Kommentaren är borttagen.").first().waitFor();
    await seen.getByText("Kommentaren är borttagen.").waitFor();
    await annaCard.getByRole("dialog").getByText("Inga kommentarer än.").waitFor();
  });

  it("the observer reads the thread but has no composer and no buttons", async () => {
    const eva = await card("nurse");
    const thread = eva.getByRole("dialog");
    await thread.getByRole("textbox", { name: "Skriv en kommentar" }).fill("Lena, det här är till dig att läsa.");
    await thread.getByRole("button", { name: "Skicka" }).click();

    const lena = await card("observer");
    const reader = lena.getByRole("dialog");
    await reader.getByText("Lena, det här är till dig att läsa.").waitFor();
    await reader.getByText("Du kan läsa kommentarerna men inte skriva.").waitFor();
    await expect(reader.getByRole("textbox", { name: "Skriv en kommentar" }).count()).resolves.toBe(0);
    await expect(reader.getByRole("button", { name: "Skicka" }).count()).resolves.toBe(0);
    await expect(reader.getByRole("button", { name: "Redigera" }).count()).resolves.toBe(0);
    await expectAccessible(lena, "comment thread for an observer");
    await screenshot(lena, "comments-observer-820x1180");
  });

  it("a goal's thread opens from Kommentarer (n) on the plan and counts what is written", async () => {
    const { page } = await f.open("nurse", `/boards/${planId}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByText("Ansluten").waitFor();
    const open = page.getByRole("button", { name: `Kommentarer (0) om ${GOAL}` });
    await open.click();
    const dialog = page.getByRole("dialog", { name: `Kommentarer om ${GOAL}` });
    await dialog.waitFor();
    await dialog.getByRole("textbox", { name: "Skriv en kommentar" }).fill("Vi följer upp siffrorna i maj.");
    await dialog.getByRole("button", { name: "Skicka" }).click();
    await dialog
      .getByRole("article", { name: "Eva Sjuksköterska (du)" })
      .getByText("Vi följer upp siffrorna i maj.")
      .waitFor();
    await expectAccessible(page, "a goal's comments");
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `comments-goal-${width}x${height}`);
    }
    await dialog.getByRole("textbox", { name: "Skriv en kommentar" }).press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: `Kommentarer (1) om ${GOAL}` }).waitFor();
    // Focus went back to the button that opened it.
    const focused = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute("aria-label") ?? null;
    });
    expect(focused).toBe(`Kommentarer (1) om ${GOAL}`);
  });
});
