/**
 * The bell in Chromium: an approver sees the unread count rise, live, when the convener closes the
 * minutes, opens the panel, follows the link to the minutes and approves there; the panel passes
 * axe and fits a tablet; and the same in English.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAction } from "../../shared/boards/focus.js";
import { setMeeting } from "../../shared/boards/minutes.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())("notifications in Chromium: the bell, its panel and its links", () => {
  const MEETING = "Samverkansmöte 23 november";
  let f: BrowserFixture;
  let minutesId: string;
  let convenerId: string;
  let nurseId: string;

  beforeAll(async () => {
    f = await startBrowserFixture();
    convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id;
    nurseId = (await f.people.nurse.get("/api/auth/me")).body.user.id;
    const created = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "minutes",
      title: MEETING,
    });
    minutesId = created.body.board.id;
    // A meeting held an hour ago; the nurse is its approver.
    await f.server.services.boardEditor.edit(minutesId, "minutes", convenerId, (doc) =>
      setMeeting(doc, {
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        convenerId,
        approverIds: [nurseId],
      }),
    );
  }, 120_000);

  afterAll(() => f?.close());

  it("the approver's bell counts up when the minutes are closed, and its link leads to approving them", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    const bell = page.locator("notification-bell").getByRole("button", { name: /^Aviseringar,/ });
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Aviseringar, inga olästa");

    expect((await f.people.convener.post(`/api/boards/${minutesId}/minutes/close`, {})).status).toBe(200);
    // Live: no focus event, no 45 s poll — the waiting request is answered when the count changes.
    await expect.poll(() => bell.getAttribute("aria-label"), { timeout: 8_000 }).toBe("Aviseringar, 1 oläst");
    await page.getByRole("status").filter({ hasText: "1 oläst avisering" }).waitFor({ state: "attached" });

    await bell.click();
    const panel = page.getByRole("region", { name: "Aviseringar" });
    const link = panel.getByRole("link", { name: new RegExp(`Protokoll att justera: ${MEETING}`) });
    await link.waitFor();
    expect(await bell.getAttribute("aria-expanded")).toBe("true");
    await expectAccessible(page, "notification panel open");
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, "notifications-panel-tablet-sv");
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, "notifications-panel-desktop-sv");

    await link.click();
    await page.waitForURL(`**/boards/${minutesId}`);
    await page.getByRole("heading", { level: 1, name: MEETING }).waitFor();
    await page.getByRole("button", { name: "Jag justerar protokollet" }).click();
    await expect
      .poll(async () => (await f.people.nurse.get(`/api/boards/${minutesId}/minutes`)).body.minutes.state)
      .toBe("approved");
    // Opened: read, and the bell says so.
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Aviseringar, inga olästa");
  });

  it("in English: the bell, the panel and the e-mail settings", async () => {
    const focus = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Trygg hemgång",
    });
    const focusId = focus.body.board.id as string;
    await f.server.services.projections.flush();
    await f.server.services.boardEditor.edit(focusId, "focus", convenerId, (doc) => {
      addAction(doc, { title: "Skriv rutinen", ownerId: nurseId });
    });
    await f.server.services.projections.project(focusId);

    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    await page.getByRole("button", { name: "In English" }).click();
    const bell = page.locator("notification-bell").getByRole("button", { name: /^Notifications,/ });
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications, 1 unread");
    await bell.click();
    const panel = page.getByRole("region", { name: "Notifications" });
    await panel.getByRole("link", { name: /You own the action Skriv rutinen/ }).waitFor();
    await panel.getByRole("link", { name: new RegExp(`Minutes to approve: ${MEETING}`) }).waitFor();
    await panel.getByText("E-mail about notifications").click();
    await panel.getByRole("checkbox", { name: "Minutes that have been approved and sealed" }).uncheck();
    await panel.getByText("Saved.").waitFor();
    expect((await f.people.nurse.get("/api/me/notification-settings")).body.emailOff).toEqual(["minutes_sealed"]);
    await expectAccessible(page, "notification panel in English with settings open");
    await screenshot(page, "notifications-panel-en");

    await panel.getByRole("button", { name: "Mark all as read" }).click();
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Notifications, none unread");
  });

  it("the convener sends a pending invitation again from the members page", async () => {
    const email = "karin.gast@example.se";
    const invited = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/invitations`, {
      email,
      role: "member",
      organizationId: (await f.people.convener.get("/api/organizations")).body.organizations[0].id,
    });
    expect(invited.status).toBe(201);
    const { page } = await f.open("convener", `/workspaces/${f.workspaceId}/members`);
    await page.getByRole("button", { name: `Skicka igen: ${email}` }).click();
    await page.getByText(`Inbjudan till ${email} har skickats igen.`).waitFor();
    // The old link no longer works; the new one is shown to copy.
    expect((await f.people.convener.fresh().get(`/api/invitations/${invited.body.token}`)).status).toBe(404);
    await expectAccessible(page, "members page after sending an invitation again");
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, "notifications-resend-tablet-sv");
  });
});
