/** Boards: listed and read by members, created, renamed and archived by conveners. */
import { Hono } from "hono";
import { createBoardBody, patchBoardBody } from "../../shared/api/workspaces.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import { boardView } from "../services/boards.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

/** Mounted under /api/workspaces. */
export const workspaceBoardRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/boards", async (c) => {
    const { access, boards } = c.var.deps.services;
    await access.workspace(currentUser(c), c.req.param("workspaceId"), "boards.read");
    return c.json({ boards: await boards.list(c.req.param("workspaceId")) });
  })
  .post("/:workspaceId/boards", async (c) => {
    const { access, boards } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "boards.manage");
    const body = await jsonBody(c, createBoardBody);
    const content = body.carryOverFrom
      ? await c.var.deps.services.meetings.carryOverFrom(workspaceId, body.carryOverFrom)
      : undefined;
    return c.json({ board: await boards.create(user.id, workspaceId, body, content) }, 201);
  });

/** Mounted under /api/boards. */
export const boardRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:boardId", async (c) => {
    const { board, role } = await c.var.deps.services.access.board(
      currentUser(c),
      c.req.param("boardId"),
      "boards.read",
    );
    return c.json({ board: { ...boardView(board), role } });
  })
  .patch("/:boardId", async (c) => {
    const { access, boards } = c.var.deps.services;
    const { board } = await access.board(currentUser(c), c.req.param("boardId"), "boards.manage");
    const body = await jsonBody(c, patchBoardBody);
    return c.json({ board: await boards.rename(board.id, body.title) });
  })
  .delete("/:boardId", async (c) => {
    const { access, boards } = c.var.deps.services;
    const user = currentUser(c);
    const { board } = await access.board(user, c.req.param("boardId"), "boards.manage");
    await boards.archive(user.id, board);
    return c.body(null, 204);
  });
