/** /api/organizations: everyone signed in lists them; the instance admin creates them. */
import { Hono } from "hono";
import { createOrganizationBody } from "../../shared/api/workspaces.js";
import { forbidden } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import { canInstance } from "../policy/policy.js";
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
  });
