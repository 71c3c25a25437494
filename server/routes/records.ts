/**
 * The audit view (händelselogg) and the data export. A partnership's events and export are for its
 * conveners and the instance admin; every event of the instance for the admin only.
 *
 *   GET /api/workspaces/:id/audit[?person&kind&from&to&cursor&limit]   a page, newest first
 *   GET /api/workspaces/:id/audit/filters                                people and kinds to filter by
 *   GET /api/workspaces/:id/audit/csv[?person&kind&from&to&lang]         every matching event as CSV
 *   GET /api/workspaces/:id/export                                       the partnership's data as a zip
 *   GET /api/audit, /api/audit/filters, /api/audit/csv                    the same over the whole instance
 */
import { type Context, Hono } from "hono";
import { type AuditQuery, auditQuery, noQuery } from "../../shared/api/records.js";
import { stockholmDate } from "../../shared/time/stockholm.js";
import { forbidden, notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { queryParams } from "../middleware/validate.js";
import { canInstance } from "../policy/policy.js";
import { auditCsvHeader, auditCsvRow } from "../records/csv.js";
import { slug } from "../records/export.js";
import { isUuid } from "../services/access.js";
import type { AuditScope } from "../services/audit-log.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

type C = Context<AppEnv>;

/** A partnership's records: its conveners, and the instance admin for any partnership (its archive). */
async function partnershipScope(c: C): Promise<AuditScope & { kind: "workspace" }> {
  const user = currentUser(c);
  const workspaceId = c.req.param("workspaceId") ?? "";
  const { access, records } = c.var.deps.services;
  if (canInstance(user, "records.read")) {
    if (!isUuid(workspaceId) || (await records.partnershipName(workspaceId)) === null) throw notFound("Workspace");
  } else {
    await access.workspace(user, workspaceId, "records.read");
  }
  return { kind: "workspace", workspaceId };
}

function instanceScope(c: C): AuditScope {
  if (!canInstance(currentUser(c), "records.read"))
    throw forbidden("Only the administrator can read the whole instance's audit log.");
  return { kind: "instance" };
}

async function page(c: C, scope: AuditScope) {
  const q = queryParams(c, auditQuery);
  return c.json(await c.var.deps.services.auditLog.list(scope, q));
}

async function csv(c: C, scope: AuditScope) {
  const q: AuditQuery = queryParams(c, auditQuery);
  const { audit, auditLog } = c.var.deps.services;
  const user = currentUser(c);
  const workspaceId = scope.kind === "workspace" ? scope.workspaceId : (q.workspace ?? null);
  await audit({
    action: "audit.exported",
    actorId: user.id,
    workspaceId,
    ip: c.var.clientIp,
    data: { format: "csv" },
  });
  const withIp = scope.kind === "instance";
  const events = auditLog.all(scope, { ...q, cursor: undefined });
  const encoder = new TextEncoder();
  const log = c.var.log;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader(q.lang, withIp)));
    },
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map((e) => auditCsvRow(e, q.lang, withIp)).join("")));
      } catch (error) {
        log.error({ err: error }, "audit CSV failed while streaming");
        controller.error(error);
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  const name = `${q.lang === "sv" ? "handelselogg" : "audit-log"}-${stockholmDate(new Date())}.csv`;
  return c.body(body, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "private, no-store",
  });
}

/** Mounted under /api/workspaces. */
export const workspaceRecordRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/audit", async (c) => page(c, await partnershipScope(c)))
  .get("/:workspaceId/audit/filters", async (c) => {
    const scope = await partnershipScope(c);
    queryParams(c, noQuery);
    return c.json(await c.var.deps.services.auditLog.filters(scope));
  })
  .get("/:workspaceId/audit/csv", async (c) => csv(c, await partnershipScope(c)))
  .get("/:workspaceId/export", async (c) => {
    const scope = await partnershipScope(c);
    queryParams(c, noQuery);
    const user = currentUser(c);
    const { audit, records } = c.var.deps.services;
    const name = (await records.partnershipName(scope.workspaceId)) ?? "";
    // Recorded before the first byte leaves: the data is out once the download starts.
    await audit({
      action: "workspace.exported",
      actorId: user.id,
      workspaceId: scope.workspaceId,
      targetType: "workspace",
      targetId: scope.workspaceId,
      ip: c.var.clientIp,
      data: { format: "zip" },
    });
    const log = c.var.log;
    const body = records.partnership(scope.workspaceId, { id: user.id, name: user.name }, (err) =>
      log.error({ err }, "partnership export failed while streaming"),
    );
    return c.body(body, 200, {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="samverkan-${slug(name)}-${stockholmDate(new Date())}.zip"`,
      "cache-control": "private, no-store",
    });
  });

/** Mounted at /api/audit: the instance admin's view of everything. */
export const instanceAuditRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/", (c) => page(c, instanceScope(c)))
  .get("/filters", async (c) => {
    const scope = instanceScope(c);
    queryParams(c, noQuery);
    return c.json(await c.var.deps.services.auditLog.filters(scope));
  })
  .get("/csv", (c) => csv(c, instanceScope(c)));
