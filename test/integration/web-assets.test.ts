/**
 * The web app's files as the server sends them: the precompressed variant the browser accepts (brotli,
 * else gzip, else the file itself), `Vary: Accept-Encoding`, the right type, a year's immutable caching
 * for hashed assets and revalidation for index.html and the service worker; and the real build writes
 * those variants.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { acceptedEncodings, chooseEncoding } from "../../server/routes/web.js";
import { buildWeb } from "../helpers/browser.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

const INDEX = "<!doctype html><html><head><title>Samverkan</title></head><body><app-root></app-root></body></html>\n";
const SCRIPT = `export const words = ${JSON.stringify("samverkan ".repeat(500))};\n`;
const SW = `self.addEventListener("fetch", () => {}); // ${"x".repeat(800)}\n`;

async function writeVariants(file: string, content: string) {
  await writeFile(file, content);
  await writeFile(`${file}.br`, brotliCompressSync(content));
  await writeFile(`${file}.gz`, gzipSync(content));
}

describe("the web app's files: precompressed, typed and cached", () => {
  let database: Database;
  let dir: string;
  let app: ReturnType<typeof buildTestApp>["app"];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "samverkan-web-assets-"));
    await mkdir(path.join(dir, "assets"));
    await writeVariants(path.join(dir, "index.html"), INDEX);
    await writeVariants(path.join(dir, "assets", "index-AbC123.js"), SCRIPT);
    await writeVariants(path.join(dir, "sw.js"), SW);
    // A file the build did not compress (too small, or not text).
    await writeFile(path.join(dir, "assets", "logo-Xy9.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    database = await createTestDatabase();
    app = buildTestApp(database, {}, undefined, dir).app;
  });
  afterAll(async () => {
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string, headers: Record<string, string> = {}) =>
    app.request(url, {
      headers: { ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }), ...headers },
    });

  it("sends brotli to a browser that accepts it, with the file's type and a year's immutable caching", async () => {
    const res = await get("/assets/index-AbC123.js", "gzip, deflate, br, zstd");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get("content-length")).toBe(String(body.length));
    expect(body.length).toBeLessThan(SCRIPT.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT);
  });

  it("sends gzip where brotli is not accepted, or refused with q=0", async () => {
    for (const header of ["gzip, deflate", "br;q=0, gzip;q=1.0", "gzip;q=0.8, br;q=0.5"]) {
      const res = await get("/assets/index-AbC123.js", header);
      expect(res.headers.get("content-encoding"), header).toBe("gzip");
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT);
    }
  });

  it("falls back to the file itself without an accepted encoding, still saying it varies", async () => {
    for (const header of [undefined, "", "identity", "deflate", "br;q=0, gzip;q=0", "zstd"]) {
      const res = await get("/assets/index-AbC123.js", header);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-encoding"), String(header)).toBeNull();
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(await res.text()).toBe(SCRIPT);
    }
  });

  it("sends a file without variants as it is, without Vary", async () => {
    const res = await get("/assets/logo-Xy9.png", "br, gzip");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect(res.headers.get("vary")).toBeNull();
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("revalidates index.html on every use, for the root and for any page address", async () => {
    for (const url of ["/", "/index.html", "/boards/123", "/workspaces/abc/members"]) {
      const res = await get(url, "br");
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-encoding")).toBe("br");
      expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(INDEX);
    }
  });

  it("revalidates the service worker, compressed, under the page's CSP, and answers 304 when unchanged", async () => {
    const res = await get("/sw.js", "gzip, br");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const etag = res.headers.get("etag") as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get("/sw.js", "gzip, br", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-control")).toBe("no-cache");
    // Each encoding is its own representation: the gzip variant has another ETag.
    const gzip = await get("/sw.js", "gzip", { "if-none-match": etag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers.get("etag")).not.toBe(etag);
  });

  it("answers a missing asset with 404, never with the app's page, and leaves server paths alone", async () => {
    const missing = await get("/assets/index-Old000.js", "br");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/application\/json/);
    for (const url of ["/api/nothing", "/calendar/unknown.ics", "/healthz"]) {
      const res = await get(url, "br");
      expect(res.headers.get("content-type"), url).not.toMatch(/text\/html/);
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await app.request("/assets/index-AbC123.js", {
      method: "HEAD",
      headers: { "accept-encoding": "gzip" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(0);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it("reads Accept-Encoding with q-values and wildcards", () => {
    expect([...acceptedEncodings("gzip;q=0.5, br")]).toEqual([
      ["gzip", 0.5],
      ["br", 1],
    ]);
    expect(chooseEncoding("*", ["br", "gzip"])).toBe("br");
    expect(chooseEncoding("*;q=0.1, br;q=0", ["br", "gzip"])).toBe("gzip");
    expect(chooseEncoding("GZIP", ["br", "gzip"])).toBe("gzip");
    expect(chooseEncoding(undefined, ["br", "gzip"])).toBeNull();
  });
});

describe("the real build", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await buildWeb();
  }, 120_000);
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it("writes a brotli and a gzip copy of every script, of index.html and of the service worker", async () => {
    const index = await readFile(path.join(dir, "index.html"), "utf8");
    const scripts = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of [...scripts, "index.html", "sw.js"]) {
      const original = await readFile(path.join(dir, file));
      expect(brotliDecompressSync(await readFile(path.join(dir, `${file}.br`))).equals(original), file).toBe(true);
      expect(gunzipSync(await readFile(path.join(dir, `${file}.gz`))).equals(original), file).toBe(true);
    }
    // The service worker precaches the app shell and falls back to index.html for page addresses only.
    const sw = await readFile(path.join(dir, "sw.js"), "utf8");
    expect(sw).toContain('"index.html"');
    expect(sw).toContain("NavigationRoute");
    expect(sw).toContain("samverkan-api");
  });
});
