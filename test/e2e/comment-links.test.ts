/**
 * A link to a comment (issue 21) opens its thread with the comment focused: on a goal, the plan at
 * that goal with the thread's dialog — from the mention notification and from a search hit of kind
 * comment — and closing it leaves focus on the goal's "Kommentarer" button; on an action, its card.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addComment } from "../../shared/boards/comments.js";
import { addAction } from "../../shared/boards/focus.js";
import { addGoal } from "../../shared/boards/plan.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { eventually } from "../helpers/eventually.js";

const GOAL = "Fler med samordnad individuell plan";
const TEXT = "Kan du ta fram antalet SIP-möten per månad till styrgruppen?";

/** The focused element through shadow roots: its tag, label and (for a comment) its text. */
function focused(page: Page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? "",
      label: el?.getAttribute("aria-label") ?? "",
      text: el?.textContent ?? "",
    };
  });
}

describe.skipIf(!browserSuiteEnabled())("links to a comment in Chromium", () => {
  let f: BrowserFixture;
  let planId: string;
  let goalId: string;
  let commentId: string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    const nurseId = (await f.people.nurse.get("/api/auth/me")).body.user.id as string;
    const plan = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "plan",
      title: "Lokal samverkansplan",
    });
    planId = plan.body.board.id;
    await f.server.services.boardEditor.edit(planId, "plan", convenerId, (doc) => {
      goalId = addGoal(doc, { title: GOAL });
      addComment(doc, { targetId: goalId, authorId: convenerId, body: "Målet följs upp i maj." });
      commentId = addComment(doc, {
        targetId: goalId,
        authorId: convenerId,
        body: `@Eva Sjuksköterska ${TEXT}`,
        mentions: [nurseId],
      });
    });
  }, 120_000);

  afterAll(() => f?.close());

  async function expectThreadAtComment(page: Page) {
    const dialog = page.getByRole("dialog", { name: `Kommentarer om ${GOAL}` });
    await dialog.waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: "article", label: "Anna Admin" });
    expect((await focused(page)).text).toContain(TEXT);
    expect(new URL(page.url()).searchParams.get("goal")).toBe(goalId);
    return dialog;
  }

  it("the mention notification opens the goal's thread with the comment focused", async () => {
    await eventually(async () => {
      const list = (await f.people.nurse.get("/api/me/notifications")).body.notifications as {
        kind: string;
        link: string;
      }[];
      const mention = list.find((n) => n.kind === "mentioned");
      expect(mention?.link).toBe(`/boards/${planId}?goal=${goalId}&comment=${commentId}`);
    }, 15_000);
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    await page.getByRole("button", { name: /^Aviseringar, 1 oläst/ }).click();
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole("link", { name: /^Oläst: Du nämns i en kommentar om/ }).click();
    const dialog = await expectThreadAtComment(page);
    await expectAccessible(page, "a goal's thread opened from a link, at the comment");
    await screenshot(page, "goal-comment-link-820x1180-sv");

    // Closing it leaves focus on the goal's comments button, as if opened from there.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => focused(page).then((e) => e.label)).toBe(`Kommentarer (2) om ${GOAL}`);
  });

  it("a search hit of kind comment on a goal opens the same way", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    const box = page.getByRole("combobox", { name: "Sök i samverkan" });
    await box.pressSequentially("styrgruppen", { delay: 40 });
    const hits = page.getByRole("listbox", { name: "Sökträffar" }).getByRole("group", { name: "Kommentarer" });
    await hits.getByRole("option").first().waitFor();
    await box.press("ArrowDown");
    await box.press("Enter");
    await expectThreadAtComment(page);
    expect(new URL(page.url()).searchParams.get("comment")).toBe(commentId);
  });

  it("a link to a comment on an action opens its card with the comment focused", async () => {
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    const focus = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Trygg hemgång",
    });
    const focusId = focus.body.board.id as string;
    let id = "";
    await f.server.services.boardEditor.edit(focusId, "focus", convenerId, (doc) => {
      addAction(doc, { id: "a1", title: "Ring hemtjänsten dag 1", status: "planned" });
      addComment(doc, { targetId: "a1", authorId: convenerId, body: "Vem ringer på helger?" });
      id = addComment(doc, { targetId: "a1", authorId: convenerId, body: "Helgjouren tar det, enligt rutinen." });
    });
    const { page } = await f.open("nurse", `/boards/${focusId}?action=a1&comment=${id}`);
    await page.getByRole("dialog").getByRole("heading", { name: "Ring hemtjänsten dag 1" }).waitFor();
    await expect.poll(() => focused(page)).toMatchObject({ tag: "article", label: "Anna Admin" });
    expect((await focused(page)).text).toContain("Helgjouren tar det");
    await expectAccessible(page, "a card opened from a link to one of its comments");
    // Closing the card forgets the link's card and comment: a reload shows the board.
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await expect.poll(() => new URL(page.url()).search).toBe("");
  });
});
