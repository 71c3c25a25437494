/**
 * The JSON API as the pages use it: same-origin requests with the session cookie, bodies as
 * JSON, and every failure as an ApiError carrying the server's stable code (never its text).
 */
import { SessionEndedEvent } from "../events.js";
import { locale, t } from "../i18n/i18n.js";
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
    const theirs = typeof error?.message === "string" ? error.message : res.statusText;
    throw new ApiError(
      res.status,
      code,
      ours ? t(ours) : await inOurWords(code, error?.details, theirs),
      error?.details,
    );
  }
  return payload as T;
}

/**
 * The server writes its messages in English for logs and API users; the person reads the code's
 * text in their language (api/server-errors.ts, fetched only when an answer is an error). A code
 * without a text keeps the server's words in English and says the code in Swedish.
 */
async function inOurWords(code: string, details: unknown, theirs: string): Promise<string> {
  try {
    const texts = await import("./server-errors.js");
    return texts.serverErrorText(code, details) ?? (locale() === "en" ? theirs : texts.unknownErrorText(code));
  } catch {
    // Offline and never fetched: the server's own words are better than none.
    return theirs;
  }
}

/** `signal`: a request whose answer is no longer wanted (a search typed further) can be cancelled. */
export const get = <T>(path: string, signal?: AbortSignal) => api<T>("GET", path, undefined, signal);
export const post = <T>(path: string, body: unknown = {}) => api<T>("POST", path, body);
