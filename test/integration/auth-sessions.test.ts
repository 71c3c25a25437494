import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { sessions, users } from "../../server/db/schema.js";
import { ApiClient } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, inviteAndJoin, PASSWORD, setupAdmin } from "../helpers/factories.js";
import { createFakeClock, HOUR, MINUTE } from "../helpers/fake-clock.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase, truncateAll } from "../helpers/test-database.js";

describe("sign-in, sessions and setup", () => {
  let database: Database;
  const clock = createFakeClock();
  let app: ReturnType<typeof buildTestApp>["app"];
  let services: ReturnType<typeof buildTestApp>["services"];
  let admin: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, services } = buildTestApp(database, { trustProxy: true }, clock.now));
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await truncateAll(database);
    admin = new ApiClient(app);
    await setupAdmin(admin);
  });

  it("allows setup only once", async () => {
    const again = await new ApiClient(app).post("/api/auth/setup", {
      email: "other@example.se",
      name: "O",
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_set_up");
    expect(await database.db.$count(users)).toBe(1);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie, Secure with the __Host- prefix on https", async () => {
    const res = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://samverkan.test" },
      body: JSON.stringify({ email: "admin@lekeberg.example.se", password: PASSWORD }),
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^samverkan_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);

    const https = buildTestApp(database, { publicOrigin: "https://samverkan.lekeberg.se" }, clock.now).app;
    const secure = await https.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://samverkan.lekeberg.se" },
      body: JSON.stringify({ email: "admin@lekeberg.example.se", password: PASSWORD }),
    });
    const secureCookie = secure.headers.get("set-cookie") ?? "";
    expect(secureCookie).toMatch(/^__Host-samverkan_session=/);
    expect(secureCookie).toMatch(/Secure/);
    expect(secureCookie).toMatch(/HttpOnly/);
  });

  it("stores only a hash of the session token", async () => {
    const token = admin.cookie?.split("=")[1] ?? "";
    const rows = await database.db.select().from(sessions);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it("a board connection's remembered session is asked again after 5 s: a session ended behind its back stops there", async () => {
    const token = admin.cookie?.split("=")[1] ?? "";
    expect((await services.sessions.resolveCached(token))?.user.email).toBe("admin@lekeberg.example.se");
    // Ended without an access event (as by hand in the database): only the cache's own limit can notice.
    await database.db.delete(sessions);
    clock.advance(4_900);
    expect(await services.sessions.resolveCached(token)).not.toBeNull();
    clock.advance(200);
    expect(await services.sessions.resolveCached(token)).toBeNull();
    // Plain requests never answer from memory.
    expect((await admin.get("/api/auth/me")).status).toBe(401);
  });

  it("ends the session at logout, server-side: the old cookie no longer works", async () => {
    const stolen = admin.cookie;
    expect((await admin.post("/api/auth/logout")).status).toBe(204);
    expect(admin.cookie).toBeNull();
    const replay = new ApiClient(app);
    replay.cookie = stolen;
    expect((await replay.get("/api/auth/me")).status).toBe(401);
  });

  it("ends a session after 30 idle minutes, but not while in use", async () => {
    clock.advance(29 * MINUTE);
    expect((await admin.get("/api/auth/me")).status).toBe(200);
    clock.advance(29 * MINUTE);
    expect((await admin.get("/api/auth/me")).status).toBe(200);
    clock.advance(31 * MINUTE);
    const expired = await admin.get("/api/auth/me");
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("unauthenticated");
  });

  it("with a one-minute idle limit, a session used every 20 s never ends; one left alone ends after a minute", async () => {
    const short = buildTestApp(database, { trustProxy: true, sessionIdleMs: MINUTE }, clock.now).app;
    const nurse = new ApiClient(short);
    expect(
      (await nurse.post("/api/auth/login", { email: "admin@lekeberg.example.se", password: PASSWORD })).status,
    ).toBe(200);
    for (let elapsed = 0; elapsed < 5 * MINUTE; elapsed += 20_000) {
      clock.advance(20_000);
      expect((await nurse.get("/api/auth/me")).status, `after ${elapsed + 20_000} ms in use`).toBe(200);
    }
    clock.advance(MINUTE + 1_000);
    expect((await nurse.get("/api/auth/me")).status).toBe(401);
  });

  it("ends a session 12 hours after sign-in however active it is", async () => {
    // Active every 20 minutes for 11 h 40 min: still signed in.
    for (let elapsed = 20 * MINUTE; elapsed < 12 * HOUR; elapsed += 20 * MINUTE) {
      clock.advance(20 * MINUTE);
      expect((await admin.get("/api/auth/me")).status).toBe(200);
    }
    clock.advance(20 * MINUTE);
    expect((await admin.get("/api/auth/me")).status).toBe(401);
  });

  it("signs out a deactivated account at once and refuses its sign-in", async () => {
    const org = await createOrganization(admin, "Capio Vårdcentral Lekeberg");
    const ws = await createWorkspace(admin, "Nära vård", org.id);
    const nurse = await inviteAndJoin(admin, ws.id, "member", org.id, "Nora Nurse");
    expect((await nurse.client.get("/api/auth/me")).status).toBe(200);

    const off = await admin.patch(`/api/users/${nurse.user.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.user.active).toBe(false);
    expect((await nurse.client.get("/api/auth/me")).status).toBe(401);
    const again = await new ApiClient(app).post("/api/auth/login", { email: nurse.email, password: PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("invalid_credentials");

    expect((await admin.patch(`/api/users/${nurse.user.id}`, { active: true })).status).toBe(200);
    expect((await new ApiClient(app).post("/api/auth/login", { email: nurse.email, password: PASSWORD })).status).toBe(
      200,
    );
  });

  it("does not let the admin deactivate themself", async () => {
    const me = (await admin.get("/api/auth/me")).body.user;
    const res = await admin.patch(`/api/users/${me.id}`, { active: false });
    expect(res.status).toBe(409);
  });

  it("hashes passwords with argon2id m=19 MiB, t=2, p=1 and accepts 8 to 128 characters", async () => {
    const [row] = await database.db.select().from(users).where(eq(users.email, "admin@lekeberg.example.se"));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);

    const org = await createOrganization(admin, "Region Örebro län");
    const ws = await createWorkspace(admin, "Lösenord", org.id);
    const tryPassword = async (password: string) => {
      const inv = await admin.post(`/api/workspaces/${ws.id}/invitations`, {
        email: `p${password.length}@example.se`,
        role: "member",
        organizationId: org.id,
      });
      return (await new ApiClient(app).post(`/api/invitations/${inv.body.token}/accept`, { name: "P", password }))
        .status;
    };
    expect(await tryPassword("1234567")).toBe(400);
    expect(await tryPassword("12345678")).toBe(201);
    expect(await tryPassword("å".repeat(64))).toBe(201);
    expect(await tryPassword("x".repeat(128))).toBe(201);
    expect(await tryPassword("x".repeat(129))).toBe(400);
  });
});
