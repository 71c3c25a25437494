/**
 * Membership needs the person's consent: a convener's "add" is an invitation the person accepts or
 * declines, and no answer differs between an address with an account and one without.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { auditEvents } from "../../server/db/schema.js";
import { ApiClient, type ApiResponse, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, inviteAndJoin, PASSWORD, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase, truncateAll } from "../helpers/test-database.js";

/** An answer with its values replaced by their types: what it tells apart from what it is about. */
function shape(res: ApiResponse): Record<string, unknown> {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]))
        : typeof v;
  return { status: res.status, contentType: res.headers.get("content-type"), body: strip(res.body) };
}

describe("membership by consent", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];
  let admin: ApiClient;
  let convener: ApiClient;
  let pia: { client: ApiClient; email: string; user: { id: string } };
  let orgId: string;
  let workspaceId: string;
  const client = () => new ApiClient(app, undefined, distinctAddresses());

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { trustProxy: true }).app;
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await truncateAll(database);
    admin = client();
    await setupAdmin(admin);
    orgId = (await createOrganization(admin, "Lekebergs kommun")).id;
    const seed = await createWorkspace(admin, "Frö", orgId);
    // An ordinary person (not the admin) who starts a partnership of their own and convenes it.
    convener = (await inviteAndJoin(admin, seed.id, "member", orgId, "Sara Sammankallande")).client;
    workspaceId = (await createWorkspace(convener, "Nära vård", orgId)).id;
    // Someone with an account who is not in Sara's partnership.
    pia = await inviteAndJoin(admin, seed.id, "member", orgId, "Pia Privat", "pia@example.se");
  });

  const members = () => `/api/workspaces/${workspaceId}/members`;
  const add = (email: string) => convener.post(members(), { email, role: "observer", organizationId: orgId });

  it("answers a convener's add with the same invitation for an existing and an unknown address", async () => {
    const existing = await add("pia@example.se");
    const unknown = await add("ingen@example.se");
    expect(existing.status).toBe(202);
    expect(shape(existing)).toEqual(shape(unknown));
    expect(existing.body.invitation).toMatchObject({ email: "pia@example.se", role: "observer" });
    expect(existing.body.invitation.url).toMatch(/\/invitations\/[\w-]+$/);
    // Nobody joined: both are pending until the person says yes.
    const list = (await convener.get(members())).body.members.map((m: { name: string }) => m.name);
    expect(list).not.toContain("Pia Privat");
    const pending = (await convener.get(`/api/workspaces/${workspaceId}/invitations`)).body.invitations;
    expect(pending.map((i: { email: string }) => i.email).sort()).toEqual(["ingen@example.se", "pia@example.se"]);
    // Same for the invitations endpoint itself.
    const direct = (email: string) =>
      convener.post(`/api/workspaces/${workspaceId}/invitations`, { email, role: "member", organizationId: orgId });
    expect(shape(await direct("pia@example.se"))).toEqual(shape(await direct("okand@example.se")));
  });

  it("lets the invited account accept from its partnerships page, and decline another", async () => {
    await add("pia@example.se");
    const mine = await pia.client.get("/api/me/invitations");
    expect(mine.status).toBe(200);
    expect(mine.body.invitations).toEqual([
      expect.objectContaining({
        workspaceId,
        workspaceName: "Nära vård",
        organizationName: "Lekebergs kommun",
        role: "observer",
        invitedBy: "Sara Sammankallande",
      }),
    ]);
    const id = mine.body.invitations[0].id as string;
    // Nobody else can answer it: to them it does not exist.
    expect((await convener.post(`/api/me/invitations/${id}/accept`, {})).status).toBe(404);
    expect((await admin.post(`/api/me/invitations/${id}/decline`, {})).status).toBe(404);

    // A second invitation to the same partnership is not offered once she is in.
    await add("pia@example.se");
    expect((await pia.client.get("/api/me/invitations")).body.invitations).toHaveLength(2);
    const accepted = await pia.client.post(`/api/me/invitations/${id}/accept`, {});
    expect(accepted.status).toBe(201);
    expect(accepted.body.workspaceId).toBe(workspaceId);
    expect((await pia.client.get(`/api/workspaces/${workspaceId}`)).body.workspace.role).toBe("observer");
    expect((await pia.client.get("/api/me/invitations")).body.invitations).toEqual([]);
    expect((await pia.client.post(`/api/me/invitations/${id}/accept`, {})).status).toBe(410);

    const other = await createWorkspace(convener, "Annan samverkan", orgId);
    const second = await convener.post(`/api/workspaces/${other.id}/members`, {
      email: "pia@example.se",
      role: "member",
      organizationId: orgId,
    });
    const secondId = (await pia.client.get("/api/me/invitations")).body.invitations[0].id;
    expect((await pia.client.post(`/api/me/invitations/${secondId}/decline`, {})).status).toBe(204);
    expect((await pia.client.get("/api/me/invitations")).body.invitations).toEqual([]);
    expect((await convener.get(`/api/workspaces/${other.id}/invitations`)).body.invitations).toEqual([]);
    expect((await pia.client.get(`/api/workspaces/${other.id}`)).status).toBe(404);
    const token = second.body.invitation.token as string;
    expect((await pia.client.post(`/api/invitations/${token}/accept`, {})).status).toBe(410);
    const declined = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "invitation.declined"), eq(auditEvents.workspaceId, other.id)));
    expect(declined).toEqual([expect.objectContaining({ actorId: pia.user.id, targetId: secondId })]);
  });

  it("shows the link's holder nothing that depends on whether the address has an account", async () => {
    const existing = (await add("pia@example.se")).body.invitation.token as string;
    const unknown = (await add("ingen@example.se")).body.invitation.token as string;
    const preview = async (token: string) => {
      const res = await client().get(`/api/invitations/${token}`);
      return { ...res.body.invitation, email: "", expiresAt: "" };
    };
    expect(await preview(existing)).toEqual(await preview(unknown));
    // Accepting signed out without name and password: the same refusal either way.
    const bare = async (token: string) => shape(await client().post(`/api/invitations/${token}/accept`, {}));
    expect(await bare(existing)).toEqual(await bare(unknown));
    // Whoever holds the link may decline it, signed in or not.
    expect((await client().post(`/api/invitations/${unknown}/decline`, {})).status).toBe(204);
    expect((await client().get(`/api/invitations/${unknown}`)).status).toBe(410);
  });

  it("answers a sign-in the same for an unknown address and a wrong password", async () => {
    const signIn = (email: string) => client().post("/api/auth/login", { email, password: "fel-lösenord-123" });
    const [known, unknown] = [await signIn("pia@example.se"), await signIn("ingen@example.se")];
    expect(known.status).toBe(401);
    expect({ ...shape(known), message: known.body.error.message, code: known.body.error.code }).toEqual({
      ...shape(unknown),
      message: unknown.body.error.message,
      code: unknown.body.error.code,
    });
    expect((await client().post("/api/auth/login", { email: "pia@example.se", password: PASSWORD })).status).toBe(200);
  });

  it("lets only the instance admin add an existing account directly", async () => {
    const adminWs = await createWorkspace(admin, "Administratörens samverkan", orgId);
    const direct = await admin.post(`/api/workspaces/${adminWs.id}/members`, {
      email: "pia@example.se",
      role: "member",
      organizationId: orgId,
    });
    expect(direct.status).toBe(201);
    expect(direct.body.member).toMatchObject({ userId: pia.user.id, role: "member" });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "member.added"), eq(auditEvents.workspaceId, adminWs.id)));
    expect(event?.data).toMatchObject({ direct: true, role: "member" });
  });
});
