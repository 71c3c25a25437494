/**
 * Size of the web app's JavaScript as a browser downloads it for a board page: the build's entry
 * chunk and every chunk it imports (statically or dynamically, so a board of any kind is
 * covered), gzip level 9. Built with the app's own Vite config into a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Manifest } from "vite";

export interface BundleSize {
  /** Bytes after gzip of the JavaScript a board page loads. */
  gzipBytes: number;
  rawBytes: number;
  chunks: number;
  budgetBytes: number;
}

export const BUNDLE_BUDGET_BYTES = 250 * 1024;

export async function measureBundle(root: string): Promise<BundleSize> {
  const outDir = mkdtempSync(join(tmpdir(), "samverkan-web-"));
  try {
    await build({
      configFile: join(root, "web/vite.config.ts"),
      logLevel: "silent",
      build: { outDir, emptyOutDir: true, manifest: "manifest.json", sourcemap: false },
    });
    const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as Manifest;
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
    if (!entry) throw new Error("the web build has no entry chunk");
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
    };
    visit(Object.keys(manifest).find((key) => manifest[key] === entry) as string);
    let gzipBytes = 0;
    let rawBytes = 0;
    for (const file of files) {
      const bytes = readFileSync(join(outDir, file));
      rawBytes += bytes.byteLength;
      gzipBytes += gzipSync(bytes, { level: 9 }).byteLength;
    }
    return { gzipBytes, rawBytes, chunks: files.size, budgetBytes: BUNDLE_BUDGET_BYTES };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function describeBundle(size: BundleSize): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const verdict = size.gzipBytes <= size.budgetBytes ? "within" : "OVER";
  return (
    `Web app: the JavaScript a board page loads is ${kb(size.gzipBytes)} gzip (${kb(size.rawBytes)} raw, ` +
    `${size.chunks} chunk${size.chunks === 1 ? "" : "s"}), ${verdict} the ${kb(size.budgetBytes)} budget.`
  );
}
