/**
 * Invitations: conveners create and withdraw them; anyone holding the link may look, accept or
 * decline; a signed-in person sees and answers those addressed to their own e-mail address.
 */
import { Hono } from "hono";
import { acceptInvitationBody, createInvitationBody, emptyBody } from "../../shared/api/workspaces.js";
import { forbidden, notFound, tooManyRequests } from "../errors.js";
import { credentialLimit } from "../middleware/credential-limit.js";
import { requireUser, setSessionCookie } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import { isUuid } from "../services/access.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

/** Mounted under /api/workspaces. */
export const workspaceInvitationRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/invitations", async (c) => {
    const { access, invitations } = c.var.deps.services;
    await access.workspace(currentUser(c), c.req.param("workspaceId"), "invitations.manage");
    return c.json({ invitations: await invitations.listPending(c.req.param("workspaceId")) });
  })
  .post("/:workspaceId/invitations", async (c) => {
    const { access, invitations } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "invitations.manage");
    const body = await jsonBody(c, createInvitationBody);
    const created = await invitations.create(user.id, workspaceId, body);
    // Mailed (when SMTP is configured) through the outbox: creating never waits for the mail server.
    await c.var.deps.services.notices.invited({ email: created.email, workspaceId, url: created.url });
    return c.json(created, 201);
  })
  .post("/:workspaceId/invitations/:invitationId/resend", async (c) => {
    const { access, invitations, notices, resendLimiter } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "invitations.manage");
    await jsonBody(c, emptyBody);
    const invitationId = c.req.param("invitationId");
    if (!isUuid(invitationId)) throw notFound("Invitation");
    const wait = await resendLimiter.hit(invitationId);
    if (wait > 0) throw tooManyRequests("This invitation was sent again just now; try again later.", wait);
    const resent = await invitations.resend(user.id, workspaceId, invitationId);
    await notices.invited({ email: resent.email, workspaceId, url: resent.url });
    return c.json(resent);
  })
  .delete("/:workspaceId/invitations/:invitationId", async (c) => {
    const { access, invitations } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "invitations.manage");
    const invitationId = c.req.param("invitationId");
    if (!isUuid(invitationId)) throw notFound("Invitation");
    await invitations.revoke(user.id, workspaceId, invitationId);
    return c.body(null, 204);
  });

/** Mounted under /api/invitations; the token is the credential, so no session is required. */
export const invitationTokenRoutes = new Hono<AppEnv>()
  .get("/:token", async (c) =>
    c.json({ invitation: await c.var.deps.services.invitations.preview(c.req.param("token")) }),
  )
  .post("/:token/accept", credentialLimit, async (c) => {
    const body = await jsonBody(c, acceptInvitationBody);
    // LOCAL_PASSWORDS=false: a new account comes only through the provider (/api/auth/oidc/start?invitation=).
    if (!c.var.user && !c.var.deps.config.localPasswords) {
      throw forbidden("Accounts with a password are turned off here: accept through your organisation's sign-in.");
    }
    const result = await c.var.deps.services.invitations.accept(c.req.param("token"), body, c.var.user, c.var.clientIp);
    if (result.session) setSessionCookie(c, result.session.token, result.session.expiresAt);
    return c.json({ user: result.user, workspaceId: result.workspaceId }, 201);
  })
  .post("/:token/decline", credentialLimit, async (c) => {
    await jsonBody(c, emptyBody);
    await c.var.deps.services.invitations.decline(c.req.param("token"), c.var.user, c.var.clientIp);
    return c.body(null, 204);
  });

function invitationId(value: string): string {
  if (!isUuid(value)) throw notFound("Invitation");
  return value;
}

/** Mounted under /api/me: invitations addressed to the signed-in person's e-mail address. */
export const myInvitationRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/invitations", async (c) =>
    c.json({ invitations: await c.var.deps.services.invitations.listMine(currentUser(c)) }),
  )
  .post("/invitations/:invitationId/accept", async (c) => {
    await jsonBody(c, emptyBody);
    const id = invitationId(c.req.param("invitationId"));
    const result = await c.var.deps.services.invitations.acceptMine(currentUser(c), id, c.var.clientIp);
    return c.json(result, 201);
  })
  .post("/invitations/:invitationId/decline", async (c) => {
    await jsonBody(c, emptyBody);
    const id = invitationId(c.req.param("invitationId"));
    await c.var.deps.services.invitations.declineMine(currentUser(c), id, c.var.clientIp);
    return c.body(null, 204);
  });
