/**
 * Follow-up reports (uppföljningsrapport, slutrapport) of a partnership. Any member, observers
 * too, reads them and their renderings; members (and conveners) edit a draft's texts; conveners
 * generate a draft, freeze it and make a new version of a frozen one. A frozen report answers 409.
 *   GET    /api/workspaces/:id/reports                       list
 *   POST   /api/workspaces/:id/reports                       { kind, title, periodFrom, periodTo } → a new draft
 *   GET    /api/workspaces/:id/reports/:reportId             the report (content and texts)
 *   PATCH  /api/workspaces/:id/reports/:reportId             { title?, summary?, goals? } texts of a draft
 *   POST   /api/workspaces/:id/reports/:reportId/freeze      freeze: the archival PDF and its SHA-256
 *   POST   /api/workspaces/:id/reports/:reportId/versions    a new draft from a frozen report
 *   GET    /api/workspaces/:id/reports/:reportId/verify      whether the frozen PDF matches its hash
 *   GET    /api/workspaces/:id/steering                      the steering view: goals' trends, indicators, overdue actions
 *   GET    /api/workspaces/:id/reports/:reportId/report.md | report.pdf | indicators.csv [?lang]
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { createReportBody, editReportBody, reportFormatQuery } from "../../shared/api/reports.js";
import { emptyBody } from "../../shared/api/workspaces.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody, queryParams } from "../middleware/validate.js";
import { indicatorsCsv, renderReportPdf, reportMarkdown } from "../reports/render.js";
import { viewOf } from "../reports/service.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

function fileName(base: string, version: number, ext: string) {
  const safe =
    base
      .replace(/[^\p{L}\p{N}_-]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "rapport";
  return `attachment; filename="${encodeURIComponent(`${safe}-v${version}.${ext}`)}"; filename*=UTF-8''${encodeURIComponent(`${safe}-v${version}.${ext}`)}`;
}

async function readable(c: Context<AppEnv>) {
  const { access, reports } = c.var.deps.services;
  const workspaceId = c.req.param("workspaceId") ?? "";
  await access.workspace(currentUser(c), workspaceId, "boards.read");
  const row = await reports.row(workspaceId, c.req.param("reportId") ?? "");
  const { lang } = queryParams(c, reportFormatQuery);
  return { row, view: viewOf(row), locale: lang ?? "sv" };
}

/** Mounted under /api/workspaces. */
export const reportRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/reports", async (c) => {
    const { access, reports } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    return c.json({ reports: await reports.list(workspaceId) });
  })
  .post("/:workspaceId/reports", async (c) => {
    const { access, reports } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "boards.manage");
    const body = await jsonBody(c, createReportBody);
    return c.json({ report: await reports.create(user.id, workspaceId, body) }, 201);
  })
  .get("/:workspaceId/steering", async (c) => {
    const { access, reports } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    return c.json(await reports.steering(workspaceId));
  })
  .get("/:workspaceId/reports/:reportId", async (c) => {
    const { access, reports } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    return c.json({ report: await reports.get(workspaceId, c.req.param("reportId")) });
  })
  .patch("/:workspaceId/reports/:reportId", async (c) => {
    const { access, reports } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "board.edit");
    const body = await jsonBody(c, editReportBody);
    return c.json({ report: await reports.edit(user.id, workspaceId, c.req.param("reportId"), body) });
  })
  .post("/:workspaceId/reports/:reportId/freeze", async (c) => {
    const { access, reports } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "boards.manage");
    await jsonBody(c, emptyBody);
    return c.json({ report: await reports.freeze(user.id, workspaceId, c.req.param("reportId")) });
  })
  .post("/:workspaceId/reports/:reportId/versions", async (c) => {
    const { access, reports } = c.var.deps.services;
    const user = currentUser(c);
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(user, workspaceId, "boards.manage");
    await jsonBody(c, emptyBody);
    return c.json({ report: await reports.newVersion(user.id, workspaceId, c.req.param("reportId")) }, 201);
  })
  .get("/:workspaceId/reports/:reportId/verify", async (c) => {
    const { access, reports } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    return c.json(await reports.verify(workspaceId, c.req.param("reportId")));
  })
  .get("/:workspaceId/reports/:reportId/report.md", async (c) => {
    const { view, locale } = await readable(c);
    return c.body(reportMarkdown(view, locale), 200, {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": fileName(view.title, view.version, "md"),
      "cache-control": "private, no-store",
    });
  })
  .get("/:workspaceId/reports/:reportId/report.pdf", async (c) => {
    const { row, view, locale } = await readable(c);
    // A frozen report's Swedish PDF is the archived bytes (their hash is recorded); others are rendered now.
    const pdf =
      row.state === "frozen" && row.pdf && locale === "sv"
        ? new Uint8Array(row.pdf)
        : await renderReportPdf(view, locale);
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "application/pdf",
      "content-disposition": fileName(view.title, view.version, "pdf"),
      "cache-control": "private, no-store",
    });
  })
  .get("/:workspaceId/reports/:reportId/indicators.csv", async (c) => {
    const { view, locale } = await readable(c);
    return c.body(indicatorsCsv(view, locale), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": fileName(`${view.title}-indikatorer`, view.version, "csv"),
      "cache-control": "private, no-store",
    });
  });
