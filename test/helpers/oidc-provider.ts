/**
 * A real OpenID provider (oidc-provider) on loopback for the OIDC suites: registered clients, a
 * plain login form (a user name, no password) and accounts whose claims the test sets.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export const CLIENT_ID = "samverkan";
export const CLIENT_SECRET = "provider-test-secret-3f9c1e7a2b";
/** A second client of the same provider: its tokens must never sign anyone in to us. */
export const OTHER_CLIENT_ID = "other-app";
export const OTHER_CLIENT_SECRET = "other-app-secret-8d2e4b6c1a";

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  organisation?: string;
}

export interface TestProvider {
  issuer: string;
  provider: Provider;
  /** Accounts by user name (the subject); set claims before signing in. */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

const htmlEscape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function loginPage(uid: string, clientId: string): string {
  return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Testleverantören</title></head>
<body><main><h1>Logga in hos testleverantören</h1><p>För ${htmlEscape(clientId)}</p>
<form method="post" action="/interaction/${htmlEscape(uid)}/login">
<label>Användarnamn <input name="login" autocomplete="username" autofocus></label>
<button type="submit">Fortsätt</button></form></main></body></html>`;
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

/** Starts the provider on a free loopback port; `appOrigin` is where our app's callback lives. */
export async function startTestProvider(appOrigins: string[]): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = (client_id: string, client_secret: string) => ({
    client_id,
    client_secret,
    redirect_uris: appOrigins.map((o) => `${o}/api/auth/oidc/callback`),
    post_logout_redirect_uris: appOrigins.map((o) => `${o}/`),
    grant_types: ["authorization_code"],
    response_types: ["code" as const],
  });
  const provider = new Provider(issuer, {
    clients: [client(CLIENT_ID, CLIENT_SECRET), client(OTHER_CLIENT_ID, OTHER_CLIENT_SECRET)],
    cookies: { keys: ["test-provider-cookie-key"] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "organisation"],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party: the person is never asked to consent, the grant covers what was asked for.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client?.clientId ?? "",
        accountId: ctx.oidc.session?.accountId ?? "",
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
  });
  const callback = provider.callback();
  server.on("request", (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!match) return callback(req, res);
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (!match[2]) {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end(loginPage(details.uid, String(details.params.client_id)));
          return;
        }
        const login = (await formBody(req)).get("login") ?? "";
        // "deny" plays the person who cancels at the provider.
        if (login === "deny") {
          const result = { error: "access_denied", error_description: "The person cancelled." };
          await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
          return;
        }
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: login } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        res.writeHead(400, { "content-type": "text/plain" });
        res.end(String((error as Error).message));
      }
    })();
  });
  return {
    issuer,
    provider,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A cookie jar for the provider's own cookies (interaction and session), as a browser keeps them. */
export class ProviderBrowser {
  private cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const set of res.headers.getSetCookie()) {
      const [pair = ""] = set.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(set)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /**
   * From the authorization URL to the redirect back to the app: log in as `login` and follow the
   * provider's own redirects. Returns the URL the provider sends the browser to at the app.
   */
  async authorize(authorizationUrl: string, login: string, appOrigin: string): Promise<URL> {
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(appOrigin)) return new URL(url);
      const res = await this.fetch(url);
      const location = res.headers.get("location");
      if (location) {
        url = new URL(location, url).href;
        continue;
      }
      const page = await res.text();
      const action = /action="([^"]+)"/.exec(page)?.[1];
      if (!action) throw new Error(`the provider answered ${res.status} without a form: ${page.slice(0, 300)}`);
      const posted = await this.fetch(new URL(action, url).href, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ login }).toString(),
      });
      const next = posted.headers.get("location");
      if (!next) throw new Error(`login at the provider failed: ${posted.status} ${await posted.text()}`);
      url = new URL(next, url).href;
    }
    throw new Error("too many redirects at the provider");
  }
}
