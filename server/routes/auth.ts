/** /api/auth: first-run setup, sign-in, sign-out, who am I. */
import { Hono } from "hono";
import { loginBody, setupBody } from "../../shared/api/auth.js";
import { AppError } from "../errors.js";
import { credentialLimit } from "../middleware/credential-limit.js";
import { clearSessionCookie, requireUser, setSessionCookie } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";
import { endSessionUrl, oidcRoutes } from "./oidc.js";

/** LOCAL_PASSWORDS=false: passwords are not a way in (OIDC only). */
const passwordsOff = () =>
  new AppError(403, "passwords_off", "Sign-in with a password is turned off here: sign in through your organisation.");

export const authRoutes = new Hono<AppEnv>()
  // Without passwords there is no setup form: the first person through the provider becomes administrator.
  .get("/setup", async (c) =>
    c.json({ needsSetup: c.var.deps.config.localPasswords && (await c.var.deps.services.auth.needsSetup()) }),
  )
  /** Which ways of signing in this server offers; the sign-in and invitation pages show those. */
  .get("/methods", (c) => {
    const { config, oidc } = c.var.deps;
    return c.json({
      password: config.localPasswords,
      oidc: oidc && config.oidc ? { label: config.oidc.label } : null,
    });
  })
  .route("/oidc", oidcRoutes)
  .post("/setup", credentialLimit, async (c) => {
    if (!c.var.deps.config.localPasswords) throw passwordsOff();
    const body = await jsonBody(c, setupBody);
    const signedIn = await c.var.deps.services.auth.setup(body, c.var.clientIp);
    setSessionCookie(c, signedIn.token, signedIn.expiresAt);
    return c.json({ user: signedIn.user }, 201);
  })
  .post("/login", credentialLimit, async (c) => {
    if (!c.var.deps.config.localPasswords) throw passwordsOff();
    const body = await jsonBody(c, loginBody);
    const signedIn = await c.var.deps.services.auth.login(body.email, body.password, c.var.clientIp);
    setSessionCookie(c, signedIn.token, signedIn.expiresAt);
    return c.json({ user: signedIn.user });
  })
  .post("/logout", requireUser, async (c) => {
    const user = currentUser(c);
    const sessionId = c.var.sessionId ?? "";
    // Read before the session (and the ID token kept with it) is gone.
    const endSession = await endSessionUrl(c, sessionId);
    await c.var.deps.services.auth.logout(sessionId, user.id, c.var.clientIp);
    clearSessionCookie(c);
    // A session from the provider ends there too: the web app follows this address.
    return endSession ? c.json({ endSessionUrl: endSession }) : c.body(null, 204);
  })
  .get("/me", requireUser, (c) => c.json({ user: c.var.user }));
