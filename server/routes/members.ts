/** /api/workspaces/:workspaceId/members: members read the list; conveners manage it; anyone may leave. */
import { Hono } from "hono";
import { addMemberBody, patchMemberBody } from "../../shared/api/workspaces.js";
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
  .post("/:workspaceId/members", async (c) => {
    const { access, members } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "members.manage");
    const body = await jsonBody(c, addMemberBody);
    const userId = await members.add(user.id, workspaceId, body);
    const member = await members.get(workspaceId, userId);
    return c.json({ member }, 201);
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
