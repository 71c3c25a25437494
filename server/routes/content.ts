/**
 * Projections of board content for a partnership (DESIGN.md §8): actions with filters, the
 * decisions log, full-text search and the home-page overview. Any member may read them.
 */
import { Hono } from "hono";
import { searchQuery } from "../../shared/api/content.js";
import { actionListQuery, decisionListQuery } from "../../shared/api/my-work.js";
import { requireUser } from "../middleware/session.js";
import { queryParams } from "../middleware/validate.js";
import { searchWorkspace } from "../services/workspace-search.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

/** Mounted under /api/workspaces. */
export const contentRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/actions", async (c) => {
    const { access, content } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "boards.read");
    const { owner, limit, lang: _lang, ...filter } = queryParams(c, actionListQuery);
    const ownerId = owner === "me" ? user.id : owner;
    const actions = await content.actions(workspaceId, { ...filter, ...(ownerId ? { ownerId } : {}) }, limit);
    return c.json({ actions, limit });
  })
  .get("/:workspaceId/decisions", async (c) => {
    const { access, content } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    const { limit, q } = queryParams(c, decisionListQuery);
    return c.json({ decisions: await content.decisions(workspaceId, limit, q), limit });
  })
  .get("/:workspaceId/search", async (c) => {
    const { services } = c.var.deps;
    const workspaceId = c.req.param("workspaceId");
    await services.access.workspace(currentUser(c), workspaceId, "boards.read");
    const { q, limit } = queryParams(c, searchQuery);
    return c.json({ query: q, results: await searchWorkspace(services, workspaceId, q, limit) });
  })
  .get("/:workspaceId/overview", async (c) => {
    const { access, content } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "boards.read");
    return c.json(await content.overview(workspaceId, user.id));
  });
