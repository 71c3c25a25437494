/** /api/users: instance administration of accounts (admin only): search, memberships, deactivate, reactivate. */
import { Hono } from "hono";
import { usersQuery } from "../../shared/api/admin.js";
import { patchUserBody } from "../../shared/api/auth.js";
import { notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody, queryParams } from "../middleware/validate.js";
import { canInstance } from "../policy/policy.js";
import { isUuid } from "../services/access.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

export const userRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .use(async (c, next) => {
    // Administration: anyone else must not learn it exists (404, as for a partnership one is not in).
    if (!canInstance(currentUser(c), "users.manage")) throw notFound("Page");
    await next();
  })
  .get("/", async (c) => {
    const { q } = queryParams(c, usersQuery);
    return c.json({ users: await c.var.deps.services.users.list(q || undefined) });
  })
  .patch("/:userId", async (c) => {
    const userId = c.req.param("userId");
    if (!isUuid(userId)) throw notFound("User");
    const body = await jsonBody(c, patchUserBody);
    return c.json({ user: await c.var.deps.services.users.setActive(currentUser(c).id, userId, body.active) });
  });
