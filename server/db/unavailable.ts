/**
 * "The database is not there right now" — told apart from every other database error in one
 * place, so HTTP answers 503 `db_unavailable` (never 500), readiness says the same, and the
 * realtime side stops taking edits it could not store. Covers the embedded database's process
 * being down (dead, restarting, closed) and PostgreSQL refusing, shutting down or dropping the
 * connection; an error that is the query's own fault (a constraint, a syntax error) is not one.
 */

/** A query that could not run because the database is down: the embedded one's process is dead, restarting or closed. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/**
 * SQLSTATEs meaning the server or the connection is going or gone (classes 08 and 57P): the
 * statement may be retried once it is back. 53300 (too many connections) is a full server, also
 * transient; a full disk or an I/O error means nothing can be stored until an operator acts.
 */
const UNAVAILABLE_SQLSTATES: Record<string, string> = {
  "08000": "connection lost",
  "08001": "cannot connect",
  "08003": "connection lost",
  "08004": "connection refused",
  "08006": "connection lost",
  "57P01": "database shutting down",
  "57P02": "database crashed",
  "57P03": "database starting",
  "53300": "too many connections",
  "53100": "disk full",
  "58030": "I/O error",
};

/** Node's socket errors and postgres.js's own connection codes. */
const UNAVAILABLE_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection lost",
  EPIPE: "connection lost",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EAI_AGAIN: "host name lookup failed",
  ENOTFOUND: "host name lookup failed",
  CONNECTION_CLOSED: "connection lost",
  CONNECTION_ENDED: "connection closed",
  CONNECTION_DESTROYED: "connection lost",
  CONNECT_TIMEOUT: "connection timed out",
  ERR_IPC_CHANNEL_CLOSED: "database process gone",
};

/**
 * Why the database is unavailable, in a few words, if `error` says it is; otherwise undefined.
 * Looks through wrapping (Drizzle's `cause`, an AggregateError's `errors`).
 */
export function unavailableReason(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 16) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof DatabaseUnavailableError) return "database process down";
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      const reason = UNAVAILABLE_SQLSTATES[code] ?? UNAVAILABLE_CODES[code];
      if (reason) return reason;
    }
    queue.push((current as { cause?: unknown }).cause);
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner)) queue.push(...inner);
  }
  return undefined;
}

export const isDatabaseUnavailable = (error: unknown): boolean => unavailableReason(error) !== undefined;
