/**
 * Board history: the versions of a board, one version read-only, restoring one (a new change,
 * never a rewrite), and the history of one item. Reading needs membership; restoring needs the
 * right to edit the board, and minutes that are not closed for approval or sealed.
 */
import { type Context, Hono } from "hono";
import type { z } from "zod";
import { historyListQuery, itemParams, restoreBody, versionParams } from "../../shared/api/history.js";
import { badRequest } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody, queryParams } from "../middleware/validate.js";
import type { WorkspaceAction } from "../policy/policy.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

type C = Context<AppEnv>;

async function board(c: C, action: WorkspaceAction) {
  const { board } = await c.var.deps.services.access.board(currentUser(c), c.req.param("boardId") ?? "", action);
  return board;
}

/** Path parameters that are malformed (a board id that names nothing is a 404; a bad version or item id is a wrong request) → 400. */
function pathParams<S extends z.ZodType>(c: C, schema: S, keys: readonly string[]): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(keys.map((k) => [k, c.req.param(k)])));
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join(".")] ??= issue.message;
  const [field, message] = Object.entries(fields)[0] ?? ["(path)", "Invalid."];
  throw badRequest("validation_failed", `Invalid request: ${field}: ${message}`, { fields });
}

/** Mounted under /api/boards. */
export const historyRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:boardId/history", async (c) => {
    const b = await board(c, "boards.read");
    return c.json(await c.var.deps.services.history.list(b.id, queryParams(c, historyListQuery)));
  })
  .get("/:boardId/history/:versionId", async (c) => {
    const b = await board(c, "boards.read");
    const { versionId } = pathParams(c, versionParams, ["versionId"]);
    return c.json(await c.var.deps.services.history.get(b, versionId));
  })
  .post("/:boardId/history/:versionId/restore", async (c) => {
    const b = await board(c, "board.edit");
    const { versionId } = pathParams(c, versionParams, ["versionId"]);
    await jsonBody(c, restoreBody);
    const user = currentUser(c);
    return c.json(await c.var.deps.services.history.restore({ id: user.id, ip: c.var.clientIp }, b, versionId));
  })
  .get("/:boardId/items/:itemId/history", async (c) => {
    const b = await board(c, "boards.read");
    const { itemId } = pathParams(c, itemParams, ["itemId"]);
    return c.json(await c.var.deps.services.history.item(b.id, itemId));
  });
