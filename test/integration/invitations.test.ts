import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, PASSWORD, setupAdmin } from "../helpers/factories.js";
import { createFakeClock, DAY, MINUTE } from "../helpers/fake-clock.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase, truncateAll } from "../helpers/test-database.js";

describe("invitations", () => {
  let database: Database;
  const clock = createFakeClock();
  let app: ReturnType<typeof buildTestApp>["app"];
  let convener: ApiClient;
  let workspaceId: string;
  let orgId: string;
  const browser = () => new ApiClient(app, undefined, distinctAddresses());

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { trustProxy: true }, clock.now).app;
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await truncateAll(database);
    convener = browser();
    await setupAdmin(convener);
    orgId = (await createOrganization(convener, "Capio Vårdcentral Lekeberg")).id;
    workspaceId = (await createWorkspace(convener, "Nära vård", orgId)).id;
  });

  const invite = async (email = "fysio@example.se", role = "member") => {
    const res = await convener.post(`/api/workspaces/${workspaceId}/invitations`, {
      email,
      role,
      organizationId: orgId,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string; url: string; expiresAt: string };
  };

  it("binds the role and organisation, and expires after 7 days", async () => {
    const inv = await invite("fysio@example.se", "observer");
    expect(new Date(inv.expiresAt).getTime() - clock.now().getTime()).toBe(7 * DAY);
    expect(inv.url).toBe(`http://samverkan.test/invitations/${inv.token}`);
    const stale = await invite("arbetsterapeut@example.se");
    clock.advance(7 * DAY + MINUTE);
    const late = await browser().post(`/api/invitations/${stale.token}/accept`, { name: "A", password: PASSWORD });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe("invitation_expired");
    expect((await browser().get(`/api/invitations/${stale.token}`)).status).toBe(410);

    await convener.post("/api/auth/login", { email: "admin@lekeberg.example.se", password: PASSWORD }); // a week later
    const fresh = await invite("fysio2@example.se", "observer");
    const person = browser();
    expect(
      (await person.post(`/api/invitations/${fresh.token}/accept`, { name: "Fia Fysio", password: PASSWORD })).status,
    ).toBe(201);
    const ws = await person.get(`/api/workspaces/${workspaceId}`);
    expect(ws.body.workspace.role).toBe("observer");
    const members = (await person.get(`/api/workspaces/${workspaceId}/members`)).body.members;
    expect(members.find((m: { name: string }) => m.name === "Fia Fysio").organization.name).toBe(
      "Capio Vårdcentral Lekeberg",
    );
  });

  it("is single use, also when two tabs accept at once", async () => {
    const inv = await invite();
    const [a, b] = await Promise.all([
      browser().post(`/api/invitations/${inv.token}/accept`, { name: "Tab A", password: PASSWORD }),
      browser().post(`/api/invitations/${inv.token}/accept`, { name: "Tab B", password: PASSWORD }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 410]);
    const again = await browser().post(`/api/invitations/${inv.token}/accept`, { name: "C", password: PASSWORD });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe("invitation_used");
  });

  it("can be withdrawn, and is then refused", async () => {
    const inv = await invite();
    expect((await convener.get(`/api/workspaces/${workspaceId}/invitations`)).body.invitations).toHaveLength(1);
    expect((await convener.delete(`/api/workspaces/${workspaceId}/invitations/${inv.id}`)).status).toBe(204);
    expect((await convener.get(`/api/workspaces/${workspaceId}/invitations`)).body.invitations).toHaveLength(0);
    const res = await browser().post(`/api/invitations/${inv.token}/accept`, { name: "X", password: PASSWORD });
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe("invitation_revoked");
  });

  it("lets someone with an account join by signing in first, and only as the invited address", async () => {
    const other = (await createWorkspace(convener, "Annan samverkan", orgId)).id;
    const first = await convener.post(`/api/workspaces/${other}/invitations`, {
      email: "lakare@example.se",
      role: "member",
      organizationId: orgId,
    });
    const doctor = browser();
    await doctor.post(`/api/invitations/${first.body.token}/accept`, { name: "Doktor Dag", password: PASSWORD });

    const inv = await invite("lakare@example.se");
    const signedOut = await browser().post(`/api/invitations/${inv.token}/accept`, { name: "Dag", password: PASSWORD });
    expect(signedOut.status).toBe(409);
    expect(signedOut.body.error.code).toBe("account_exists");
    expect((await convener.post(`/api/invitations/${inv.token}/accept`, {})).status).toBe(403);
    const joined = await doctor.post(`/api/invitations/${inv.token}/accept`, {});
    expect(joined.status).toBe(201);
    expect((await doctor.get("/api/workspaces")).body.workspaces).toHaveLength(2);
  });

  it("asks a new person for a name and a password", async () => {
    const inv = await invite();
    const res = await browser().post(`/api/invitations/${inv.token}/accept`, {});
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields).sort()).toEqual(["name", "password"]);
    // Whether an account has the address is never said to whoever holds the link.
    expect((await browser().get(`/api/invitations/${inv.token}`)).body.invitation).not.toHaveProperty("accountExists");
  });

  it("answers an unknown token with 404 and does not invite existing members", async () => {
    expect((await browser().get("/api/invitations/no-such-token")).status).toBe(404);
    expect(
      (await browser().post("/api/invitations/no-such-token/accept", { name: "X", password: PASSWORD })).status,
    ).toBe(404);
    const me = await convener.post(`/api/workspaces/${workspaceId}/invitations`, {
      email: "admin@lekeberg.example.se",
      role: "member",
      organizationId: orgId,
    });
    expect(me.status).toBe(409);
  });
});
