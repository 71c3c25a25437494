/**
 * Sign-in through a real OpenID provider (oidc-provider on loopback): the redirect dance by HTTP,
 * every refusal ending on the sign-in page with its code, claims mapped to account and
 * organisation, invitations accepted through the provider, and logout at the provider.
 */
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { auditEvents, oidcIdentities, organizations, users } from "../../server/db/schema.js";
import type { OidcClient } from "../../server/oidc/discovery.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, PASSWORD, setupAdmin } from "../helpers/factories.js";
import { discoverForTest, oidcConfig } from "../helpers/oidc-app.js";
import {
  OTHER_CLIENT_ID,
  OTHER_CLIENT_SECRET,
  ProviderBrowser,
  startTestProvider,
  type TestProvider,
} from "../helpers/oidc-provider.js";
import { buildTestApp } from "../helpers/test-app.js";
import { TEST_ORIGIN } from "../helpers/test-config.js";
import { createTestDatabase, truncateAll } from "../helpers/test-database.js";

describe("sign-in through an OpenID provider", () => {
  let database: Database;
  let idp: TestProvider;
  let oidc: OidcClient;
  let app: ReturnType<typeof buildTestApp>["app"];

  const build = (provider: OidcClient, localPasswords = true) =>
    buildTestApp(
      database,
      { trustProxy: true, oidc: oidcConfig(idp.issuer), localPasswords },
      undefined,
      undefined,
      provider,
    ).app;

  beforeAll(async () => {
    database = await createTestDatabase();
    idp = await startTestProvider([TEST_ORIGIN]);
    oidc = await discoverForTest(oidcConfig(idp.issuer));
    app = build(oidc);
  });
  afterAll(async () => {
    await idp?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    idp.accounts.clear();
    idp.accounts.set("alice", { email: "alice@lekeberg.se", email_verified: true, name: "Alice Andersson" });
  });

  /** Our start → the provider's login → the URL the provider sends the browser back to. */
  async function toProvider(web: ApiClient, start = "/api/auth/oidc/start?next=/workspaces") {
    const res = await web.get(start);
    expect(res.status).toBe(302);
    return new URL(res.headers.get("location") ?? "");
  }
  const back = (url: URL) => `${url.pathname}${url.search}`;

  async function signIn(web: ApiClient, login = "alice", start?: string) {
    const authUrl = await toProvider(web, start);
    const callback = await new ProviderBrowser().authorize(authUrl.href, login, TEST_ORIGIN);
    return web.get(back(callback));
  }

  async function failures() {
    return database.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login.failure"));
  }

  it("sends the browser to the provider with code + PKCE (S256), state and nonce, keeping them out of reach of scripts", async () => {
    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const res = await web.get("/api/auth/oidc/start?next=/workspaces");
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.origin).toBe(idp.issuer);
    const q = location.searchParams;
    expect(q.get("response_type")).toBe("code");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("redirect_uri")).toBe(`${TEST_ORIGIN}/api/auth/oidc/callback`);
    expect(q.get("state")).toBeTruthy();
    expect(q.get("nonce")).toBeTruthy();
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toContain(q.get("state") ?? "-");
  });

  it("creates the account from the claims on first sign-in, maps the organisation by e-mail domain, and lands on the deep link", async () => {
    const admin = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    await setupAdmin(admin);
    const lekeberg = await createOrganization(admin, "Lekebergs kommun");

    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const done = await signIn(web, "alice", "/api/auth/oidc/start?next=%2Fworkspaces%3Fview%3Dall");
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/workspaces?view=all");
    const me = await web.get("/api/auth/me");
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ name: "Alice Andersson", email: "alice@lekeberg.se", isAdmin: false });
    const [identity] = await database.db.select().from(oidcIdentities);
    expect(identity).toMatchObject({ issuer: idp.issuer, subject: "alice", organizationId: lekeberg.id });
    const [success] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, "auth.login.success"));
    expect(success?.data).toEqual({ method: "oidc" });

    // The second sign-in finds the same account by issuer + subject, even with a new address.
    idp.accounts.set("alice", { email: "alice@ny.example.se", email_verified: true, name: "Alice Andersson" });
    const again = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    await signIn(again);
    expect((await again.get("/api/auth/me")).body.user.id).toBe(me.body.user.id);
    const [updated] = await database.db.select().from(oidcIdentities);
    expect(updated?.organizationId).toBeNull(); // an unknown domain: no organisation
  });

  it("takes the organisation from OIDC_ORGANIZATION_CLAIM when set, before the e-mail domain", async () => {
    const admin = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    await setupAdmin(admin);
    const region = await createOrganization(admin, "Region Örebro län");
    await createOrganization(admin, "Lekebergs kommun");
    const byClaim = buildTestApp(
      database,
      { trustProxy: true, oidc: oidcConfig(idp.issuer, { organizationClaim: "organisation" }) },
      undefined,
      undefined,
      oidc,
    ).app;
    idp.accounts.set("alice", { ...idp.accounts.get("alice"), organisation: "region örebro län" });
    await signIn(new ApiClient(byClaim, TEST_ORIGIN, distinctAddresses()));
    const [identity] = await database.db.select().from(oidcIdentities);
    expect(identity?.organizationId).toBe(region.id);
  });

  it("never redirects anywhere but a path on our own site", async () => {
    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const done = await signIn(web, "alice", "/api/auth/oidc/start?next=%2F%2Fevil.example%2Fx");
    expect(done.headers.get("location")).toBe("/");
  });

  it("links an existing password account only when the provider says the e-mail is verified", async () => {
    const admin = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const { user } = await setupAdmin(admin, "alice@lekeberg.se");

    idp.accounts.set("alice", { email: "alice@lekeberg.se", email_verified: false, name: "Alice" });
    const refused = await signIn(new ApiClient(app, TEST_ORIGIN, distinctAddresses()));
    expect(refused.headers.get("location")).toMatch(/^\/sign-in\?error=oidc_email_unverified/);
    expect(await database.db.$count(oidcIdentities)).toBe(0);

    idp.accounts.set("alice", { email: "alice@lekeberg.se", email_verified: true, name: "Alice" });
    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    await signIn(web);
    expect((await web.get("/api/auth/me")).body.user).toMatchObject({ id: user.id, isAdmin: true });
  });

  it("refuses a deactivated account, and audits it", async () => {
    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    await signIn(web);
    const [row] = await database.db.select().from(users).where(eq(users.email, "alice@lekeberg.se"));
    await database.db
      .update(users)
      .set({ deactivatedAt: new Date() })
      .where(eq(users.id, row?.id ?? ""));
    const again = await signIn(new ApiClient(app, TEST_ORIGIN, distinctAddresses()));
    expect(again.headers.get("location")).toMatch(/^\/sign-in\?error=oidc_deactivated/);
    expect((await failures()).map((f) => f.data)).toEqual([{ method: "oidc", reason: "oidc_deactivated" }]);
  });

  it("refuses an answer whose state it did not issue: no pending sign-in, or a forged state", async () => {
    const stranger = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const noCookie = await stranger.get("/api/auth/oidc/callback?code=abc&state=forged");
    expect(noCookie.status).toBe(302);
    expect(noCookie.headers.get("location")).toBe("/sign-in?error=oidc_state");

    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const callback = await new ProviderBrowser().authorize((await toProvider(web)).href, "alice", TEST_ORIGIN);
    callback.searchParams.set("state", "forged-state-value");
    const forged = await web.get(back(callback));
    expect(forged.headers.get("location")).toMatch(/^\/sign-in\?error=oidc_state/);
    expect((await web.get("/api/auth/me")).status).toBe(401);
    expect((await failures()).map((f) => f.data)).toEqual([
      { method: "oidc", reason: "oidc_state" },
      { method: "oidc", reason: "oidc_state" },
    ]);
  });

  it("refuses an ID token whose nonce is not the one it sent", async () => {
    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const authUrl = await toProvider(web);
    authUrl.searchParams.set("nonce", "a-nonce-someone-else-chose");
    const callback = await new ProviderBrowser().authorize(authUrl.href, "alice", TEST_ORIGIN);
    const res = await web.get(back(callback));
    expect(res.headers.get("location")).toMatch(/^\/sign-in\?error=oidc_token/);
    expect((await web.get("/api/auth/me")).status).toBe(401);
  });

  it("shows the person's own cancelling at the provider as such", async () => {
    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const res = await signIn(web, "deny");
    expect(res.headers.get("location")).toMatch(/^\/sign-in\?error=oidc_denied/);
    expect((await failures()).map((f) => f.data)).toEqual([{ method: "oidc", reason: "oidc_denied" }]);
  });

  it("refuses an ID token issued to another client (wrong audience)", async () => {
    // Someone between us and the provider answers our token request with another app's tokens,
    // genuine and signed by the provider, for the same person and even the same nonce.
    let substitute: Record<string, unknown> | null = null;
    const tampered = await discoverForTest(oidcConfig(idp.issuer), {
      fetch: async (url, options) => {
        if (substitute && url === oidc.serverMetadata().token_endpoint) {
          return new Response(JSON.stringify(substitute), { headers: { "content-type": "application/json" } });
        }
        return fetch(url, options as RequestInit);
      },
    });
    const tamperedApp = build(tampered);
    const web = new ApiClient(tamperedApp, TEST_ORIGIN, distinctAddresses());
    const ours = await toProvider(web);

    const other = new client.Configuration(oidc.serverMetadata(), OTHER_CLIENT_ID, OTHER_CLIENT_SECRET);
    client.allowInsecureRequests(other);
    const verifier = client.randomPKCECodeVerifier();
    const otherUrl = client.buildAuthorizationUrl(other, {
      redirect_uri: `${TEST_ORIGIN}/api/auth/oidc/callback`,
      scope: "openid email profile",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "other-state",
      nonce: ours.searchParams.get("nonce") ?? "",
    });
    const otherBack = await new ProviderBrowser().authorize(otherUrl.href, "alice", TEST_ORIGIN);
    const otherTokens = await client.authorizationCodeGrant(other, otherBack, {
      pkceCodeVerifier: verifier,
      expectedState: "other-state",
      expectedNonce: ours.searchParams.get("nonce") ?? "",
    });
    expect(otherTokens.claims()?.aud).toBe(OTHER_CLIENT_ID);
    substitute = { ...otherTokens };

    const callback = await new ProviderBrowser().authorize(ours.href, "alice", TEST_ORIGIN);
    const res = await web.get(back(callback));
    expect(res.headers.get("location")).toMatch(/^\/sign-in\?error=oidc_token/);
    expect((await web.get("/api/auth/me")).status).toBe(401);
    expect(await database.db.$count(users)).toBe(0);
  });

  it("refuses an expired ID token", async () => {
    // Our clock two hours ahead: the provider's one-hour ID token has expired when it arrives.
    const late = build(await discoverForTest(oidcConfig(idp.issuer), { clockSkewS: 2 * 3600 }));
    const web = new ApiClient(late, TEST_ORIGIN, distinctAddresses());
    const callback = await new ProviderBrowser().authorize((await toProvider(web)).href, "alice", TEST_ORIGIN);
    const res = await web.get(back(callback));
    expect(res.headers.get("location")).toMatch(/^\/sign-in\?error=oidc_token/);
    expect((await failures()).map((f) => f.data)).toEqual([{ method: "oidc", reason: "oidc_token" }]);
  });

  it("accepts an invitation through the provider: the new account joins the partnership", async () => {
    const convener = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    await setupAdmin(convener);
    const org = await createOrganization(convener, "Region Örebro län");
    const ws = await createWorkspace(convener, "Nära vård Lekeberg", org.id);
    const inv = await convener.post(`/api/workspaces/${ws.id}/invitations`, {
      email: "alice@lekeberg.se",
      role: "member",
      organizationId: org.id,
    });
    expect(inv.status).toBe(201);
    const token = new URL(inv.body.url).pathname.split("/").pop() ?? "";

    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    const done = await signIn(web, "alice", `/api/auth/oidc/start?invitation=${token}&next=/`);
    expect(done.headers.get("location")).toBe(`/workspaces/${ws.id}`);
    const members = await convener.get(`/api/workspaces/${ws.id}/members`);
    expect(members.body.members.map((m: { name: string }) => m.name)).toContain("Alice Andersson");
    expect((await web.get(`/api/invitations/${token}`)).status).toBe(410);
  });

  it("ends the provider's session too: logout answers with the end-session address", async () => {
    const web = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    await signIn(web);
    const out = await web.post("/api/auth/logout");
    expect(out.status).toBe(200);
    const end = new URL(out.body.endSessionUrl);
    expect(`${end.origin}${end.pathname}`).toBe(oidc.serverMetadata().end_session_endpoint);
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`${TEST_ORIGIN}/`);
    expect(end.searchParams.get("id_token_hint")).toBeTruthy();
    expect((await web.get("/api/auth/me")).status).toBe(401);

    // A password session logs out as before, with nothing to follow.
    await truncateAll(database);
    const admin = new ApiClient(app, TEST_ORIGIN, distinctAddresses());
    await setupAdmin(admin);
    expect((await admin.post("/api/auth/logout")).status).toBe(204);
  });

  it("with LOCAL_PASSWORDS=false: no password sign-in or setup, and the first person through the provider is the administrator", async () => {
    const oidcOnly = build(oidc, false);
    const web = new ApiClient(oidcOnly, TEST_ORIGIN, distinctAddresses());
    expect((await web.get("/api/auth/methods")).body).toEqual({
      password: false,
      oidc: { label: "Region Örebro län" },
    });
    expect((await web.get("/api/auth/setup")).body).toEqual({ needsSetup: false });
    const setup = await web.post("/api/auth/setup", { email: "a@b.se", name: "A", password: PASSWORD });
    expect(setup.status).toBe(403);
    expect((await web.post("/api/auth/login", { email: "a@b.se", password: PASSWORD })).status).toBe(403);
    await signIn(web);
    // Nor does an invitation make a password account: joining goes through the provider.
    const ws = await createWorkspace(web, "Nära vård", (await createOrganization(web, "Lekebergs kommun")).id);
    const inv = await web.post(`/api/workspaces/${ws.id}/invitations`, {
      email: "bo@lekeberg.se",
      role: "member",
      organizationId: (await database.db.select().from(organizations))[0]?.id,
    });
    const token = new URL(inv.body.url).pathname.split("/").pop() ?? "";
    const stranger = new ApiClient(oidcOnly, TEST_ORIGIN, distinctAddresses());
    const accepted = await stranger.post(`/api/invitations/${token}/accept`, { name: "Bo", password: PASSWORD });
    expect(accepted.status).toBe(403);
    expect((await web.get("/api/auth/me")).body.user).toMatchObject({ email: "alice@lekeberg.se", isAdmin: true });
  });
});
