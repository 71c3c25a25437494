/**
 * OIDC in the real entry point (dist/server/main.js as `npm start` runs it): a provider that does
 * not answer stops the start in one line, and a whole sign-in and logout leaves no token, secret
 * or cookie in the server's log.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/browser.js";
import { CLIENT_ID, CLIENT_SECRET, ProviderBrowser, startTestProvider } from "../helpers/oidc-provider.js";
import { runMain, spawnServer } from "../helpers/spawn-server.js";

describe("OIDC in the real server process", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-oidc-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("stops the start with one line when the issuer does not answer, never showing the secret", async () => {
    const deadPort = await freePort();
    const { code, stdout, stderr } = await runMain({
      DATA_DIR: dataDir,
      OIDC_ISSUER: `http://127.0.0.1:${deadPort}`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`the OpenID provider http://127.0.0.1:${deadPort} (OIDC_ISSUER) did not answer discovery`);
    expect(stderr).toContain("ECONNREFUSED");
    expect(`${stdout}${stderr}`).not.toContain(CLIENT_SECRET);
  });

  it("names a missing client secret without echoing the one given elsewhere", async () => {
    const { code, stderr } = await runMain({
      OIDC_ISSUER: "https://idp.example.se",
      OIDC_CLIENT_SECRET: "x".repeat(30),
    });
    expect(code).toBe(2);
    expect(stderr).toContain("OIDC_CLIENT_ID: required when OIDC_ISSUER is set");
    expect(stderr).not.toContain("x".repeat(30));
  });

  it("signs in and out through the provider without a token, secret or cookie in the log", async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const idp = await startTestProvider([origin]);
    idp.accounts.set("alice", { email: "alice@lekeberg.se", email_verified: true, name: "Alice Andersson" });
    const server = await spawnServer({
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: "trace",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_LABEL: "Region Örebro län",
    });
    try {
      const browser = new ProviderBrowser();
      const start = await browser.fetch(`${origin}/api/auth/oidc/start?next=/workspaces`);
      expect(start.status, server.output().slice(-2000)).toBe(302);
      const authUrl = new URL(start.headers.get("location") ?? "");
      const pendingKey = /samverkan_oidc=([^;]+)/.exec(start.headers.getSetCookie().join(";"))?.[1] ?? "";
      const callback = await browser.authorize(authUrl.href, "alice", origin);
      const landed = await browser.fetch(callback.href);
      expect(landed.headers.get("location")).toBe("/workspaces");
      const session = /samverkan_session=([^;]+)/.exec(landed.headers.getSetCookie().join(";"))?.[1] ?? "";
      expect(session).not.toBe("");
      const me = await browser.fetch(`${origin}/api/auth/me`);
      expect(((await me.json()) as { user: { name: string } }).user.name).toBe("Alice Andersson");
      const out = await browser.fetch(`${origin}/api/auth/logout`, {
        method: "POST",
        headers: { origin, "content-type": "application/json" },
        body: "{}",
      });
      const body = (await out.json()) as { endSessionUrl: string };
      expect(out.status, JSON.stringify(body)).toBe(200);
      const { endSessionUrl } = body;
      const idToken = new URL(endSessionUrl).searchParams.get("id_token_hint") ?? "";

      const log = server.output();
      expect(log).toContain('"route":"/api/auth/oidc/callback"');
      const secrets = {
        CLIENT_SECRET,
        session,
        pendingKey,
        idToken,
        code: callback.searchParams.get("code") ?? "",
        state: authUrl.searchParams.get("state") ?? "",
        nonce: authUrl.searchParams.get("nonce") ?? "",
        challenge: authUrl.searchParams.get("code_challenge") ?? "",
      };
      for (const [what, value] of Object.entries(secrets)) {
        expect(value.length, what).toBeGreaterThan(8);
        expect(log.includes(value), `${what} in the log`).toBe(false);
      }
      expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT of any kind
    } finally {
      await server.stop();
      await idp.close();
    }
  });
});
