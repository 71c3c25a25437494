/** One error type for everything a client can cause; the error handler turns it into the JSON error body. */
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra fields a client may use (e.g. which fields failed validation); never secrets. */
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthenticated = (message = "Sign in to continue.") => new AppError(401, "unauthenticated", message);
export const forbidden = (message = "You do not have permission to do this.") =>
  new AppError(403, "forbidden", message);
export const notFound = (what = "Resource") => new AppError(404, "not_found", `${what} not found.`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, "rate_limited", message, undefined, {
    "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/**
 * A personal identity number in a field: refused, never stored. The message and details name the
 * field and the kind of number, never the number; the error handler records an audit event.
 */
export class IdentityNumberRefused extends AppError {
  constructor(
    readonly field: string,
    readonly kind: "personnummer" | "samordningsnummer",
  ) {
    const reason =
      "Contains a personal identity number (personnummer or samordningsnummer). Patient data must not be stored in Samverkan: remove the number.";
    super(400, "identity_number", `Invalid request: ${field}: ${reason}`, { fields: { [field]: reason }, kind });
  }
}
