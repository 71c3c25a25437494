/**
 * "My work" beyond the plain lists (routes/content.ts): the actions list and the decisions log
 * as CSV with the same filters, and the home page's to-do panel. Any member may read them.
 *   GET /api/workspaces/:id/actions.csv[?owner&organization&status&board&overdue&dueWithin&q&sort&lang]
 *   GET /api/workspaces/:id/decisions.csv[?q&lang]
 *   GET /api/workspaces/:id/todo
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { actionListQuery, CSV_MAX, decisionListQuery, todoQuery } from "../../shared/api/my-work.js";
import { stockholmDate } from "../../shared/time/stockholm.js";
import { requireUser } from "../middleware/session.js";
import { queryParams } from "../middleware/validate.js";
import { actionsCsv, csvLocale, decisionsCsv } from "../records/my-work-csv.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

function csvAnswer(c: Context<AppEnv>, body: string, name: string) {
  return c.body(body, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}-${stockholmDate(new Date())}.csv"`,
    "cache-control": "private, no-store",
  });
}

/** Mounted under /api/workspaces. */
export const myWorkRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/actions.csv", async (c) => {
    const { access, content } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "boards.read");
    // The same filters and order as the page; every matching row, not the page's limit.
    const { owner, limit: _limit, lang, ...filter } = queryParams(c, actionListQuery);
    const ownerId = owner === "me" ? user.id : owner;
    const rows = await content.actions(workspaceId, { ...filter, ...(ownerId ? { ownerId } : {}) }, CSV_MAX);
    const locale = csvLocale(lang, c.req.header("accept-language"));
    return csvAnswer(c, actionsCsv(rows, locale), locale === "sv" ? "aktiviteter" : "actions");
  })
  .get("/:workspaceId/decisions.csv", async (c) => {
    const { access, content } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    const { q, lang } = queryParams(c, decisionListQuery);
    const rows = await content.decisions(workspaceId, CSV_MAX, q);
    const locale = csvLocale(lang, c.req.header("accept-language"));
    const csv = decisionsCsv(
      rows.map((d) => ({ ...d, meetingDate: d.meetingStartsAt ? stockholmDate(d.meetingStartsAt) : null })),
      locale,
    );
    return csvAnswer(c, csv, locale === "sv" ? "beslut" : "decisions");
  })
  .get("/:workspaceId/todo", async (c) => {
    const { access, myWork } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "boards.read");
    queryParams(c, todoQuery);
    return c.json(await myWork.todo(workspaceId, user.id));
  });
