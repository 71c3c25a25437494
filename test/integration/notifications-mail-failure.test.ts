/**
 * When the SMTP server refuses every connection: the minutes are closed all the same and the
 * bell works; the mail is retried with back-off (1 min, 5 min, 30 min, 2 h), then marked failed,
 * written to the audit trail as mail.failed and listed for the admin, and for no one else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setMeeting } from "../../shared/boards/minutes.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "../helpers/factories.js";
import { createFakeClock, DAY, MINUTE } from "../helpers/fake-clock.js";
import { refusingSmtpUrl } from "../helpers/smtp-sink.js";
import { startTestServer, type TestServer } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe("notification mail when the SMTP server refuses", () => {
  const clock = createFakeClock(new Date("2026-11-23T08:00:00Z"));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: TestServer;
  let admin: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer(
      database,
      { trustProxy: true, smtpUrl: await refusingSmtpUrl(), sessionIdleMs: 90 * DAY, sessionAbsoluteMs: 90 * DAY },
      clock.now,
    );
    admin = new ApiClient(server.app, undefined, distinctAddresses());
    await setupAdmin(admin);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it("never fails the minutes transition; the mail is retried, then shown to the admin as failed", async () => {
    const adminId = (await admin.get("/api/auth/me")).body.user.id as string;
    const orgId = (await createOrganization(admin, "Lekebergs kommun")).id;
    const workspaceId = (await createWorkspace(admin, "Nära vård Lekeberg", orgId)).id;
    const joined = await inviteAndJoin(admin, workspaceId, "member", orgId, "Eva Sjuksköterska");
    const eva = joined.client;
    const board = await admin.post(`/api/workspaces/${workspaceId}/boards`, { kind: "minutes", title: "Möte 23/11" });
    const boardId = board.body.board.id as string;
    await server.services.boardEditor.edit(boardId, "minutes", adminId, (doc) =>
      setMeeting(doc, { startsAt: "2026-11-23T07:00:00.000Z", convenerId: adminId, approverIds: [joined.user.id] }),
    );

    // Closing answers at once and succeeds although no mail can be sent.
    const started = Date.now();
    const closed = await admin.post(`/api/boards/${boardId}/minutes/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.minutes.state).toBe("closed");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await eva.get("/api/me/notifications/unread-count")).body.count).toBe(1);

    const mailTo = async () => {
      const res = await admin.get("/api/admin/mail-outbox");
      expect(res.status).toBe(200);
      return (
        res.body.mails as { to: string; kind: string; status: string; attempts: number; lastError: string }[]
      ).find((m) => m.to === joined.email && m.kind === "minutes_to_approve");
    };
    // The first attempt (right after closing, in the background) fails; a retry is planned a minute later.
    await eventually(async () => expect(await mailTo()).toMatchObject({ status: "pending", attempts: 1 }));
    await server.services.outbox.sendDue();
    expect((await mailTo())?.attempts).toBe(1);
    expect((await mailTo())?.lastError).toMatch(/ECONNREFUSED/);
    // Not due yet: nothing is tried.
    clock.advance(30_000);
    await server.services.outbox.sendDue();
    expect((await mailTo())?.attempts).toBe(1);
    // Then after 1, 5, 30 and 120 minutes; after the fifth failure it is given up.
    for (const [wait, attempts] of [
      [1, 2],
      [5, 3],
      [30, 4],
    ] as const) {
      clock.advance(wait * MINUTE);
      await server.services.outbox.sendDue();
      expect(await mailTo()).toMatchObject({ status: "pending", attempts });
    }
    clock.advance(120 * MINUTE);
    await server.services.outbox.sendDue();
    expect(await mailTo()).toMatchObject({ status: "failed", attempts: 5 });

    // The audit trail says so, and the minutes and the bell are as they were.
    const audit = await admin.get("/api/audit?kind=mail.failed");
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain("mail.failed");
    expect((await admin.get(`/api/boards/${boardId}/minutes`)).body.minutes.state).toBe("closed");
    expect((await eva.get("/api/me/notifications")).body.notifications[0]).toMatchObject({
      kind: "minutes_to_approve",
    });
    // A month later the failed mail (an address and a title) is deleted; the audit trail keeps the failure.
    clock.advance(31 * DAY);
    expect(await server.services.outbox.purge()).toBeGreaterThanOrEqual(1);
    expect(await mailTo()).toBeUndefined();
    // Only the admin sees the outbox; to others it does not exist, like the rest of /api/admin.
    expect((await eva.get("/api/admin/mail-outbox")).status).toBe(404);
  });
});
