/** Our side of the OIDC suites: the configuration pointing at the test provider, and its discovery. */
import * as client from "openid-client";
import type { OidcConfig } from "../../server/config.js";
import { discoverIssuer, type OidcClient } from "../../server/oidc/discovery.js";
import { CLIENT_ID, CLIENT_SECRET } from "./oidc-provider.js";

export function oidcConfig(issuer: string, overrides: Partial<OidcConfig> = {}): OidcConfig {
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    scopes: "openid email profile",
    nameClaim: "name",
    emailClaim: "email",
    organizationClaim: null,
    organizationDomains: new Map([
      ["lekeberg.se", "Lekebergs kommun"],
      ["regionorebrolan.se", "Region Örebro län"],
    ]),
    label: "Region Örebro län",
    ...overrides,
  };
}

/**
 * Discovers the provider as main.ts does. `clockSkewS` moves our clock (a fake clock for expiry);
 * `fetch` stands between us and the provider (a tampered token response).
 */
export async function discoverForTest(
  settings: OidcConfig,
  options: { clockSkewS?: number; fetch?: client.CustomFetch } = {},
): Promise<OidcClient> {
  const discovered = await discoverIssuer(settings);
  if (!options.clockSkewS && !options.fetch) return discovered;
  const metadata = { ...discovered.clientMetadata(), [client.clockSkew]: options.clockSkewS ?? 0 };
  const config = new client.Configuration(
    discovered.serverMetadata(),
    settings.clientId,
    metadata,
    client.ClientSecretBasic(settings.clientSecret),
  );
  client.allowInsecureRequests(config);
  if (options.fetch) config[client.customFetch] = options.fetch;
  return config;
}
