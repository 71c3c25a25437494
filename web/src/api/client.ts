/**
 * The JSON API as the pages use it: same-origin requests with the session cookie, bodies as
 * JSON, and every failure as an ApiError carrying the server's stable code (never its text).
 */
import { t } from "../i18n/i18n.js";

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

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
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
    });
  } catch {
    throw new ApiError(0, "network", t("error.network"));
  }
  if (res.status === 204) return undefined as T;
  const payload: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
    throw new ApiError(
      res.status,
      typeof error?.code === "string" ? error.code : `http_${res.status}`,
      typeof error?.message === "string" ? error.message : res.statusText,
      error?.details,
    );
  }
  return payload as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body: unknown = {}) => api<T>("POST", path, body);
