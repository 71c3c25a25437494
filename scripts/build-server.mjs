/**
 * Compiles the server into dist/server (one ESM file, and what it loads on demand in chunks beside
 * it), so that `npm start` runs plain JavaScript without a TypeScript loader (about 40 MB of a process's memory).
 * npm packages stay in node_modules; the PGlite child process's own script is copied beside them.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const outdir = path.join(root, "dist/server");

/** The command-line tools (migrate, seed, scans) are short-lived and keep running through tsx. */
export const ENTRIES = { main: "server/main.ts" };

/** `clean: false` overwrites in place, for a test run while a server from this checkout may be running. */
export async function buildServer({ quiet = false, clean = true } = {}) {
  if (clean) await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(root, file)])),
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: true,
    chunkNames: "chunks/[name]-[hash]",
    logLevel: quiet ? "error" : "warning",
    metafile: true,
  });
  // The child process's script is looked up beside the module that forks it: main.js, or a chunk.
  const child = path.join(root, "server/db/pglite-child.mjs");
  await copyFile(child, path.join(outdir, "pglite-child.mjs"));
  if (existsSync(path.join(outdir, "chunks"))) await copyFile(child, path.join(outdir, "chunks/pglite-child.mjs"));
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const result = await buildServer({ clean: !process.argv.includes("--in-place") });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  console.log(`server compiled into dist/server (${Math.round(bytes / 1024)} KB) in ${Date.now() - started} ms`);
}
