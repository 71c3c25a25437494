import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { auditEvents } from "../../server/db/schema.js";
import { ApiClient } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, PASSWORD, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe("audit trail", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database).app;
  });
  afterAll(() => database?.close());

  it("records setup, sign-ins, invitations, role changes and removals — without passwords, tokens or cookies", async () => {
    const admin = new ApiClient(app);
    await setupAdmin(admin);
    await new ApiClient(app).post("/api/auth/login", {
      email: "admin@lekeberg.example.se",
      password: "fel-lösenord-123",
    });
    await new ApiClient(app).post("/api/auth/login", { email: PASSWORD, password: PASSWORD }); // password typed as e-mail
    await admin.post("/api/auth/login", { email: "admin@lekeberg.example.se", password: PASSWORD });
    const org = await createOrganization(admin, "Lekebergs kommun");
    const ws = await createWorkspace(admin, "Nära vård", org.id);
    const inv = await admin.post(`/api/workspaces/${ws.id}/invitations`, {
      email: "ssk@example.se",
      role: "member",
      organizationId: org.id,
    });
    const nurse = new ApiClient(app);
    const joined = await nurse.post(`/api/invitations/${inv.body.token}/accept`, { name: "Sara", password: PASSWORD });
    await admin.patch(`/api/workspaces/${ws.id}/members/${joined.body.user.id}`, { role: "observer" });
    await admin.delete(`/api/workspaces/${ws.id}/members/${joined.body.user.id}`);

    const events = await database.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    const actions = events.map((e) => e.action);
    for (const action of [
      "auth.setup",
      "auth.login.failure",
      "auth.login.success",
      "organization.created",
      "workspace.created",
      "invitation.created",
      "invitation.accepted",
      "member.role_changed",
      "member.removed",
    ]) {
      expect(actions).toContain(action);
    }
    expect(events.find((e) => e.action === "member.role_changed")?.data).toEqual({ from: "member", to: "observer" });
    expect(events.find((e) => e.action === "member.removed")?.workspaceId).toBe(ws.id);

    const everything = JSON.stringify(events);
    const secrets = [
      PASSWORD,
      "fel-lösenord-123",
      inv.body.token,
      admin.cookie?.split("=")[1],
      nurse.cookie?.split("=")[1],
    ];
    for (const secret of secrets) expect(everything).not.toContain(secret);
    const failures = events.filter((e) => e.action === "auth.login.failure").map((e) => e.data.email);
    expect(failures).toEqual(["admin@lekeberg.example.se", "[not an e-mail address]"]);
  });
});
