/** /api/workspaces/:workspaceId/members: members read the list; conveners invite and manage; anyone may leave. */
import { Hono } from "hono";
import { addMemberBody, handOverBody, patchMemberBody } from "../../shared/api/workspaces.js";
import { notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import { isUuid } from "../services/access.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

function memberId(value: string): string {
  if (!isUuid(value)) throw notFound("Member");
  return value;
}

export const memberRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/members", async (c) => {
    const { access, members } = c.var.deps.services;
    await access.workspace(currentUser(c), c.req.param("workspaceId"), "members.read");
    return c.json({ members: await members.list(c.req.param("workspaceId")) });
  })
  /**
   * Adding someone is an invitation they accept (202, the same answer whether or not an account
   * has the address). Only the instance admin, who sees every account anyway, adds an existing
   * account directly (201).
   */
  .post("/:workspaceId/members", async (c) => {
    const { access, members, invitations } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "members.manage");
    const body = await jsonBody(c, addMemberBody);
    if (user.isAdmin) {
      const userId = await members.addExisting(user.id, workspaceId, body);
      if (userId) return c.json({ member: await members.get(workspaceId, userId) }, 201);
    }
    const invitation = await invitations.create(user.id, workspaceId, body);
    // Mailed (when SMTP is configured) through the outbox: adding never waits for the mail server.
    await c.var.deps.services.notices.invited({ email: invitation.email, workspaceId, url: invitation.url });
    return c.json({ invitation }, 202);
  })
  /** Open actions per owner, for offering a handover when someone leaves or is removed. */
  .get("/:workspaceId/members/open-actions", async (c) => {
    const { access, handover } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "members.manage");
    return c.json({ owners: await handover.openActionsByOwner(workspaceId) });
  })
  /** Hands a member's (or former member's) open actions to another member, or to nobody. */
  .post("/:workspaceId/members/:userId/handover", async (c) => {
    const { access, handover } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "members.manage");
    const from = memberId(c.req.param("userId"));
    const body = await jsonBody(c, handOverBody);
    return c.json(await handover.handOver(user.id, workspaceId, from, body.to));
  })
  .patch("/:workspaceId/members/:userId", async (c) => {
    const { access, members } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "members.manage");
    const userId = memberId(c.req.param("userId"));
    const body = await jsonBody(c, patchMemberBody);
    await members.update(user.id, workspaceId, userId, body);
    const member = await members.get(workspaceId, userId);
    return c.json({ member });
  })
  .delete("/:workspaceId/members/:userId", async (c) => {
    const { access, members } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    const role = await access.workspace(user, workspaceId, "members.read");
    await members.remove({ id: user.id, role }, workspaceId, memberId(c.req.param("userId")));
    return c.body(null, 204);
  });
