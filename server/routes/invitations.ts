/** Invitations: conveners create and withdraw them; anyone holding the link may look and accept. */
import { Hono } from "hono";
import { acceptInvitationBody, createInvitationBody } from "../../shared/api/workspaces.js";
import { notFound } from "../errors.js";
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
    return c.json(await invitations.create(user.id, workspaceId, body), 201);
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
    const result = await c.var.deps.services.invitations.accept(c.req.param("token"), body, c.var.user, c.var.clientIp);
    if (result.session) setSessionCookie(c, result.session.token, result.session.expiresAt);
    return c.json({ user: result.user, workspaceId: result.workspaceId }, 201);
  });
