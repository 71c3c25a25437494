/**
 * The web app's files from the Vite build (dist/web): hashed assets cached for a year, and
 * index.html for every other page address, so a reload or a shared link opens the right page.
 * Without a build nothing is served here (main.ts warns at start); the API works either way.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "../types.js";

export const DEFAULT_WEB_DIR = path.resolve(import.meta.dirname, "../../dist/web");

/** Paths that belong to the server, never to the web app's pages. */
const SERVER_PATHS = /^\/(api|ws|healthz|readyz)(\/|$)/;

export function isWebBuilt(dir: string): boolean {
  return existsSync(path.join(dir, "index.html"));
}

export function webRoutes(dir: string) {
  const routes = new Hono<AppEnv>();
  if (!isWebBuilt(dir)) return routes;
  let index: Promise<string> | null = null;
  routes.get(
    "/assets/*",
    serveStatic({
      root: dir,
      onFound: (_path, c) => {
        c.header("Cache-Control", "public, max-age=31536000, immutable");
      },
    }),
  );
  routes.get("/*", async (c, next) => {
    if (SERVER_PATHS.test(c.req.path) || c.req.path.startsWith("/assets/")) return next();
    index ??= readFile(path.join(dir, "index.html"), "utf8");
    c.header("Cache-Control", "no-cache");
    return c.html(await index);
  });
  return routes;
}
