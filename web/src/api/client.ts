/**
 * The JSON API as the pages use it: same-origin requests with the session cookie, bodies as
 * JSON, and every failure as an ApiError carrying the server's stable code (never its text).
 */
import { SessionEndedEvent } from "../events.js";
import { t } from "../i18n/i18n.js";
import type { MessageKey } from "../i18n/sv.js";

/** Answers whose meaning the person needs in their own language, whatever text the server sent. */
const IN_OUR_WORDS: Record<string, MessageKey> = {
  unauthenticated: "error.signedOut",
  db_unavailable: "error.dbUnavailable",
  identity_number: "error.identityNumber",
};

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  // The server wants JSON on every unsafe request, also one without anything to say (DELETE).
  const unsafe = method !== "GET" && method !== "HEAD";
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: unsafe
        ? { "content-type": "application/json", accept: "application/json" }
        : { accept: "application/json" },
      ...(unsafe ? { body: JSON.stringify(body ?? {}) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch {
    throw new ApiError(0, "network", t("error.network"));
  }
  if (res.status === 204) return undefined as T;
  const payload: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    const code = typeof error?.code === "string" ? error.code : `http_${res.status}`;
    // The session ended (idle, signed out elsewhere): the app asks to sign in again. Not for a
    // failed sign-in, whose 401 is an answer to that very request.
    if (res.status === 401 && !path.startsWith("/api/auth/")) window.dispatchEvent(new SessionEndedEvent());
    const ours = IN_OUR_WORDS[code];
    throw new ApiError(
      res.status,
      code,
      ours ? t(ours) : typeof error?.message === "string" ? error.message : res.statusText,
      error?.details,
    );
  }
  return payload as T;
}

/** `signal`: a request whose answer is no longer wanted (a search typed further) can be cancelled. */
export const get = <T>(path: string, signal?: AbortSignal) => api<T>("GET", path, undefined, signal);
export const post = <T>(path: string, body: unknown = {}) => api<T>("POST", path, body);
