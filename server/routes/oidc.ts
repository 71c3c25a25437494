/**
 * /api/auth/oidc: sign-in through the organisation's OpenID provider (authorization code + PKCE).
 * Every failure ends on the sign-in page with a code it explains — never an error page.
 */
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type * as OpenId from "openid-client";
import { setSessionCookie } from "../middleware/session.js";
import { type OidcErrorCode, OidcRefused, readClaims } from "../oidc/accounts.js";
import { PENDING_TTL_MS } from "../oidc/pending.js";
import type { AppEnv } from "../types.js";

/** Loaded with the first sign-in through the provider: an instance without OIDC never loads it. */
const openid = (): Promise<typeof OpenId> => import("openid-client");

const CALLBACK_PATH = "/api/auth/oidc/callback";
const INVITATION_TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

/** Same-site paths only, as the web app's router accepts them (web/src/router.ts safeNext). */
export function safeNext(next: string | undefined | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.includes("\\") && next.length <= 2000 ? next : "/";
}

function pendingCookie(publicOrigin: string) {
  const secure = publicOrigin.startsWith("https:");
  return { name: secure ? "__Host-samverkan_oidc" : "samverkan_oidc", secure };
}

/** What a failed openid-client check means for the person: which message the sign-in page shows. */
function classify(error: unknown, client: typeof OpenId): OidcErrorCode {
  if (error instanceof OidcRefused) return error.code;
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === "access_denied" ? "oidc_denied" : "oidc_failed";
  }
  // openid-client wraps what oauth4webapi found in `cause`; its message names the failed check.
  const {
    code,
    message: outer = "",
    cause,
  } = error as { code?: string; message?: string; cause?: { message?: string } };
  const message = `${outer} ${cause?.message ?? ""}`;
  if (/"state"/.test(message)) return "oidc_state";
  if (
    code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" ||
    code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" ||
    code === "OAUTH_KEY_SELECTION_FAILED" ||
    /signature|nonce|"aud"|"iss"|"exp"/i.test(message)
  ) {
    return "oidc_token";
  }
  return "oidc_failed";
}

function oidcOf(c: Context<AppEnv>) {
  const { oidc: provider, config } = c.var.deps;
  return provider && config.oidc ? { provider, oidcConfig: config.oidc } : null;
}

export const oidcRoutes = new Hono<AppEnv>()
  .get("/start", async (c) => {
    const oidc = oidcOf(c);
    if (!oidc) return c.redirect("/sign-in", 302);
    const { publicOrigin } = c.var.deps.config;
    const invitation = c.req.query("invitation");
    const client = await openid();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const key = await c.var.deps.services.oidcPending.add({
      codeVerifier,
      state,
      nonce,
      next: safeNext(c.req.query("next")),
      invitation: invitation && INVITATION_TOKEN.test(invitation) ? invitation : null,
    });
    const cookie = pendingCookie(publicOrigin);
    setCookie(c, cookie.name, key, {
      httpOnly: true,
      secure: cookie.secure,
      sameSite: "Lax",
      path: "/",
      maxAge: PENDING_TTL_MS / 1000,
    });
    const url = client.buildAuthorizationUrl(oidc.provider, {
      redirect_uri: `${publicOrigin}${CALLBACK_PATH}`,
      scope: oidc.oidcConfig.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return c.redirect(url.href, 302);
  })
  .get("/callback", async (c) => {
    const oidc = oidcOf(c);
    if (!oidc) return c.redirect("/sign-in", 302);
    const { config, services } = c.var.deps;
    const cookie = pendingCookie(config.publicOrigin);
    const key = getCookie(c, cookie.name);
    deleteCookie(c, cookie.name, { path: "/", secure: cookie.secure });
    const pending = key ? await services.oidcPending.take(key) : null;
    const fail = async (code: OidcErrorCode, userId: string | null = null) => {
      await services.oidcAccounts.recordFailure(code, userId, c.var.clientIp);
      c.var.log.warn({ reason: code }, "OpenID sign-in refused");
      const next = pending && pending.next !== "/" ? `&next=${encodeURIComponent(pending.next)}` : "";
      return c.redirect(`/sign-in?error=${code}${next}`, 302);
    };
    // Without our entry the answer is not to a sign-in this browser started: forged or replayed.
    if (!pending) return fail("oidc_state");
    try {
      const client = await openid();
      const current = new URL(`${config.publicOrigin}${CALLBACK_PATH}${new URL(c.req.url).search}`);
      const tokens = await client.authorizationCodeGrant(oidc.provider, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      const idToken = tokens.id_token;
      if (!idClaims || !idToken) return fail("oidc_token");
      let claims: Record<string, unknown> = { ...idClaims };
      if (oidc.provider.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(oidc.provider, tokens.access_token, idClaims.sub);
        claims = { ...info, ...idClaims };
      }
      const signedIn = await services.oidcAccounts.signIn(
        readClaims(oidc.oidcConfig, claims),
        idToken,
        pending.invitation,
        c.var.clientIp,
      );
      setSessionCookie(c, signedIn.token, signedIn.expiresAt);
      let next = pending.next;
      if (pending.invitation) {
        next = signedIn.joinedWorkspaceId
          ? `/workspaces/${signedIn.joinedWorkspaceId}`
          : `/invitations/${pending.invitation}`;
      }
      return c.redirect(next, 302);
    } catch (error) {
      return fail(classify(error, await openid()), error instanceof OidcRefused ? error.userId : null);
    }
  });

/** Where the browser goes after our logout when the session came through the provider. */
export async function endSessionUrl(c: Context<AppEnv>, sessionId: string): Promise<string | null> {
  const { oidc, config, services } = c.var.deps;
  if (!oidc) return null;
  const idToken = await services.oidcAccounts.idTokenFor(sessionId);
  if (!idToken || !oidc.serverMetadata().end_session_endpoint) return null;
  const client = await openid();
  return client.buildEndSessionUrl(oidc, {
    id_token_hint: idToken,
    post_logout_redirect_uri: `${config.publicOrigin}/`,
  }).href;
}
