/** /api/users: instance administration of accounts (admin only). */
import { Hono } from "hono";
import { patchUserBody } from "../../shared/api/auth.js";
import { forbidden, notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import { canInstance } from "../policy/policy.js";
import { isUuid } from "../services/access.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

export const userRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .use(async (c, next) => {
    if (!canInstance(currentUser(c), "users.manage")) throw forbidden("Only the administrator can manage accounts.");
    await next();
  })
  .get("/", async (c) => c.json({ users: await c.var.deps.services.users.list() }))
  .patch("/:userId", async (c) => {
    const userId = c.req.param("userId");
    if (!isUuid(userId)) throw notFound("User");
    const body = await jsonBody(c, patchUserBody);
    return c.json({ user: await c.var.deps.services.users.setActive(currentUser(c).id, userId, body.active) });
  });
