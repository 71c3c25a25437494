/**
 * Every audited change and its audit row are one transaction: when the audit row cannot be
 * written, the change is not kept either. A trigger that refuses audit rows of one action stands in
 * for any failure of the audit insert.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { auditEvents, calendarFeeds, loginThrottle, sessions } from "../../server/db/schema.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, inviteAndJoin, PASSWORD, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase, truncateAll } from "../helpers/test-database.js";

describe("audit rows in the change's own transaction", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];
  let admin: ApiClient;
  let orgId: string;
  let workspaceId: string;
  const client = () => new ApiClient(app, undefined, distinctAddresses());

  /** From now on, audit rows of `action` are refused by the database. */
  async function refuseAudit(action: string) {
    await database.db.execute(
      sql.raw(`create or replace function test_refuse_audit() returns trigger language plpgsql as $$
      begin
        if new.action = '${action}' then raise exception 'audit refused for %', new.action; end if;
        return new;
      end $$`),
    );
    await database.db.execute(sql`drop trigger if exists test_refuse_audit on audit_events`);
    await database.db.execute(
      sql`create trigger test_refuse_audit before insert on audit_events for each row execute function test_refuse_audit()`,
    );
  }

  const actions = async () => (await database.db.select().from(auditEvents)).map((e) => e.action);

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { trustProxy: true }).app;
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await database.db.execute(sql`drop trigger if exists test_refuse_audit on audit_events`);
    await truncateAll(database);
    admin = client();
    await setupAdmin(admin);
    orgId = (await createOrganization(admin, "Lekebergs kommun")).id;
    workspaceId = (await createWorkspace(admin, "Nära vård", orgId)).id;
  });

  it("keeps no workspace change whose audit row fails", async () => {
    await refuseAudit("workspace.updated");
    const res = await admin.patch(`/api/workspaces/${workspaceId}`, { description: "Ändrad" });
    expect(res.status).toBe(500);
    expect((await admin.get(`/api/workspaces/${workspaceId}`)).body.workspace.description).toBe("");
  });

  it("keeps no organisation, board, invitation or calendar link whose audit row fails", async () => {
    await refuseAudit("organization.created");
    expect((await admin.post("/api/organizations", { name: "Region Örebro län" })).status).toBe(500);
    expect((await admin.get("/api/organizations")).body.organizations.map((o: { name: string }) => o.name)).toEqual([
      "Lekebergs kommun",
    ]);

    await refuseAudit("board.created");
    expect(
      (await admin.post(`/api/workspaces/${workspaceId}/boards`, { kind: "focus", title: "Växelvård" })).status,
    ).toBe(500);
    expect((await admin.get(`/api/workspaces/${workspaceId}/boards`)).body.boards).toEqual([]);

    await refuseAudit("invitation.created");
    const add = await admin.post(`/api/workspaces/${workspaceId}/members`, {
      email: "ny@example.se",
      role: "member",
      organizationId: orgId,
    });
    expect(add.status).toBe(500);
    expect((await admin.get(`/api/workspaces/${workspaceId}/invitations`)).body.invitations).toEqual([]);

    await refuseAudit("calendar_feed.renewed");
    expect((await admin.post(`/api/workspaces/${workspaceId}/calendar-feed`, {})).status).toBe(500);
    expect(await database.db.select().from(calendarFeeds)).toEqual([]);
  });

  it("keeps no role change, removal or acceptance whose audit row fails", async () => {
    const nurse = await inviteAndJoin(admin, workspaceId, "member", orgId, "Sara");
    const members = `/api/workspaces/${workspaceId}/members`;
    const roleOf = async () =>
      (await admin.get(members)).body.members.find((m: { userId: string }) => m.userId === nurse.user.id)?.role;

    await refuseAudit("member.role_changed");
    expect((await admin.patch(`${members}/${nurse.user.id}`, { role: "observer" })).status).toBe(500);
    expect(await roleOf()).toBe("member");

    await refuseAudit("member.removed");
    expect((await admin.delete(`${members}/${nurse.user.id}`)).status).toBe(500);
    expect(await roleOf()).toBe("member");

    await refuseAudit("invitation.accepted");
    const inv = await admin.post(`/api/workspaces/${workspaceId}/invitations`, {
      email: "fysio@example.se",
      role: "member",
      organizationId: orgId,
    });
    const fysio = client();
    expect(
      (await fysio.post(`/api/invitations/${inv.body.token}/accept`, { name: "F", password: PASSWORD })).status,
    ).toBe(500);
    // Neither the account nor the membership was kept, and the invitation can still be used.
    expect((await admin.get(members)).body.members).toHaveLength(2);
    expect((await admin.get("/api/users")).body.users.map((u: { email: string }) => u.email)).not.toContain(
      "fysio@example.se",
    );
    expect((await admin.get(`/api/workspaces/${workspaceId}/invitations`)).body.invitations).toHaveLength(1);
  });

  it("keeps no session when the sign-in's audit row fails, and records failed sign-ins", async () => {
    await refuseAudit("auth.login.success");
    const before = (await database.db.select().from(sessions)).length;
    const res = await client().post("/api/auth/login", { email: "admin@lekeberg.example.se", password: PASSWORD });
    expect(res.status).toBe(500);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await database.db.select().from(sessions)).toHaveLength(before);

    await database.db.execute(sql`drop trigger if exists test_refuse_audit on audit_events`);
    for (const email of ["admin@lekeberg.example.se", "okand@example.se"]) {
      expect((await client().post("/api/auth/login", { email, password: "fel-lösenord-123" })).status).toBe(401);
    }
    const failures = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login.failure"));
    expect(failures.map((f) => f.data.email).sort()).toEqual(["admin@lekeberg.example.se", "okand@example.se"]);

    // A failure whose audit row cannot be written is not counted by the throttle either: one write.
    await refuseAudit("auth.login.failure");
    const refused = await client().post("/api/auth/login", {
      email: "tredje@example.se",
      password: "fel-lösenord-123",
    });
    expect(refused.status).toBe(500);
    expect(await database.db.select().from(loginThrottle).where(eq(loginThrottle.email, "tredje@example.se"))).toEqual(
      [],
    );
    expect(await actions()).not.toContain("auth.login.success");
  });
});
