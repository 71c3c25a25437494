/**
 * Notification e-mail end to end, with a real SMTP server on loopback: the approver's bell counts
 * up when the minutes are closed, the mail arrives (plain text and HTML, in their language), and
 * the link in the mail — clicked in the mail's own HTML — opens the minutes, where they approve;
 * in English, the mail's unsubscribe link stops that kind of mail with one button. When the SMTP
 * server is gone the minutes still close, and the admin sees the mail waiting, with the error, on
 * the administration's e-mail page (axe, tablet and desktop).
 */
import type { ParsedMail } from "mailparser";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setMeeting } from "../../shared/boards/minutes.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { eventually } from "../helpers/eventually.js";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp-sink.js";

describe.skipIf(!browserSuiteEnabled())("notification e-mail in Chromium, over real SMTP on loopback", () => {
  let sink: SmtpSink;
  let f: BrowserFixture;
  let convenerId: string;
  let nurse: { id: string; email: string };

  /** Minutes of a meeting held an hour ago with the nurse as approver, closed by the convener. */
  async function closedMinutes(title: string): Promise<string> {
    const created = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: "minutes", title });
    const id = created.body.board.id as string;
    await f.server.services.boardEditor.edit(id, "minutes", convenerId, (doc) =>
      setMeeting(doc, {
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        convenerId,
        approverIds: [nurse.id],
      }),
    );
    expect((await f.people.convener.post(`/api/boards/${id}/minutes/close`, {})).status).toBe(200);
    return id;
  }

  const mailAbout = (subject: string) =>
    eventually(() => {
      const mail = sink.to(nurse.email).find((m) => m.subject === subject);
      expect(mail, `a mail "${subject}" to ${nurse.email}`).toBeDefined();
      return mail as ParsedMail;
    }, 15_000);

  /** Shows the mail's HTML part in the page, as a mail program would, and clicks its link. */
  async function clickInMail(page: Page, mail: ParsedMail, linkName: string) {
    await page.setContent(mail.html || "");
    await page.getByRole("link", { name: linkName }).click();
  }

  const approvalState = async (id: string) =>
    (await f.people.nurse.get(`/api/boards/${id}/minutes`)).body.minutes.state as string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    f = await startBrowserFixture({ config: { smtpUrl: sink.url } });
    convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id;
    nurse = (await f.people.nurse.get("/api/auth/me")).body.user;
  }, 120_000);

  afterAll(async () => {
    await f?.close();
    await sink?.close();
  });

  it("the approver gets the bell and the mail, and approves from the mail's link", async () => {
    const { page } = await f.open("nurse", `/workspaces/${f.workspaceId}`);
    const bell = page.locator("notification-bell").getByRole("button", { name: /^Aviseringar,/ });
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("Aviseringar, inga olästa");

    const meeting = "Samverkansmöte 7 december";
    const minutesId = await closedMinutes(meeting);
    await expect.poll(() => bell.getAttribute("aria-label"), { timeout: 8_000 }).toBe("Aviseringar, 1 oläst");

    const mail = await mailAbout(`Protokoll att justera: ${meeting}`);
    expect(mail.text).toContain("väntar på att du justerar det");
    expect(mail.text).toContain(`${f.origin}/boards/${minutesId}`);
    expect(mail.text).toMatch(/Avsluta prenumerationen: http/);
    expect(mail.html).toContain(`href="${f.origin}/boards/${minutesId}"`);

    await clickInMail(page, mail, "Öppna protokollet");
    await page.waitForURL(`**/boards/${minutesId}`);
    await page.getByRole("heading", { level: 1, name: meeting }).waitFor();
    await page.getByRole("button", { name: "Jag justerar protokollet" }).click();
    await expect.poll(() => approvalState(minutesId)).toBe("approved");
    await expectAccessible(page, "minutes opened from the mail, approved");
  });

  it("in English: the mail in English, approving from it, and one-button unsubscribe", async () => {
    expect((await f.people.nurse.put("/api/me/notification-settings", { locale: "en" })).status).toBe(200);
    const meeting = "Samverkansmöte 14 december";
    const minutesId = await closedMinutes(meeting);
    const mail = await mailAbout(`Minutes to approve: ${meeting}`);
    expect(mail.text).toContain("await your approval");

    const { page } = await f.open("nurse", "/", (context) =>
      context.addInitScript(() => localStorage.setItem("samverkan.locale", "en")),
    );
    await clickInMail(page, mail, "Open the minutes");
    await page.waitForURL(`**/boards/${minutesId}`);
    await page.getByRole("button", { name: "I approve the minutes" }).click();
    await expect.poll(() => approvalState(minutesId)).toBe("approved");

    // The unsubscribe link in the same mail: a page that asks once, then it is done.
    await page.setContent(mail.html || "");
    await page.getByRole("link", { name: /\/unsubscribe\// }).click();
    await page.getByRole("button", { name: "Unsubscribe" }).waitFor();
    await expectAccessible(page, "unsubscribe page in English");
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("status").filter({ hasText: "You will no longer get these e-mails" }).waitFor();
    const settings = (await f.people.nurse.get("/api/me/notification-settings")).body;
    expect(settings.emailOff).toContain("minutes_to_approve");
    expect((await f.people.nurse.put("/api/me/notification-settings", { locale: "sv", emailOff: [] })).status).toBe(
      200,
    );
  });

  it("with the SMTP server gone the minutes close all the same, and the admin sees the mail waiting", async () => {
    await sink.close();
    const meeting = "Samverkansmöte 21 december";
    const minutesId = await closedMinutes(meeting);
    expect(await approvalState(minutesId)).toBe("closed");
    // The first try, in the background, fails and plans the next one.
    await eventually(async () => {
      const mails = (await f.people.convener.get("/api/admin/mail-outbox")).body.mails as {
        to: string;
        attempts: number;
      }[];
      expect(mails.find((m) => m.to === nurse.email)?.attempts).toBe(1);
    }, 15_000);

    // The convener of the fixture is also the instance's admin.
    const { page } = await f.open("convener", "/admin");
    await page.getByRole("link", { name: "E-post" }).click();
    await page.waitForURL("**/admin/mail");
    await page.getByRole("heading", { level: 2, name: "E-post som inte har skickats" }).waitFor();
    await page.getByText("1 e-postmeddelande väntar på att skickas.").waitFor();
    const row = page.getByRole("row").filter({ hasText: nurse.email });
    await row.getByText(`Protokoll att justera: ${meeting}`).waitFor();
    await row.getByText(/^Väntar, nytt försök /).waitFor();
    await row.getByText("1 försök").waitFor();
    await row.getByText(/ECONNREFUSED/).waitFor();
    await expectAccessible(page, "admin e-mail page with a mail waiting");
    await page.setViewportSize({ width: 820, height: 1180 });
    await screenshot(page, "admin-mail-tablet-sv");
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, "admin-mail-desktop-sv");

    await page.getByRole("button", { name: "In English" }).click();
    await page.getByRole("heading", { level: 2, name: "E-mail that has not been sent" }).waitFor();
    await page.getByText("1 e-mail is waiting to be sent.").waitFor();
    await row.getByText("1 try").waitFor();
    await expectAccessible(page, "admin e-mail page in English");
  });
});
