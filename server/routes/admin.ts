/**
 * /api/admin: the instance admin's views over the whole instance — every organisation (deactivated
 * ones too) and every partnership, and setting a partnership up. Anyone else gets 404: they must
 * not learn these pages exist.
 */
import { Hono } from "hono";
import { createPartnershipBody } from "../../shared/api/admin.js";
import { notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import { canInstance } from "../policy/policy.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

export const adminRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .use(async (c, next) => {
    if (!canInstance(currentUser(c), "partnerships.manage")) throw notFound("Page");
    await next();
  })
  .get("/organizations", async (c) => c.json({ organizations: await c.var.deps.services.organizations.listAll() }))
  .get("/partnerships", async (c) => c.json({ partnerships: await c.var.deps.services.partnerships.listAll() }))
  .post("/partnerships", async (c) => {
    const body = await jsonBody(c, createPartnershipBody);
    return c.json(await c.var.deps.services.partnerships.create(currentUser(c).id, body), 201);
  });
