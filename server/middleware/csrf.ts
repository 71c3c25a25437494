/**
 * CSRF defence for every unsafe method: the body must be declared JSON or raw bytes
 * (application/octet-stream; a cross-site form can send neither without a CORS preflight we never
 * grant, and JSON routes refuse anything but JSON) and a browser's Origin / Sec-Fetch-Site must
 * say the request comes from our own pages. Clients that send neither header are not browsers.
 */
import type { MiddlewareHandler } from "hono";
import { AppError, forbidden } from "../errors.js";
import type { AppEnv } from "../types.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (SAFE.has(c.req.method)) return next();
  const contentType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  // Also for body-less requests (DELETE, logout): only JavaScript on an allowed origin can set this header.
  if (contentType !== "application/json" && contentType !== "application/octet-stream") {
    throw new AppError(
      415,
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
    );
  }
  const origin = c.req.header("origin");
  const fetchSite = c.req.header("sec-fetch-site");
  if (origin !== undefined) {
    if (origin !== c.var.deps.config.publicOrigin)
      throw forbidden("This request came from another site and was refused.");
  } else if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw forbidden("This request came from another site and was refused.");
  }
  await next();
};
