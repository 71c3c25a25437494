/**
 * Entering an indicator's aggregated value for a unit at an occasion over HTTP (issue 19), for
 * imports and scripts: PUT /api/boards/:boardId/indicators/:indicatorId/values. The value is
 * written through the board editor — into the live room when the board is open, so everyone on
 * it sees the value at once — with the same rules as the page and the socket guard: the unit and
 * the occasion must exist (else 422) and the value must lie within the indicator's range (else
 * 422 with the limits). Observers cannot (403).
 * Also GET /api/boards/:boardId/goals: the goals a focus board and its actions serve (the other
 * direction of a goal's links, from the projections).
 */
import { Hono } from "hono";
import { indicatorValueBody } from "../../shared/api/indicators.js";
import { BoardInputError } from "../../shared/boards/access.js";
import { ITEM_ID } from "../../shared/boards/fields.js";
import { type Cell, setIndicatorValue } from "../../shared/boards/followup.js";
import { AppError, notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody } from "../middleware/validate.js";
import { goalsServedBy } from "../projections/followup-queries.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

function refusal(error: BoardInputError): AppError {
  const code = error.issue?.code;
  if (error.field === "indicator") return notFound("Indicator");
  if (code === "unknown_unit") return new AppError(422, "unknown_unit", "There is no such unit on this board.");
  if (code === "unknown_occasion")
    return new AppError(422, "unknown_occasion", "There is no such measuring occasion on this board.");
  if (error.field === "value" && (code === "too_small" || code === "too_big")) {
    return new AppError(422, "value_out_of_range", `The value ${error.message}`, {
      field: "value",
      ...(error.issue?.minimum !== undefined ? { minimum: error.issue.minimum } : {}),
      ...(error.issue?.maximum !== undefined ? { maximum: error.issue.maximum } : {}),
    });
  }
  return new AppError(400, "invalid_value", `Invalid request: ${error.message}`, { field: error.field });
}

/** Mounted under /api/boards. */
export const indicatorRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .put("/:boardId/indicators/:indicatorId/values", async (c) => {
    const body = await jsonBody(c, indicatorValueBody);
    const user = currentUser(c);
    const { services } = c.var.deps;
    const { board } = await services.access.board(user, c.req.param("boardId"), "board.edit");
    if (board.kind !== "followup") throw notFound("Follow-up board");
    const indicatorId = c.req.param("indicatorId");
    if (!ITEM_ID.test(indicatorId)) throw notFound("Indicator");
    let cell: Cell | null = null;
    try {
      await services.boardEditor.edit(board.id, "followup", user.id, (doc) => {
        cell = setIndicatorValue(doc, indicatorId, { ...body, by: user.id });
      });
    } catch (error) {
      if (error instanceof BoardInputError) throw refusal(error);
      throw error;
    }
    return c.json({ value: cell });
  })
  .get("/:boardId/goals", async (c) => {
    const user = currentUser(c);
    const { board } = await c.var.deps.services.access.board(user, c.req.param("boardId"), "boards.read");
    if (board.kind !== "focus") throw notFound("Focus board");
    return c.json({ goals: await goalsServedBy(c.var.deps.db, board.workspaceId, board.id) });
  });
