/** Finds the OpenID provider at start (its endpoints and keys); a provider that does not answer stops the start. */
import type * as OpenId from "openid-client";
import type { OidcConfig } from "../config.js";

export type OidcClient = OpenId.Configuration;

const DISCOVERY_TIMEOUT_S = 10;

/**
 * Discovers OIDC_ISSUER and returns the client configuration (client_secret_basic; ID tokens signed
 * with an algorithm the provider lists, RS256 if it lists none). Plain http is
 * accepted only where the config allows it: a provider on this machine (tests, development).
 */
export async function discoverIssuer(oidc: OidcConfig): Promise<OidcClient> {
  // Loaded only when OIDC is configured.
  const client = await import("openid-client");
  const insecure = new URL(oidc.issuer).protocol === "http:";
  return client.discovery(
    new URL(oidc.issuer),
    oidc.clientId,
    { client_secret: oidc.clientSecret },
    client.ClientSecretBasic(oidc.clientSecret),
    { timeout: DISCOVERY_TIMEOUT_S, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
  );
}

/** One line naming the issuer and why, never the client secret. */
export function discoveryFailure(oidc: OidcConfig, error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  const reason = err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
  const text = `the OpenID provider ${oidc.issuer} (OIDC_ISSUER) did not answer discovery: ${reason}`;
  return text.replaceAll(oidc.clientSecret, "***").replaceAll("\n", " ");
}
