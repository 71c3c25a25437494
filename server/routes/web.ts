/**
 * The web app's files from the Vite build (dist/web), and index.html for every other page address,
 * so a reload or a shared link opens the right page. Without a build nothing is served here (main.ts
 * warns at start); the API works either way.
 *
 * The build writes a `.br` and a `.gz` beside each text file; the one the browser accepts (by
 * `Accept-Encoding`, q-values honoured, brotli first) is sent as it is, with `Vary: Accept-Encoding`,
 * else the file itself. Hashed files under /assets/ are cached for a year (immutable); index.html, the
 * service worker and everything else outside /assets/ are revalidated on every use (`no-cache`, with
 * an ETag, so an unchanged file costs a 304).
 *
 * Not @hono/node-server's `serveStatic({ precompressed: true })`: it matches `Accept-Encoding` tokens
 * exactly (`gzip;q=1.0` is not gzip, `br;q=0` is not refused but unmatched by luck), sends `Vary` only
 * with a compressed answer and stats the disk per request. The file list here is read once, at start:
 * only files of the build can be named, and no request path touches the file system.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Context } from "hono";
import { Hono } from "hono";
import { getMimeType } from "hono/utils/mime";
import { PROJECT_ROOT } from "../project-root.js";
import type { AppEnv } from "../types.js";

export const DEFAULT_WEB_DIR = path.join(PROJECT_ROOT, "dist/web");

/** Paths that belong to the server, never to the web app's pages. */
const SERVER_PATHS = /^\/(api|ws|healthz|readyz|calendar)(\/|$)/;
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Files up to this size are kept in memory after their first request (the whole app is well under 2 MB). */
const KEEP_IN_MEMORY = 1024 * 1024;

type Encoding = "br" | "gzip";
const SUFFIX: Record<Encoding, string> = { br: ".br", gzip: ".gz" };

interface Variant {
  file: string;
  size: number;
  etag: string;
  body?: Promise<Buffer>;
}

interface Asset {
  type: string;
  cacheControl: string;
  identity: Variant;
  encoded: Partial<Record<Encoding, Variant>>;
}

export function isWebBuilt(dir: string): boolean {
  return existsSync(path.join(dir, "index.html"));
}

function variant(file: string, tag: string): Variant {
  const stat = statSync(file);
  return { file, size: stat.size, etag: `"${stat.size.toString(36)}-${Math.trunc(stat.mtimeMs).toString(36)}${tag}"` };
}

/** Every file of the build by its URL path, with its precompressed variants. */
function scan(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
  const present = new Set(files);
  for (const file of files) {
    if (file.endsWith(".br") || file.endsWith(".gz")) continue;
    const url = `/${path.relative(dir, file).split(path.sep).join("/")}`;
    const encoded: Asset["encoded"] = {};
    for (const encoding of ["br", "gzip"] as const) {
      if (present.has(file + SUFFIX[encoding])) encoded[encoding] = variant(file + SUFFIX[encoding], `-${encoding}`);
    }
    assets.set(url, {
      type: getMimeType(file) ?? "application/octet-stream",
      cacheControl: url.startsWith("/assets/") ? IMMUTABLE : "no-cache",
      identity: variant(file, ""),
      encoded,
    });
  }
  return assets;
}

/**
 * The acceptable encodings of an `Accept-Encoding` header with their q-values. No header: only
 * identity (RFC 9110 §12.5.3 allows any, but a client that says nothing gets the plain file).
 */
export function acceptedEncodings(header: string | undefined): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split("=");
      if (key === "q" && value !== undefined) q = Number.isFinite(Number(value)) ? Number(value) : 0;
    }
    accepted.set(name, q);
  }
  return accepted;
}

/** The precompressed variant to send: the highest q above 0, brotli on a tie; null for the file itself. */
export function chooseEncoding(header: string | undefined, available: Encoding[]): Encoding | null {
  const accepted = acceptedEncodings(header);
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of available) {
    const q = accepted.get(encoding) ?? accepted.get("*") ?? 0;
    if (q > bestQ) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

function body(v: Variant): Promise<Buffer> {
  if (v.size > KEEP_IN_MEMORY) return readFile(v.file);
  v.body ??= readFile(v.file).catch((error: unknown) => {
    v.body = undefined;
    throw error;
  });
  return v.body;
}

async function send(c: Context<AppEnv>, asset: Asset): Promise<Response> {
  const available = Object.keys(asset.encoded) as Encoding[];
  const encoding = chooseEncoding(c.req.header("accept-encoding"), available);
  const chosen = encoding ? (asset.encoded[encoding] as Variant) : asset.identity;
  const headers: Record<string, string> = {
    "Content-Type": asset.type,
    "Cache-Control": asset.cacheControl,
    ETag: chosen.etag,
  };
  if (available.length > 0) headers.Vary = "Accept-Encoding";
  if (encoding) headers["Content-Encoding"] = encoding;
  const match = c.req.header("if-none-match");
  if (match?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === chosen.etag)) {
    return c.body(null, 304, headers);
  }
  headers["Content-Length"] = String(chosen.size);
  return c.body(new Uint8Array(await body(chosen)), 200, headers);
}

export function webRoutes(dir: string) {
  const routes = new Hono<AppEnv>();
  if (!isWebBuilt(dir)) return routes;
  const assets = scan(dir);
  const index = assets.get("/index.html") as Asset;
  routes.get("/*", async (c, next) => {
    const asset = assets.get(c.req.path);
    if (asset) return send(c, asset);
    // A file that is not there (an old hash after a new build) is a 404, never the app's page.
    if (SERVER_PATHS.test(c.req.path) || c.req.path.startsWith("/assets/")) return next();
    return send(c, index);
  });
  return routes;
}
