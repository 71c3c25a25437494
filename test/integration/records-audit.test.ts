/**
 * The audit view: a partnership's events for its conveners and the instance admin, everything for
 * the admin; filters by person, kind and dates; paging newest first; the CSV (BOM, quoting, no
 * formulas, audited itself); and gallring of events past the retention period.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { auditEvents } from "../../server/db/schema.js";
import type { AuditEventView } from "../../shared/api/records.js";
import { stockholmDate } from "../../shared/time/stockholm.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

const DAY = 86_400_000;

describe("audit view", () => {
  let database: Database;
  let built: ReturnType<typeof buildTestApp>;
  let admin: ApiClient;
  let adminId: string;
  let workspaceId: string;
  let member: Awaited<ReturnType<typeof inviteAndJoin>>;
  let observer: Awaited<ReturnType<typeof inviteAndJoin>>;
  let convener: Awaited<ReturnType<typeof inviteAndJoin>>;
  let outsider: ApiClient;
  let otherWorkspaceId: string;

  const audit = (client: ApiClient, query = "", id = workspaceId) => client.get(`/api/workspaces/${id}/audit${query}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    built = buildTestApp(database, { trustProxy: true, auditRetentionMs: 30 * DAY });
    admin = new ApiClient(built.app, undefined, distinctAddresses());
    adminId = (await setupAdmin(admin)).user.id;
    const org = await createOrganization(admin, "Lekebergs kommun");
    workspaceId = (await createWorkspace(admin, "Nära vård Lekeberg", org.id)).id;
    member = await inviteAndJoin(admin, workspaceId, "member", org.id, "Per Lind");
    observer = await inviteAndJoin(admin, workspaceId, "observer", org.id, "Lena Politiker");
    convener = await inviteAndJoin(admin, workspaceId, "convener", org.id, "Anna Berg");
    // A board whose title would be a formula in a spreadsheet, with the CSV separator and a quote in it.
    await convener.client.post(`/api/workspaces/${workspaceId}/boards`, {
      kind: "focus",
      title: '=HYPERLINK("http://x";"klicka")',
    });
    await admin.patch(`/api/workspaces/${workspaceId}/members/${member.user.id}`, { role: "observer" });
    await admin.patch(`/api/workspaces/${workspaceId}/members/${member.user.id}`, { role: "member" });
    // A partnership the admin is not a member of.
    otherWorkspaceId = (await createWorkspace(member.client, "Per Linds samverkan")).id;
    outsider = (await inviteAndJoin(member.client, otherWorkspaceId, "member", org.id, "Ute Utomstående")).client;
  });
  afterAll(() => database?.close());

  it("shows a convener the partnership's events newest first, in words", async () => {
    const res = await audit(convener.client);
    expect(res.status).toBe(200);
    const events = res.body.events as AuditEventView[];
    const actions = events.map((e) => e.action);
    expect(actions).toContain("workspace.created");
    expect(actions).toContain("member.role_changed");
    expect(actions).not.toContain("auth.login.success"); // not the partnership's
    expect(events.every((e) => e.workspace?.id === workspaceId)).toBe(true);
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const role = events.find((e) => e.action === "member.role_changed");
    expect(role?.target).toMatchObject({ type: "user", id: member.user.id, name: "Per Lind" });
    expect(role?.details).toEqual({ from: "observer", to: "member" });
    expect(role).not.toHaveProperty("ip");
    // Tokens and hashes never appear.
    expect(JSON.stringify(res.body)).not.toMatch(/token|hash|password/i);
  });

  it("filters by person (who did it or to whom), kind and dates", async () => {
    const byPerson = (await audit(convener.client, `?person=${member.user.id}`)).body.events as AuditEventView[];
    expect(byPerson.length).toBeGreaterThan(0);
    expect(byPerson.every((e) => e.actor?.id === member.user.id || e.target?.id === member.user.id)).toBe(true);
    expect(byPerson.map((e) => e.action)).toEqual(
      expect.arrayContaining(["invitation.accepted", "member.role_changed"]),
    );

    const invitations = (await audit(convener.client, "?kind=invitation")).body.events as AuditEventView[];
    expect(new Set(invitations.map((e) => e.action))).toEqual(new Set(["invitation.created", "invitation.accepted"]));
    const exact = (await audit(convener.client, "?kind=member.role_changed")).body.events as AuditEventView[];
    expect(exact).toHaveLength(2);

    // Days are Swedish days (Europe/Stockholm), as the log's reader means them — also just before midnight UTC.
    const today = stockholmDate(new Date());
    const tomorrow = stockholmDate(new Date(Date.now() + DAY));
    const yesterday = stockholmDate(new Date(Date.now() - 2 * DAY));
    expect((await audit(convener.client, `?from=${yesterday}&to=${tomorrow}`)).body.events.length).toBeGreaterThan(0);
    expect((await audit(convener.client, `?from=${tomorrow}`)).body.events).toEqual([]);
    expect((await audit(convener.client, `?to=${yesterday}`)).body.events).toEqual([]);
    expect((await audit(convener.client, `?from=${today}&to=${today}&kind=workspace`)).status).toBe(200);

    const filters = await convener.client.get(`/api/workspaces/${workspaceId}/audit/filters`);
    expect(filters.status).toBe(200);
    expect(filters.body.kinds).toEqual(expect.arrayContaining(["invitation.accepted", "member.role_changed"]));
    expect(filters.body.people.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["Anna Admin", "Per Lind", "Anna Berg"]),
    );
  });

  it("pages newest first with a cursor, without gaps or repeats", async () => {
    const all = (await audit(convener.client, "?limit=200")).body.events as AuditEventView[];
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await audit(convener.client, `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      expect(res.body.events.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.events.map((e: AuditEventView) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("answers 400 for a malformed query, 401 signed out, 403 to members and observers, 404 to outsiders", async () => {
    for (const query of [
      "?limit=0",
      "?limit=1000",
      "?from=2026-02-30",
      "?from=2026-12-01&to=2026-11-01",
      "?person=nobody",
      "?kind=DROP TABLE",
      "?cursor=abc",
      "?colour=red",
    ]) {
      const res = await audit(convener.client, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    expect((await audit(admin.fresh())).status).toBe(401);
    expect((await audit(member.client)).status).toBe(403);
    expect((await audit(observer.client)).status).toBe(403);
    expect((await member.client.get(`/api/workspaces/${workspaceId}/audit/csv`)).status).toBe(403);
    expect((await member.client.get(`/api/workspaces/${workspaceId}/audit/filters`)).status).toBe(403);
    expect((await audit(outsider)).status).toBe(404);
    expect((await audit(convener.client, "", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await audit(convener.client, "", "not-an-id")).status).toBe(404);
    expect((await admin.get("/api/workspaces/00000000-0000-4000-8000-000000000000/audit")).status).toBe(404);
  });

  it("shows the instance admin everything, with client addresses, and any partnership's events", async () => {
    const res = await admin.get("/api/audit?limit=200");
    expect(res.status).toBe(200);
    const events = res.body.events as AuditEventView[];
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["auth.setup", "workspace.created"]));
    expect(events.some((e) => e.workspace?.id === otherWorkspaceId)).toBe(true);
    expect(events.find((e) => e.action === "auth.setup")).toHaveProperty("ip");
    const one = (await admin.get(`/api/audit?workspace=${otherWorkspaceId}`)).body.events as AuditEventView[];
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((e) => e.workspace?.id === otherWorkspaceId)).toBe(true);
    // Not a member there, yet the admin reads that partnership's log (for its archive).
    expect((await audit(admin, "", otherWorkspaceId)).status).toBe(200);
    expect((await admin.get("/api/audit/filters")).body.people.length).toBeGreaterThanOrEqual(5);

    expect((await admin.get("/api/audit?limit=abc")).status).toBe(400);
    expect((await admin.fresh().get("/api/audit")).status).toBe(401);
    expect((await convener.client.get("/api/audit")).status).toBe(403);
    expect((await convener.client.get("/api/audit/csv")).status).toBe(403);
  });

  it("exports the filtered events as CSV Excel opens: BOM, quoting, no formulas, and records the export", async () => {
    const res = await built.app.request(`/api/workspaces/${workspaceId}/audit/csv?kind=board`, {
      headers: { cookie: convener.client.cookie ?? "" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="handelselogg-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "Tid (svensk tid);Person;Händelse;Beskrivning;Samverkansyta;Avser;Händelsekod;Händelse-id;Person-id",
    );
    expect(lines).toHaveLength(2);
    const row = lines[1] as string;
    expect(row).toContain("Anna Berg;Tavla skapad;");
    expect(row).toContain("Anna Berg skapade tavlan ”=HYPERLINK(");
    // The title alone in its cell starts with a formula character: an apostrophe first, quoted for the ; and ".
    expect(row).toContain(`;"'=HYPERLINK(""http://x"";""klicka"")";board.created;`);
    expect(row).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00;/);

    const english = await built.app.request(
      `/api/workspaces/${workspaceId}/audit/csv?lang=en&kind=member.role_changed`,
      {
        headers: { cookie: convener.client.cookie ?? "" },
      },
    );
    const englishText = new TextDecoder().decode(await english.arrayBuffer());
    expect(englishText).toContain("Time (Swedish time),Person,Event,Description");
    expect(englishText).toContain("Anna Admin changed the role of “Per Lind” from member to observer");

    const exports = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "audit.exported"));
    expect(exports.map((e) => e.workspaceId)).toContain(workspaceId);
    expect((await convener.client.get(`/api/workspaces/${workspaceId}/audit/csv?from=x`)).status).toBe(400);
  });

  it("names whom a leaver's open actions were handed to", async () => {
    const res = await admin.post(`/api/workspaces/${workspaceId}/members/${member.user.id}/handover`, {
      to: convener.user.id,
    });
    expect(res.status).toBe(200);
    const [handover] = (await audit(convener.client, "?kind=member.actions_handed_over")).body.events;
    expect(handover).toMatchObject({
      target: { id: member.user.id, name: "Per Lind" },
      details: { actions: 0, toName: "Anna Berg" },
    });
  });

  it("deletes events past the retention period and keeps recent ones (gallring)", async () => {
    const now = Date.now();
    const inserted = await database.db
      .insert(auditEvents)
      .values([
        { at: new Date(now - 31 * DAY), action: "test.old", workspaceId },
        { at: new Date(now - 400 * DAY), action: "test.very_old", actorId: adminId },
        { at: new Date(now - 29 * DAY), action: "test.recent", workspaceId },
      ])
      .returning({ id: auditEvents.id, action: auditEvents.action });
    expect(await built.services.auditLog.purgeExpired()).toBe(2);
    const left = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        inArray(
          auditEvents.id,
          inserted.map((r) => r.id),
        ),
      );
    expect(left.map((r) => r.action)).toEqual(["test.recent"]);
    // Today's events stay.
    expect((await audit(convener.client, "?kind=workspace.created")).body.events).toHaveLength(1);
    expect(await built.services.auditLog.purgeExpired()).toBe(0);
  });
});
