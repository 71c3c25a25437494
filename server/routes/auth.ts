/** /api/auth: first-run setup, sign-in, sign-out, who am I. */
import { Hono } from "hono";
import { loginBody, setupBody } from "../../shared/api/auth.js";
import { credentialLimit } from "../middleware/credential-limit.js";
import { clearSessionCookie, requireUser, setSessionCookie } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

export const authRoutes = new Hono<AppEnv>()
  .get("/setup", async (c) => c.json({ needsSetup: await c.var.deps.services.auth.needsSetup() }))
  .post("/setup", credentialLimit, async (c) => {
    const body = await jsonBody(c, setupBody);
    const signedIn = await c.var.deps.services.auth.setup(body, c.var.clientIp);
    setSessionCookie(c, signedIn.token, signedIn.expiresAt);
    return c.json({ user: signedIn.user }, 201);
  })
  .post("/login", credentialLimit, async (c) => {
    const body = await jsonBody(c, loginBody);
    const signedIn = await c.var.deps.services.auth.login(body.email, body.password, c.var.clientIp);
    setSessionCookie(c, signedIn.token, signedIn.expiresAt);
    return c.json({ user: signedIn.user });
  })
  .post("/logout", requireUser, async (c) => {
    const user = currentUser(c);
    const sessionId = c.var.sessionId ?? "";
    await c.var.deps.services.auth.logout(sessionId, user.id, c.var.clientIp);
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .get("/me", requireUser, (c) => c.json({ user: c.var.user }));
