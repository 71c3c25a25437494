import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";

const SECRET = "a-client-secret-never-shown-9f8e";

describe("loadConfig: OpenID Connect", () => {
  it("is off by default, with passwords on", () => {
    expect(loadConfig({})).toMatchObject({ ok: true, config: { oidc: null, localPasswords: true } });
  });

  it("reads the provider, its claims, the domain → organisation list and the label", () => {
    const result = loadConfig({
      OIDC_ISSUER: "https://login.example.se/realms/kommun",
      OIDC_CLIENT_ID: "samverkan",
      OIDC_CLIENT_SECRET: SECRET,
      OIDC_ORGANIZATION_DOMAINS: "Lekeberg.se=Lekebergs kommun, regionorebrolan.se = Region Örebro län",
      OIDC_LABEL: "Region Örebro län",
      LOCAL_PASSWORDS: "false",
    });
    if (!result.ok) throw new Error(result.problems.join("; "));
    expect(result.config.localPasswords).toBe(false);
    expect(result.config.oidc).toMatchObject({
      issuer: "https://login.example.se/realms/kommun",
      scopes: "openid email profile",
      nameClaim: "name",
      emailClaim: "email",
      organizationClaim: null,
      label: "Region Örebro län",
    });
    expect([...(result.config.oidc?.organizationDomains ?? [])]).toEqual([
      ["lekeberg.se", "Lekebergs kommun"],
      ["regionorebrolan.se", "Region Örebro län"],
    ]);
  });

  it("lists every problem and never repeats the client secret", () => {
    const result = loadConfig({
      OIDC_ISSUER: "http://idp.example.se",
      OIDC_CLIENT_SECRET: SECRET,
      OIDC_SCOPES: "email profile",
      OIDC_ORGANIZATION_DOMAINS: "lekeberg",
    });
    expect(result.ok).toBe(false);
    const text = result.ok ? "" : result.problems.join("\n");
    expect(text).toContain("OIDC_ISSUER: must be an https URL");
    expect(text).toContain("OIDC_SCOPES: must include openid");
    expect(text).toContain("OIDC_ORGANIZATION_DOMAINS: must be a comma-separated list");
    expect(text).not.toContain(SECRET);
  });

  it("refuses half a configuration, and passwords off without a provider", () => {
    const half = loadConfig({ OIDC_ISSUER: "https://idp.example.se", OIDC_CLIENT_SECRET: SECRET });
    expect(half).toEqual({ ok: false, problems: ["OIDC_CLIENT_ID: required when OIDC_ISSUER is set"] });
    const nobody = loadConfig({ LOCAL_PASSWORDS: "false" });
    expect(nobody).toEqual({
      ok: false,
      problems: ["LOCAL_PASSWORDS: false needs OIDC_ISSUER, or nobody could sign in"],
    });
  });
});
