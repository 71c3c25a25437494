/**
 * Maps every error to the one JSON error body. The database being unavailable is 503
 * `db_unavailable`; anything else that is not an AppError is a bug and logged as such.
 */
import { eq } from "drizzle-orm";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody } from "../../shared/api/error.js";
import { boards, workspaces } from "../db/schema.js";
import { unavailableReason } from "../db/unavailable.js";
import { AppError, IdentityNumberRefused } from "../errors.js";
import { isUuid } from "../services/access.js";
import type { AppEnv } from "../types.js";

/** How long a client should wait before trying again while the database is down (a restart takes a few seconds). */
const UNAVAILABLE_RETRY_AFTER_S = 5;

/** The answer while the database is down, here and in readiness: 503 `db_unavailable`, never a 500. */
export function unavailableBody(reason: string): ErrorBody {
  return errorBody("db_unavailable", "The database is unavailable right now; try again in a moment.", { reason });
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const onError: ErrorHandler<AppEnv> = async (err, c) => {
  if (err instanceof IdentityNumberRefused) await recordRefusal(c, err);
  if (err instanceof AppError) {
    if (err.headers) for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own 4xx (e.g. from a built-in middleware): keep the status, use our shape.
    return c.json(
      errorBody(codeForStatus(err.status), err.message || "Bad request."),
      err.status as ContentfulStatusCode,
    );
  }
  const unavailable = unavailableReason(err);
  if (unavailable) {
    // Not a bug: the database's process is restarting, or PostgreSQL is down or dropped the connection.
    logger(c).warn({ err, reason: unavailable }, "database unavailable");
    c.header("Retry-After", String(UNAVAILABLE_RETRY_AFTER_S));
    return c.json(unavailableBody(unavailable), 503);
  }
  logger(c).error({ err }, "unhandled error");
  return c.json(errorBody("internal_error", "Something went wrong on the server. The error has been logged."), 500);
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody("not_found", `No such endpoint: ${c.req.method} ${c.req.path}`), 404);

function codeForStatus(status: number): string {
  return status === 401
    ? "unauthenticated"
    : status === 403
      ? "forbidden"
      : status === 413
        ? "payload_too_large"
        : "bad_request";
}

/** Who tried to store an identity number where: board or partnership, route and field — never the number. */
async function recordRefusal(c: Context<AppEnv>, err: IdentityNumberRefused) {
  const params = c.req.param() as Record<string, string | undefined>;
  try {
    await c.var.deps.services.audit({
      action: "identity_number.refused",
      actorId: c.var.user?.id ?? null,
      workspaceId: await workspaceOf(c, params),
      ...(params.boardId ? { targetType: "board", targetId: params.boardId } : {}),
      ip: c.var.clientIp,
      data: { field: err.field, kind: err.kind, method: c.req.method, route: c.req.routePath },
    });
  } catch (auditError) {
    // The refusal stands either way; a failing audit insert (e.g. the database down) is logged.
    logger(c).warn({ err: auditError }, "recording a refused identity number failed");
  }
}

/** The partnership a request was about, if its path names an existing board or partnership. */
async function workspaceOf(c: Context<AppEnv>, params: Record<string, string | undefined>): Promise<string | null> {
  const { db } = c.var.deps;
  if (params.boardId && isUuid(params.boardId)) {
    const [row] = await db.select({ id: boards.workspaceId }).from(boards).where(eq(boards.id, params.boardId));
    return row?.id ?? null;
  }
  if (params.workspaceId && isUuid(params.workspaceId)) {
    const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, params.workspaceId));
    return row?.id ?? null;
  }
  return null;
}

function logger(c: Context<AppEnv>) {
  return c.get("log") ?? c.var.deps.logger;
}
