/** A browser-like API client for tests: keeps its session cookie, sends JSON with our Origin. */
import type { Hono } from "hono";
import { TEST_ORIGIN } from "./test-config.js";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

type AnyApp = Hono<any>;

export class ApiClient {
  cookie: string | null = null;

  constructor(
    private readonly app: AnyApp,
    readonly origin = TEST_ORIGIN,
    /** Headers added to every request, computed per request (e.g. a client address). */
    private readonly defaultHeaders: () => Record<string, string> = () => ({}),
  ) {}

  /** A second client with no session (another browser). */
  fresh(): ApiClient {
    return new ApiClient(this.app, this.origin, this.defaultHeaders);
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (method !== "GET" && method !== "HEAD") {
      headers["content-type"] = "application/json";
      headers.origin = this.origin;
    }
    if (this.cookie) headers.cookie = this.cookie;
    Object.assign(headers, this.defaultHeaders(), extraHeaders);
    const res = await this.app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    // Like a browser: apply each Set-Cookie in order (a stale cookie may be cleared, then a new one set).
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair] = setCookie.split(";");
      this.cookie = /=\s*$/.test(pair ?? "") || /max-age=0/i.test(setCookie) ? null : (pair ?? null);
    }
    const text = await res.text();
    const json = /json/.test(res.headers.get("content-type") ?? "application/json");
    return { status: res.status, headers: res.headers, body: text ? (json ? JSON.parse(text) : text) : null };
  }

  get = <T = any>(path: string, headers?: Record<string, string>) => this.request<T>("GET", path, undefined, headers);
  post = <T = any>(path: string, body: unknown = {}, headers?: Record<string, string>) =>
    this.request<T>("POST", path, body, headers);
  put = <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
    this.request<T>("PUT", path, body, headers);
  patch = <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
    this.request<T>("PATCH", path, body, headers);
  delete = <T = any>(path: string, headers?: Record<string, string>) =>
    this.request<T>("DELETE", path, undefined, headers);
}

let address = 0;

/**
 * Default headers giving every request its own client address (the app must trust the proxy
 * header), so the per-address credential limit stays out of tests that are about something else.
 */
export function distinctAddresses(): () => Record<string, string> {
  return () => {
    address++;
    return { "x-forwarded-for": `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}` };
  };
}
