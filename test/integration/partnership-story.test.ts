import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { ApiClient } from "../helpers/api-client.js";
import { PASSWORD } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

// The newcomer's story from the accounts issue, walked through the HTTP API exactly as told.
describe("a newcomer sets up a partnership", () => {
  let database: Database;
  let browser: () => ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    const { app } = buildTestApp(database);
    browser = () => new ApiClient(app);
  });
  afterAll(() => database?.close());

  it("admin, two organisations, a partnership, two nurses and a politician — each sees only what they should", async () => {
    const admin = browser();
    expect((await admin.get("/api/auth/setup")).body).toEqual({ needsSetup: true });
    const setup = await admin.post("/api/auth/setup", {
      email: "processledare@lekeberg.example.se",
      name: "Kim Processledare",
      password: PASSWORD,
    });
    expect(setup.status).toBe(201);
    expect(setup.body.user.isAdmin).toBe(true);
    expect((await admin.get("/api/auth/setup")).body).toEqual({ needsSetup: false });

    const kommun = (await admin.post("/api/organizations", { name: "Lekebergs kommun", kind: "municipality" })).body
      .organization;
    const vc = (await admin.post("/api/organizations", { name: "Vårdcentralen Lekeberg", kind: "primary_care" })).body
      .organization;
    const ws = await admin.post("/api/workspaces", { name: "Nära vård Lekeberg", organizationId: kommun.id });
    expect(ws.status).toBe(201);
    expect(ws.body.workspace.role).toBe("convener");
    const workspaceId = ws.body.workspace.id;
    const other = (await admin.post("/api/workspaces", { name: "Annan samverkan" })).body.workspace;

    const people = [
      { email: "sjukskoterska@lekeberg.example.se", name: "Eva Sjuksköterska", role: "member", org: kommun.id },
      { email: "distriktsskoterska@vc.example.se", name: "Omar Distriktssköterska", role: "member", org: vc.id },
      { email: "politiker@lekeberg.example.se", name: "Lena Politiker", role: "observer", org: kommun.id },
    ];
    const links: string[] = [];
    for (const p of people) {
      const inv = await admin.post(`/api/workspaces/${workspaceId}/invitations`, {
        email: p.email,
        role: p.role,
        organizationId: p.org,
      });
      expect(inv.status).toBe(201);
      expect(inv.body.url).toContain(inv.body.token);
      links.push(inv.body.token);
    }

    // Each opens their link in their own browser, creates the account, and is signed in.
    const clients: ApiClient[] = [];
    for (const [i, p] of people.entries()) {
      const c = browser();
      const preview = await c.get(`/api/invitations/${links[i]}`);
      expect(preview.body.invitation).toMatchObject({
        workspaceName: "Nära vård Lekeberg",
        email: p.email,
        role: p.role,
      });
      const accepted = await c.post(`/api/invitations/${links[i]}/accept`, { name: p.name, password: PASSWORD });
      expect(accepted.status).toBe(201);
      clients.push(c);
    }

    // Later, each signs in afresh.
    for (const [i, p] of people.entries()) {
      const c = browser();
      const login = await c.post("/api/auth/login", { email: p.email, password: PASSWORD });
      expect(login.status).toBe(200);
      clients[i] = c;
    }
    const [nurse1, nurse2, politician] = clients as [ApiClient, ApiClient, ApiClient];

    for (const c of clients) {
      const list = await c.get("/api/workspaces");
      expect(list.body.workspaces.map((w: { name: string }) => w.name)).toEqual(["Nära vård Lekeberg"]);
      expect((await c.get(`/api/workspaces/${other.id}`)).status).toBe(404);
      const members = await c.get(`/api/workspaces/${workspaceId}/members`);
      expect(members.body.members.map((m: { name: string }) => m.name).sort()).toEqual(
        ["Eva Sjuksköterska", "Kim Processledare", "Lena Politiker", "Omar Distriktssköterska"].sort(),
      );
    }
    const members = (await admin.get(`/api/workspaces/${workspaceId}/members`)).body.members;
    const omar = members.find((m: { name: string }) => m.name === "Omar Distriktssköterska");
    expect(omar).toMatchObject({ role: "member", organization: { name: "Vårdcentralen Lekeberg" } });

    // The convener creates a board; members and the observer see it; only the convener manages.
    const board = (
      await admin.post(`/api/workspaces/${workspaceId}/boards`, { kind: "focus", title: "Palliativ vård" })
    ).body.board;
    for (const c of clients) {
      expect((await c.get(`/api/workspaces/${workspaceId}/boards`)).body.boards).toHaveLength(1);
      expect((await c.get(`/api/boards/${board.id}`)).status).toBe(200);
    }
    expect((await nurse1.post(`/api/workspaces/${workspaceId}/boards`, { kind: "plan", title: "x" })).status).toBe(403);
    expect((await politician.patch(`/api/boards/${board.id}`, { title: "x" })).status).toBe(403);
    expect(
      (
        await nurse2.post(`/api/workspaces/${workspaceId}/invitations`, {
          email: "x@example.se",
          role: "member",
          organizationId: vc.id,
        })
      ).status,
    ).toBe(403);

    // Nobody but the admin can add organisations; the politician cannot change anything.
    expect((await nurse1.post("/api/organizations", { name: "Ny" })).status).toBe(403);
    expect((await politician.patch(`/api/workspaces/${workspaceId}`, { name: "Nytt namn" })).status).toBe(403);
  });
});
