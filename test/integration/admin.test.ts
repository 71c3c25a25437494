/**
 * Instance administration over the API: organisations renamed, deactivated and reactivated;
 * accounts searched with their memberships; partnerships listed and set up with their
 * organisations and first convener. Only the admin; bad input gets a clear 4xx, never a 500.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { auditEvents, users } from "../../server/db/schema.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, inviteAndJoin, PASSWORD, setupAdmin, uniqueEmail } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase, truncateAll } from "../helpers/test-database.js";

describe("instance administration", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];
  let admin: ApiClient;
  let adminId: string;
  let orgId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { trustProxy: true }).app;
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await truncateAll(database);
    admin = new ApiClient(app, undefined, distinctAddresses());
    adminId = (await setupAdmin(admin)).user.id;
    orgId = (await createOrganization(admin, "Lekebergs kommun", "municipality")).id;
  });

  const actions = async (targetId: string) =>
    (await database.db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId))).map((e) => e.action);

  /** A partnership set up by the admin with the admin as convener, and a member in it. */
  async function partnershipWithMember() {
    const res = await admin.post("/api/admin/partnerships", {
      name: "Nära vård Lekeberg",
      organizations: [{ id: orgId }, { name: "Vårdcentralen Lekeberg", kind: "primary_care" }],
      convener: { userId: adminId },
    });
    expect(res.status).toBe(201);
    const workspaceId = res.body.workspace.id as string;
    const member = await inviteAndJoin(admin, workspaceId, "member", orgId, "Eva Sjuksköterska");
    return { workspaceId, member };
  }

  it("sets up a partnership with existing and new organisations and the admin as convener", async () => {
    const { workspaceId } = await partnershipWithMember();
    const list = (await admin.get("/api/admin/partnerships")).body.partnerships;
    expect(list).toEqual([
      expect.objectContaining({
        id: workspaceId,
        name: "Nära vård Lekeberg",
        members: 2,
        organizations: ["Lekebergs kommun", "Vårdcentralen Lekeberg"],
        conveners: ["Anna Admin"],
      }),
    ]);
    // The admin is its convener, with the first organisation as home, and sees it at home.
    const members = (await admin.get(`/api/workspaces/${workspaceId}/members`)).body.members;
    expect(members.find((m: { userId: string }) => m.userId === adminId)).toMatchObject({ role: "convener" });
    expect((await admin.get("/api/workspaces")).body.workspaces.map((w: { id: string }) => w.id)).toEqual([
      workspaceId,
    ]);
    expect(await actions(workspaceId)).toEqual(["workspace.created"]);
    const orgs = (await admin.get("/api/admin/organizations")).body.organizations;
    expect(orgs.map((o: { name: string }) => o.name)).toEqual(["Lekebergs kommun", "Vårdcentralen Lekeberg"]);
    // The organisation created inline is audited like any other.
    expect(await actions(orgs[1].id)).toEqual(["organization.created"]);
  });

  it("invites a first convener by e-mail address, who accepts and convenes the partnership", async () => {
    const email = uniqueEmail("sammankallande");
    const res = await admin.post("/api/admin/partnerships", {
      name: "Trygg hemgång",
      organizations: [{ name: "Region Örebro län", kind: "region" }, { id: orgId }],
      convener: { email },
      convenerOrganization: 1,
    });
    expect(res.status).toBe(201);
    expect(res.body.invitation).toMatchObject({ email, role: "convener", organizationId: orgId });
    // The admin is not a member: the partnership is not on their home page.
    expect((await admin.get("/api/workspaces")).body.workspaces).toEqual([]);
    const person = admin.fresh();
    const accepted = await person.post(`/api/invitations/${res.body.invitation.token}/accept`, {
      name: "Siv Sammankallande",
      password: PASSWORD,
    });
    expect(accepted.status).toBe(201);
    const mine = (await person.get("/api/workspaces")).body.workspaces;
    expect(mine).toEqual([expect.objectContaining({ name: "Trygg hemgång", role: "convener" })]);
  });

  it("refuses bad partnership input with 4xx and a clear message, creating nothing", async () => {
    const base = { name: "Ny samverkan", organizations: [{ id: orgId }], convener: { userId: adminId } };
    const cases: [unknown, number, string][] = [
      [{ ...base, name: "   " }, 400, "validation_failed"],
      [{ ...base, name: "x".repeat(1000) }, 400, "validation_failed"],
      [{ ...base, name: "Sam\u0000verkan" }, 400, "validation_failed"],
      [{ ...base, organizations: [] }, 400, "validation_failed"],
      [{ ...base, organizations: [{ name: "" }] }, 400, "validation_failed"],
      [{ ...base, organizations: [{ id: randomUUID() }] }, 400, "unknown_organization"],
      [{ ...base, organizations: [{ id: "inte-ett-id" }] }, 400, "validation_failed"],
      [{ ...base, organizations: [{ name: "LEKEBERGS KOMMUN" }] }, 409, "organization_exists"],
      [{ ...base, convener: { userId: randomUUID() } }, 400, "unknown_user"],
      [{ ...base, convener: { email: "inte en adress" } }, 400, "validation_failed"],
      [{ ...base, convenerOrganization: 3 }, 400, "validation_failed"],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin.post("/api/admin/partnerships", body);
      expect([res.status, res.body.error.code], JSON.stringify(body).slice(0, 80)).toEqual([status, code]);
      expect(res.body.error.message).toMatch(/\w/);
    }
    expect((await admin.get("/api/admin/partnerships")).body.partnerships).toEqual([]);
    expect((await admin.get("/api/admin/organizations")).body.organizations).toHaveLength(1);
  });

  it("renames an organisation, refusing a taken name, an empty or a too long one and unknown ids", async () => {
    await createOrganization(admin, "Region Örebro län", "region");
    const path = `/api/organizations/${orgId}`;
    const renamed = await admin.patch(path, { name: "Lekebergs kommun, vård och omsorg" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.organization).toMatchObject({ name: "Lekebergs kommun, vård och omsorg", active: true });
    expect(await actions(orgId)).toContain("organization.renamed");

    const bad: [unknown, number, string][] = [
      [{ name: "region örebro län" }, 409, "organization_exists"],
      [{ name: "" }, 400, "validation_failed"],
      [{ name: "y".repeat(1000) }, 400, "validation_failed"],
      [{ name: "a\u0000b" }, 400, "validation_failed"],
      [{}, 400, "validation_failed"],
      [{ active: "no" }, 400, "validation_failed"],
    ];
    for (const [body, status, code] of bad) {
      const res = await admin.patch(path, body);
      expect([res.status, res.body.error.code]).toEqual([status, code]);
    }
    expect((await admin.patch(`/api/organizations/${randomUUID()}`, { name: "X" })).status).toBe(404);
    expect((await admin.patch("/api/organizations/inte-ett-id", { name: "X" })).status).toBe(404);
  });

  it("a deactivated organisation cannot be chosen, keeps its name in existing data, and can come back", async () => {
    const { workspaceId, member } = await partnershipWithMember();
    const off = await admin.patch(`/api/organizations/${orgId}`, { active: false });
    expect(off.body.organization).toMatchObject({ active: false, members: 2 });
    expect(await actions(orgId)).toContain("organization.deactivated");

    // Not offered any more, and refused when chosen anyway.
    expect((await member.client.get("/api/organizations")).body.organizations).toEqual([
      expect.objectContaining({ name: "Vårdcentralen Lekeberg" }),
    ]);
    const invite = await admin.post(`/api/workspaces/${workspaceId}/invitations`, {
      email: uniqueEmail("ny"),
      role: "member",
      organizationId: orgId,
    });
    expect([invite.status, invite.body.error.code]).toEqual([400, "organization_inactive"]);
    const setUp = await admin.post("/api/admin/partnerships", {
      name: "Annan samverkan",
      organizations: [{ id: orgId }],
      convener: { userId: adminId },
    });
    expect([setUp.status, setUp.body.error.code]).toEqual([400, "organization_inactive"]);

    // Existing members still show it.
    const members = (await admin.get(`/api/workspaces/${workspaceId}/members`)).body.members;
    expect(members.map((m: { organization: { name: string } }) => m.organization.name)).toContain("Lekebergs kommun");

    const on = await admin.patch(`/api/organizations/${orgId}`, { active: true });
    expect(on.body.organization.active).toBe(true);
    expect(await actions(orgId)).toContain("organization.reactivated");
    expect((await member.client.get("/api/organizations")).body.organizations).toHaveLength(2);
  });

  it("searches accounts by name or address, with each one's memberships", async () => {
    const { workspaceId, member } = await partnershipWithMember();
    const found = await admin.get(`/api/users?q=${encodeURIComponent("sjuksköt")}`);
    expect(found.status).toBe(200);
    expect(found.body.users).toEqual([
      expect.objectContaining({
        id: member.user.id,
        name: "Eva Sjuksköterska",
        active: true,
        memberships: [
          {
            workspaceId,
            workspaceName: "Nära vård Lekeberg",
            role: "member",
            organizationName: "Lekebergs kommun",
          },
        ],
      }),
    ]);
    const byAddress = await admin.get(`/api/users?q=${encodeURIComponent(member.email.toUpperCase())}`);
    expect(byAddress.body.users.map((u: { id: string }) => u.id)).toEqual([member.user.id]);
    // Wildcards are searched for as characters, not as patterns.
    expect((await admin.get("/api/users?q=%25")).body.users).toEqual([]);
    expect((await admin.get("/api/users?q=_")).body.users).toEqual([]);
    expect((await admin.get("/api/users")).body.users).toHaveLength(2);
    const tooLong = await admin.get(`/api/users?q=${"x".repeat(101)}`);
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, "validation_failed"]);
    expect((await admin.get("/api/users?q=a%00b")).status).toBe(400);
  });

  it("lists at most 200 accounts; a search finds the others", async () => {
    await database.db.insert(users).values(
      Array.from({ length: 205 }, (_, i) => ({
        email: `person${String(i).padStart(3, "0")}@example.se`,
        name: `Person ${String(i).padStart(3, "0")}`,
        passwordHash: "not-a-hash",
      })),
    );
    const all = (await admin.get("/api/users")).body.users;
    expect(all).toHaveLength(200);
    const found = (await admin.get("/api/users?q=person204")).body.users;
    expect(found.map((u: { name: string }) => u.name)).toEqual(["Person 204"]);
  });

  it("deactivates and reactivates an account, audited; the person is signed out meanwhile", async () => {
    const { member } = await partnershipWithMember();
    const off = await admin.patch(`/api/users/${member.user.id}`, { active: false });
    expect(off.body.user.active).toBe(false);
    expect((await member.client.get("/api/workspaces")).status).toBe(401);
    const on = await admin.patch(`/api/users/${member.user.id}`, { active: true });
    expect(on.body.user.active).toBe(true);
    expect(await actions(member.user.id)).toEqual(expect.arrayContaining(["user.deactivated", "user.reactivated"]));
    const self = await admin.patch(`/api/users/${adminId}`, { active: false });
    expect([self.status, self.body.error.code]).toEqual([409, "cannot_deactivate_self"]);
  });

  it("lists partnerships set up otherwise with the organisations their members come from", async () => {
    const created = await admin.post("/api/workspaces", { name: "Egen samverkan", organizationId: orgId });
    expect(created.status).toBe(201);
    const list = (await admin.get("/api/admin/partnerships")).body.partnerships;
    expect(list).toEqual([
      expect.objectContaining({ name: "Egen samverkan", organizations: ["Lekebergs kommun"], members: 1 }),
    ]);
  });

  it("answers 404 to everyone but the admin, and 401 to the signed out", async () => {
    const { workspaceId, member } = await partnershipWithMember();
    for (const [method, path, body] of [
      ["GET", "/api/admin/organizations", undefined],
      ["GET", "/api/admin/partnerships", undefined],
      [
        "POST",
        "/api/admin/partnerships",
        { name: "X", organizations: [{ id: orgId }], convener: { userId: member.user.id } },
      ],
      ["PATCH", `/api/organizations/${orgId}`, { name: "Kapad" }],
      ["GET", "/api/users?q=anna", undefined],
      ["PATCH", `/api/users/${adminId}`, { active: false }],
    ] as const) {
      expect((await member.client.request(method, path, body)).status, `${method} ${path}`).toBe(404);
      expect((await admin.fresh().request(method, path, body)).status).toBe(401);
    }
    expect((await admin.get("/api/admin/organizations")).body.organizations[0].name).toBe("Lekebergs kommun");
    expect((await admin.get("/api/admin/partnerships")).body.partnerships.map((p: { id: string }) => p.id)).toEqual([
      workspaceId,
    ]);
  });
});
