/**
 * Board history: the versions of a board, one version read-only, restoring one (a new change,
 * never a rewrite), and the history of one item. Reading needs membership; restoring needs the
 * right to edit the board, and minutes that are not closed for approval or sealed. Ids in the
 * path that name nothing (or are not ids) are 404, as everywhere; 400 is for the query and body.
 */
import { type Context, Hono } from "hono";
import { historyListQuery, noQuery, restoreBody } from "../../shared/api/history.js";
import { ITEM_ID } from "../../shared/boards/fields.js";
import { notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody, queryParams } from "../middleware/validate.js";
import type { WorkspaceAction } from "../policy/policy.js";
import { isUuid } from "../services/access.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

type C = Context<AppEnv>;
const UUID = { test: isUuid };

async function board(c: C, action: WorkspaceAction) {
  const { board } = await c.var.deps.services.access.board(currentUser(c), c.req.param("boardId") ?? "", action);
  return board;
}

/** A version or item id that is not one names nothing: 404, like any id in a path. */
function pathId(c: C, name: "versionId" | "itemId", pattern: { test(id: string): boolean }, what: string): string {
  const id = c.req.param(name) ?? "";
  if (!pattern.test(id)) throw notFound(what);
  return id;
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
    const versionId = pathId(c, "versionId", UUID, "Version");
    queryParams(c, noQuery);
    return c.json(await c.var.deps.services.history.get(b, versionId));
  })
  .post("/:boardId/history/:versionId/restore", async (c) => {
    const b = await board(c, "board.edit");
    const versionId = pathId(c, "versionId", UUID, "Version");
    await jsonBody(c, restoreBody);
    const user = currentUser(c);
    return c.json(await c.var.deps.services.history.restore({ id: user.id, ip: c.var.clientIp }, b, versionId));
  })
  .get("/:boardId/items/:itemId/history", async (c) => {
    const b = await board(c, "boards.read");
    const itemId = pathId(c, "itemId", ITEM_ID, "Item");
    queryParams(c, noQuery);
    return c.json(await c.var.deps.services.history.item(b.id, itemId));
  });
