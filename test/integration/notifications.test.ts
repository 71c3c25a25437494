/**
 * Notifications end to end over HTTP with a real SMTP server on loopback: the bell and the mail
 * (in the recipient's language, with a working link) when minutes await approval, when an
 * action gets an owner and for invitations; preferences and the one-click unsubscribe without
 * signing in; the daily overdue digest once per person and day, across restarts.
 */
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDigest } from "../../server/notifications/digest.js";
import { addAction } from "../../shared/boards/focus.js";
import { setMeeting } from "../../shared/boards/minutes.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin, uniqueEmail } from "../helpers/factories.js";
import { createFakeClock, DAY, HOUR } from "../helpers/fake-clock.js";
import { type SmtpSink, startSmtpSink } from "../helpers/smtp-sink.js";
import { startTestServer, type TestServer } from "../helpers/test-app.js";
import { TEST_ORIGIN } from "../helpers/test-config.js";
import { createTestDatabase } from "../helpers/test-database.js";

type Person = ApiClient & { userId: string; email: string };

describe("notifications", () => {
  // 09:00 in Stockholm on Monday 23 November 2026.
  const clock = createFakeClock(new Date("2026-11-23T08:00:00Z"));
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let smtp: SmtpSink;
  let server: TestServer;
  let convener: ApiClient;
  let convenerId: string;
  let workspaceId: string;
  let orgId: string;
  let eva: Person;
  let omar: Person;

  const join = async (name: string) => {
    const joined = await inviteAndJoin(convener, workspaceId, "member", orgId, name);
    return Object.assign(joined.client, { userId: joined.user.id, email: joined.email });
  };
  const newBoard = async (kind: "focus" | "minutes", title: string) => {
    const res = await convener.post(`/api/workspaces/${workspaceId}/boards`, { kind, title });
    expect(res.status).toBe(201);
    await server.services.projections.flush();
    return res.body.board.id as string;
  };
  const bell = async (who: ApiClient) => {
    const count = await who.get("/api/me/notifications/unread-count");
    const list = await who.get("/api/me/notifications");
    expect(count.status).toBe(200);
    return { count: count.body.count as number, list: list.body.notifications as Record<string, unknown>[] };
  };
  const mailsOf = (p: Person, subject: RegExp) => smtp.to(p.email).filter((m) => subject.test(m.subject ?? ""));
  /** mailparser gathers the List-* headers under "list". */
  const unsubscribeUrl = (mail: ParsedMail) =>
    (mail.headers.get("list") as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe?.url ?? "";
  /** The newest notification of a kind (the fake clock stands still, so several share a time). */
  const newest = async (who: ApiClient, kind: string) => (await bell(who)).list.find((n) => n.kind === kind);
  /** A meeting held this morning with these approvers, then closed by the convener. */
  async function closedMinutes(title: string, approverIds: string[]) {
    const boardId = await newBoard("minutes", title);
    await server.services.boardEditor.edit(boardId, "minutes", convenerId, (doc) =>
      setMeeting(doc, {
        type: "collaboration",
        startsAt: "2026-11-23T07:00:00.000Z",
        endsAt: "2026-11-23T07:45:00.000Z",
        convenerId,
        approverIds,
      }),
    );
    const closed = await convener.post(`/api/boards/${boardId}/minutes/close`, {});
    expect(closed.status).toBe(200);
    return boardId;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpSink();
    server = await startTestServer(
      database,
      // Sessions outlive the days the fake clock moves on.
      { trustProxy: true, smtpUrl: smtp.url, digestHour: 18, sessionIdleMs: 30 * DAY, sessionAbsoluteMs: 30 * DAY },
      clock.now,
    );
    convener = new ApiClient(server.app, undefined, distinctAddresses());
    await setupAdmin(convener);
    convenerId = (await convener.get("/api/auth/me")).body.user.id;
    orgId = (await createOrganization(convener, "Lekebergs kommun")).id;
    workspaceId = (await createWorkspace(convener, "Nära vård Lekeberg", orgId)).id;
    eva = await join("Eva Sjuksköterska");
    omar = await join("Omar Fysioterapeut");
    // Omar reads his mail in English.
    expect((await omar.put("/api/me/notification-settings", { locale: "en" })).body).toMatchObject({
      locale: "en",
      emailEnabled: true,
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
    await database?.close();
  });

  it("an invitation is mailed with its link, and sending it again gives a new working link", async () => {
    const email = uniqueEmail("ny");
    const created = await convener.post(`/api/workspaces/${workspaceId}/invitations`, {
      email,
      role: "member",
      organizationId: orgId,
    });
    expect(created.status).toBe(201);
    const first = await eventually(() => {
      const [mail] = smtp.to(email);
      expect(mail?.subject).toBe("Inbjudan till Nära vård Lekeberg");
      return mail as ParsedMail;
    });
    expect(first.text).toContain(created.body.url);
    // An invitation to an address without an account carries no unsubscribe link (nothing to unsubscribe from).
    expect(unsubscribeUrl(first)).toBe("");

    const resent = await convener.post(`/api/workspaces/${workspaceId}/invitations/${created.body.id}/resend`, {});
    expect(resent.status).toBe(200);
    await eventually(() => expect(smtp.to(email)).toHaveLength(2));
    const second = smtp.to(email)[1] as ParsedMail;
    expect(second.text).toContain(resent.body.url);
    expect(resent.body.url).not.toBe(created.body.url);
    // The new link works, the old one no longer does.
    const newToken = String(resent.body.url).split("/invitations/")[1];
    const oldToken = String(created.body.url).split("/invitations/")[1];
    expect((await convener.fresh().get(`/api/invitations/${newToken}`)).status).toBe(200);
    expect((await convener.fresh().get(`/api/invitations/${oldToken}`)).status).toBe(404);

    // Resending is rate-limited per invitation.
    const again = [];
    for (let i = 0; i < 3; i++)
      again.push(
        (await convener.post(`/api/workspaces/${workspaceId}/invitations/${created.body.id}/resend`, {})).status,
      );
    expect(again).toContain(429);
    // Adding someone from the members page is an invitation too, and mailed the same way.
    const added = uniqueEmail("tillagd");
    const viaMembers = await convener.post(`/api/workspaces/${workspaceId}/members`, {
      email: added,
      role: "observer",
      organizationId: orgId,
    });
    expect(viaMembers.status).toBe(202);
    await eventually(() => expect(smtp.to(added)[0]?.text).toContain(viaMembers.body.invitation.url));
    // Someone who has an account also finds the invitation under the bell, and the mail is in their language.
    const other = await createWorkspace(convener, "Äldreomsorg Lekeberg", orgId);
    const toOmar = await convener.post(`/api/workspaces/${other.id}/invitations`, {
      email: omar.email,
      role: "member",
      organizationId: orgId,
    });
    expect(await newest(omar, "invited")).toMatchObject({ title: "Äldreomsorg Lekeberg", link: "/" });
    await eventually(() => expect(mailsOf(omar, /^Invitation to Äldreomsorg Lekeberg$/)).toHaveLength(1));
    expect(mailsOf(omar, /^Invitation to/)[0]?.text).toContain(toOmar.body.url);
    // Only the partnership's conveners resend.
    expect((await eva.post(`/api/workspaces/${workspaceId}/invitations/${created.body.id}/resend`, {})).status).toBe(
      403,
    );
  });

  it("approvers get the bell and a mail in their own language with a link that opens the minutes", async () => {
    const before = await bell(eva);
    const boardId = await closedMinutes("Samverkansmöte 23 november", [eva.userId, omar.userId]);

    const after = await bell(eva);
    expect(after.count).toBe(before.count + 1);
    expect(after.list.find((n) => n.link === `/boards/${boardId}`)).toMatchObject({
      kind: "minutes_to_approve",
      link: `/boards/${boardId}`,
      title: "Samverkansmöte 23 november",
      readAt: null,
    });
    const sv = await eventually(() => {
      const [mail] = mailsOf(eva, /Protokoll att justera/);
      expect(mail?.subject).toBe("Protokoll att justera: Samverkansmöte 23 november");
      return mail as ParsedMail;
    });
    const en = await eventually(() => {
      const [mail] = mailsOf(omar, /Minutes to approve/);
      expect(mail?.subject).toBe("Minutes to approve: Samverkansmöte 23 november");
      return mail as ParsedMail;
    });
    expect(en.text).toContain("await your approval");
    expect(sv.html).toContain(`href="${TEST_ORIGIN}/boards/${boardId}"`);
    // The link opens these minutes for the approver, who approves there.
    const link = new URL(/https?:\/\/\S+\/boards\/\S+/.exec(sv.text ?? "")?.[0] ?? "");
    expect(link.origin).toBe(TEST_ORIGIN);
    expect((await eva.get(`/api/boards${link.pathname.slice("/boards".length)}`)).status).toBe(200);
    expect((await eva.post(`${link.pathname.replace("/boards", "/api/boards")}/minutes/approve`, {})).status).toBe(200);

    // Opening the notification marks it read; "mark all read" clears the rest.
    const id = after.list.find((n) => n.link === `/boards/${boardId}`)?.id as string;
    expect((await eva.post(`/api/me/notifications/${id}/read`, {})).status).toBe(204);
    expect((await bell(eva)).count).toBe(before.count);
    expect((await omar.post(`/api/me/notifications/${id}/read`, {})).status).toBe(404);
    await omar.post("/api/me/notifications/read-all", {});
    expect((await bell(omar)).count).toBe(0);

    // When the last approver approves and the convener seals, the members hear about it.
    expect((await omar.post(`/api/boards/${boardId}/minutes/approve`, {})).status).toBe(200);
    expect((await convener.post(`/api/boards/${boardId}/minutes/seal`, {})).status).toBe(200);
    expect(await newest(omar, "minutes_sealed")).toMatchObject({ link: `/boards/${boardId}` });
    await eventually(() => expect(mailsOf(omar, /Minutes approved and sealed/)).toHaveLength(1));
  });

  it("the new owner of an action is told, with a link to the action", async () => {
    const boardId = await newBoard("focus", "Trygg hemgång");
    let actionId = "";
    await server.services.boardEditor.edit(boardId, "focus", convenerId, (doc) => {
      actionId = addAction(doc, { title: "Skriv rutinen", ownerId: eva.userId, dueDate: "2026-12-15" });
    });
    await server.services.projections.project(boardId);
    await eventually(async () =>
      expect(await newest(eva, "action_assigned")).toMatchObject({
        link: `/boards/${boardId}?action=${actionId}`,
        title: "Skriv rutinen",
      }),
    );
    const mail = await eventually(() => {
      const [m] = mailsOf(eva, /ansvarig för åtgärden Skriv rutinen/);
      expect(m).toBeDefined();
      return m as ParsedMail;
    });
    expect(mail.text).toContain(`${TEST_ORIGIN}/boards/${boardId}?action=${actionId}`);

    // Taking an action on oneself tells nobody; being given one by someone else does.
    await server.services.boardEditor.edit(boardId, "focus", eva.userId, (doc) => {
      addAction(doc, { title: "Jag tar den själv", ownerId: eva.userId });
    });
    await server.services.projections.project(boardId);
    await server.services.boardEditor.edit(boardId, "focus", convenerId, (doc) => {
      addAction(doc, { title: "Ring hemtjänsten", ownerId: eva.userId });
    });
    await server.services.projections.project(boardId);
    await eventually(async () => expect((await bell(eva)).list.map((n) => n.title)).toContain("Ring hemtjänsten"));
    expect((await bell(eva)).list.map((n) => n.title)).not.toContain("Jag tar den själv");
  });

  it("one click on the mail's unsubscribe link, without signing in, stops that kind of mail but not the bell", async () => {
    const [mail] = mailsOf(eva, /Protokoll att justera/);
    const url = new URL(unsubscribeUrl(mail as ParsedMail));
    expect(url.origin).toBe(TEST_ORIGIN);
    const path = url.pathname + url.search;
    const page = await server.app.request(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Vill du sluta få e-post om protokoll att justera?");
    expect(html).toContain('<form method="post"');
    const done = await server.app.request(path, { method: "POST" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Du får inte längre de här e-postmeddelandena");
    expect((await eva.get("/api/me/notification-settings")).body.emailOff).toEqual(["minutes_to_approve"]);
    // A made-up token does nothing.
    expect((await server.app.request("/unsubscribe/not-a-token", { method: "POST" })).status).toBe(404);

    const mailsBefore = mailsOf(eva, /Protokoll att justera/).length;
    const boardId = await closedMinutes("Extra möte", [eva.userId, omar.userId]);
    expect((await bell(eva)).list.some((n) => n.link === `/boards/${boardId}`)).toBe(true);
    await eventually(() => expect(mailsOf(omar, /Minutes to approve: Extra möte/)).toHaveLength(1));
    await server.services.outbox.sendDue();
    expect(mailsOf(eva, /Protokoll att justera/)).toHaveLength(mailsBefore);

    // The settings page turns it back on.
    const saved = await eva.put("/api/me/notification-settings", { emailOff: [] });
    expect(saved.body.emailOff).toEqual([]);
  });

  it("overdue actions come in one digest per person and day, at the digest hour, once even across a restart", async () => {
    const boardId = await newBoard("focus", "Äldres hälsa");
    await server.services.boardEditor.edit(boardId, "focus", convenerId, (doc) => {
      addAction(doc, { title: "Kartlägg fallrisker", ownerId: omar.userId, dueDate: "2026-11-20" });
      addAction(doc, { title: "Boka läkemedelsgenomgångar", ownerId: omar.userId, dueDate: "2026-11-22" });
      addAction(doc, { title: "Klar sedan länge", ownerId: omar.userId, dueDate: "2026-11-01", status: "done" });
    });
    await server.services.projections.project(boardId);
    const digests = () => mailsOf(omar, /overdue action/);

    // 09:00: before the digest hour (18), nothing.
    expect(await server.services.digest.runIfDue()).toBe(0);
    clock.advance(10 * HOUR); // 19:00 in Stockholm
    expect(await server.services.digest.runIfDue()).toBeGreaterThanOrEqual(1);
    await eventually(() => expect(digests()).toHaveLength(1));
    const mail = digests()[0] as ParsedMail;
    expect(mail.subject).toBe("2 overdue actions");
    expect(mail.text).toContain("Kartlägg fallrisker");
    expect(mail.text).toContain("Boka läkemedelsgenomgångar");
    expect(mail.text).not.toContain("Klar sedan länge");
    expect(await newest(omar, "actions_overdue")).toMatchObject({ link: "/" });

    // Again the same day, and from a restarted server's digest: nothing more.
    expect(await server.services.digest.runIfDue()).toBe(0);
    const restarted = createDigest({
      db: database.db,
      now: clock.now,
      notifier: server.services.notifier,
      hour: 18,
    });
    expect(await restarted.runIfDue()).toBe(0);
    await server.services.outbox.sendDue();
    expect(digests()).toHaveLength(1);

    // The next day, one more.
    clock.advance(DAY);
    expect(await restarted.runIfDue()).toBeGreaterThanOrEqual(1);
    await eventually(() => expect(digests()).toHaveLength(2));
  });
});
