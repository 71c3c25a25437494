/**
 * /api/organizations: everyone signed in lists the ones that can be chosen; the instance admin
 * creates, renames, deactivates and reactivates them (others get 404 on a change of one).
 */
import { Hono } from "hono";
import { patchOrganizationBody } from "../../shared/api/admin.js";
import { createOrganizationBody } from "../../shared/api/workspaces.js";
import { forbidden, notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import { canInstance } from "../policy/policy.js";
import { isUuid } from "../services/access.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

export const organizationRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", async (c) => c.json({ organizations: await c.var.deps.services.organizations.list() }))
  .post("/", async (c) => {
    const user = currentUser(c);
    if (!canInstance(user, "organizations.create")) throw forbidden("Only the administrator can add organisations.");
    const body = await jsonBody(c, createOrganizationBody);
    return c.json({ organization: await c.var.deps.services.organizations.create(user.id, body) }, 201);
  })
  .patch("/:organizationId", async (c) => {
    const user = currentUser(c);
    const id = c.req.param("organizationId");
    if (!canInstance(user, "organizations.manage") || !isUuid(id)) throw notFound("Organisation");
    const body = await jsonBody(c, patchOrganizationBody);
    return c.json({ organization: await c.var.deps.services.organizations.update(user.id, id, body) });
  });
