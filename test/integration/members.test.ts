import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase, truncateAll } from "../helpers/test-database.js";

describe("member management", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];
  let convener: ApiClient;
  let workspaceId: string;
  let orgId: string;
  let convenerId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { trustProxy: true }).app;
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await truncateAll(database);
    convener = new ApiClient(app, undefined, distinctAddresses());
    convenerId = (await setupAdmin(convener)).user.id;
    orgId = (await createOrganization(convener, "Lekebergs kommun")).id;
    workspaceId = (await createWorkspace(convener, "Nära vård", orgId)).id;
  });

  const path = (userId = "") => `/api/workspaces/${workspaceId}/members${userId ? `/${userId}` : ""}`;

  it("never lets the last convener be demoted or removed, but allows it once another convener exists", async () => {
    const demote = await convener.patch(path(convenerId), { role: "member" });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe("last_convener");
    expect((await convener.delete(path(convenerId))).status).toBe(409);

    const second = await inviteAndJoin(convener, workspaceId, "member", orgId, "Siv Sammankallande");
    expect((await convener.patch(path(second.user.id), { role: "convener" })).status).toBe(200);
    expect((await convener.patch(path(convenerId), { role: "member" })).status).toBe(200);
    // Now the second person is the last convener.
    expect((await second.client.delete(path(second.user.id))).status).toBe(409);
  });

  it("two conveners demoting each other at once leave one convener", async () => {
    const second = await inviteAndJoin(convener, workspaceId, "convener", orgId, "Siv Sammankallande");
    const [a, b] = await Promise.all([
      convener.patch(path(second.user.id), { role: "member" }),
      second.client.patch(path(convenerId), { role: "member" }),
    ]);
    // One wins. The other is refused: 409 if it reached the convener check, or 403 if it was
    // already demoted when its own rights were checked — either way one convener remains.
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const members = (await convener.get(path())).body?.members ?? (await second.client.get(path())).body.members;
    expect(members.filter((m: { role: string }) => m.role === "convener")).toHaveLength(1);
  });

  it("applies a lowered role on the member's very next request", async () => {
    const nurse = await inviteAndJoin(convener, workspaceId, "member", orgId, "Nils Sjuksköterska");
    expect((await nurse.client.get(`/api/workspaces/${workspaceId}`)).body.workspace.role).toBe("member");
    expect((await convener.patch(path(nurse.user.id), { role: "observer" })).status).toBe(200);
    expect((await nurse.client.get(`/api/workspaces/${workspaceId}`)).body.workspace.role).toBe("observer");

    await convener.patch(path(nurse.user.id), { role: "convener" });
    expect(
      (await nurse.client.post(`/api/workspaces/${workspaceId}/boards`, { kind: "plan", title: "Plan" })).status,
    ).toBe(201);
    await convener.patch(path(nurse.user.id), { role: "member" });
    expect(
      (await nurse.client.post(`/api/workspaces/${workspaceId}/boards`, { kind: "plan", title: "Plan" })).status,
    ).toBe(403);

    expect((await convener.delete(path(nurse.user.id))).status).toBe(204);
    expect((await nurse.client.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);
    expect((await nurse.client.get("/api/workspaces")).body.workspaces).toEqual([]);
  });

  it("lets anyone leave, but not remove others", async () => {
    const a = await inviteAndJoin(convener, workspaceId, "member", orgId, "Alva");
    const b = await inviteAndJoin(convener, workspaceId, "observer", orgId, "Bo");
    expect((await a.client.delete(path(b.user.id))).status).toBe(403);
    expect((await b.client.delete(path(b.user.id))).status).toBe(204);
    expect((await b.client.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);
  });

  it("lets the instance admin add an existing account directly, once; an unknown address is invited", async () => {
    const other = (await createWorkspace(convener, "Annan")).id;
    const person = await inviteAndJoin(convener, other, "member", orgId, "Pia");
    const added = await convener.post(path(), { email: person.email, role: "observer", organizationId: orgId });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({
      name: "Pia",
      role: "observer",
      organization: { name: "Lekebergs kommun" },
    });
    expect((await convener.post(path(), { email: person.email, role: "member", organizationId: orgId })).status).toBe(
      409,
    );
    const unknownOrg = await convener.post(path(), {
      email: person.email,
      role: "member",
      organizationId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknownOrg.status).toBe(400);
    expect(unknownOrg.body.error.code).toBe("unknown_organization");
    const unknown = await convener.post(path(), { email: "ingen@example.se", role: "member", organizationId: orgId });
    expect(unknown.status).toBe(202);
    expect(unknown.body.invitation).toMatchObject({ email: "ingen@example.se", role: "member" });
  });
});
