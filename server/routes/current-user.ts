/** The signed-in user in a route behind requireUser. */
import type { Context } from "hono";
import type { SessionUser } from "../services/sessions.js";
import type { AppEnv } from "../types.js";

export function currentUser(c: Context<AppEnv>): SessionUser {
  const user = c.var.user;
  if (!user) throw new Error("currentUser() used on a route without requireUser");
  return user;
}
