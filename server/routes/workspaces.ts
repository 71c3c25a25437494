/** /api/workspaces: the partnerships the caller belongs to. */
import { Hono } from "hono";
import { createWorkspaceBody, patchWorkspaceBody } from "../../shared/api/workspaces.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

export const workspaceRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", async (c) => c.json({ workspaces: await c.var.deps.services.workspaces.listFor(currentUser(c).id) }))
  .post("/", async (c) => {
    const body = await jsonBody(c, createWorkspaceBody);
    return c.json({ workspace: await c.var.deps.services.workspaces.create(currentUser(c).id, body) }, 201);
  })
  .get("/:workspaceId", async (c) => {
    const { access, workspaces } = c.var.deps.services;
    const user = currentUser(c);
    await access.workspace(user, c.req.param("workspaceId"), "workspace.read");
    return c.json({ workspace: await workspaces.get(user.id, c.req.param("workspaceId")) });
  })
  .patch("/:workspaceId", async (c) => {
    const { access, workspaces } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "workspace.update");
    const body = await jsonBody(c, patchWorkspaceBody);
    return c.json({ workspace: await workspaces.update(user.id, workspaceId, body) });
  });
