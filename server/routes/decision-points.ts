/**
 * Decision points of a partnership: observers read, members prepare (create, edit, checklist),
 * conveners decide and reopen. Mounted under /api/workspaces.
 */
import { type Context, Hono } from "hono";
import {
  addChecklistItemBody,
  createDecisionPointBody,
  decideBody,
  reopenBody,
  updateChecklistItemBody,
  updateDecisionPointBody,
} from "../../shared/api/decision-points.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import type { WorkspaceAction } from "../policy/policy.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

type C = Context<AppEnv>;

/** Who asks, allowed to do `action` in the partnership of the path (404 outsiders, 403 too low a role). */
async function actor(c: C, action: WorkspaceAction) {
  const user = currentUser(c);
  const workspaceId = c.req.param("workspaceId") ?? "";
  await c.var.deps.services.access.workspace(user, workspaceId, action);
  return { workspaceId, actor: { id: user.id, ip: c.var.clientIp }, id: c.req.param("id") ?? "" };
}

const READ = "boards.read";
/** Members of the partnership prepare a decision point. */
const WRITE = "board.edit";
/** Conveners decide and document (and reopen). */
const DECIDE = "boards.manage";

export const decisionPointRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/decision-points", async (c) => {
    const { workspaceId } = await actor(c, READ);
    return c.json({ decisionPoints: await c.var.deps.services.decisionPoints.list(workspaceId) });
  })
  .post("/:workspaceId/decision-points", async (c) => {
    const who = await actor(c, WRITE);
    const body = await jsonBody(c, createDecisionPointBody);
    const point = await c.var.deps.services.decisionPoints.create(who.actor, who.workspaceId, body);
    return c.json({ decisionPoint: point }, 201);
  })
  .get("/:workspaceId/decision-points/:id", async (c) => {
    const { workspaceId, id } = await actor(c, READ);
    return c.json({ decisionPoint: await c.var.deps.services.decisionPoints.get(workspaceId, id) });
  })
  .patch("/:workspaceId/decision-points/:id", async (c) => {
    const who = await actor(c, WRITE);
    const body = await jsonBody(c, updateDecisionPointBody);
    const point = await c.var.deps.services.decisionPoints.update(who.actor, who.workspaceId, who.id, body);
    return c.json({ decisionPoint: point });
  })
  .delete("/:workspaceId/decision-points/:id", async (c) => {
    const who = await actor(c, WRITE);
    await c.var.deps.services.decisionPoints.remove(who.actor, who.workspaceId, who.id);
    return c.body(null, 204);
  })
  .post("/:workspaceId/decision-points/:id/checklist", async (c) => {
    const who = await actor(c, WRITE);
    const { text } = await jsonBody(c, addChecklistItemBody);
    const point = await c.var.deps.services.decisionPoints.addChecklistItem(who.actor, who.workspaceId, who.id, text);
    return c.json({ decisionPoint: point }, 201);
  })
  .patch("/:workspaceId/decision-points/:id/checklist/:itemId", async (c) => {
    const who = await actor(c, WRITE);
    const body = await jsonBody(c, updateChecklistItemBody);
    const itemId = c.req.param("itemId");
    const point = await c.var.deps.services.decisionPoints.updateChecklistItem(
      who.actor,
      who.workspaceId,
      who.id,
      itemId,
      body,
    );
    return c.json({ decisionPoint: point });
  })
  .delete("/:workspaceId/decision-points/:id/checklist/:itemId", async (c) => {
    const who = await actor(c, WRITE);
    const itemId = c.req.param("itemId");
    const point = await c.var.deps.services.decisionPoints.removeChecklistItem(
      who.actor,
      who.workspaceId,
      who.id,
      itemId,
    );
    return c.json({ decisionPoint: point });
  })
  .post("/:workspaceId/decision-points/:id/decide", async (c) => {
    const who = await actor(c, DECIDE);
    const body = await jsonBody(c, decideBody);
    const point = await c.var.deps.services.decisionPoints.decide(who.actor, who.workspaceId, who.id, body);
    return c.json({ decisionPoint: point });
  })
  .post("/:workspaceId/decision-points/:id/reopen", async (c) => {
    const who = await actor(c, DECIDE);
    const { reason } = await jsonBody(c, reopenBody);
    const point = await c.var.deps.services.decisionPoints.reopen(who.actor, who.workspaceId, who.id, reason);
    return c.json({ decisionPoint: point });
  });
