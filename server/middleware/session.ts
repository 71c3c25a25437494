/** Reads the session cookie into `user`, and writes or clears it; sessions themselves live in the database. */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { unauthenticated } from "../errors.js";
import type { AppEnv } from "../types.js";

/** `__Host-` makes the browser refuse the cookie unless Secure, host-only and Path=/ — used whenever we are on https. */
export function sessionCookieName(publicOrigin: string): string {
  return publicOrigin.startsWith("https:") ? "__Host-samverkan_session" : "samverkan_session";
}

export const session: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { config, services } = c.var.deps;
  const token = getCookie(c, sessionCookieName(config.publicOrigin));
  const resolved = token && token.length <= 128 ? await services.sessions.resolve(token) : null;
  c.set("user", resolved?.user ?? null);
  c.set("sessionId", resolved?.sessionId ?? null);
  if (token && !resolved) clearSessionCookie(c); // expired or revoked: tell the browser to drop it
  await next();
};

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.user) throw unauthenticated("Sign in to continue.");
  await next();
};

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  const { publicOrigin } = c.var.deps.config;
  setCookie(c, sessionCookieName(publicOrigin), token, {
    httpOnly: true,
    secure: publicOrigin.startsWith("https:"),
    sameSite: "Lax",
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>) {
  const { publicOrigin } = c.var.deps.config;
  deleteCookie(c, sessionCookieName(publicOrigin), { path: "/", secure: publicOrigin.startsWith("https:") });
}
