/**
 * Size of the web app's JavaScript as a browser downloads it for a board page: the entry chunk and
 * every chunk it imports, statically or dynamically — the header's search and bell, the board page,
 * a board of any kind, every dialog and editor it may open, the English texts — gzip level 9. The
 * other pages (administration, reports, audit…) load only when visited and are not counted, also
 * where a board chunk reaches them through navigation; the whole app is reported beside it. Built
 * with the app's own Vite config into a temporary folder.
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
  /** Every chunk of the app (all pages), gzip. */
  appGzipBytes: number;
}

const BOARD_PAGE = "src/pages/board-page.ts";

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
    const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
    if (!entryKey) throw new Error("the web build has no entry chunk");
    if (!manifest[BOARD_PAGE]) throw new Error(`the web build has no ${BOARD_PAGE} chunk`);
    /** Chunks reachable from `roots`; `dynamic`: through dynamic imports too, `stop`: not into these. */
    const reach = (roots: string[], dynamic: boolean, stop: (key: string) => boolean = () => false) => {
      const keys = new Set<string>();
      const visit = (key: string, root: boolean) => {
        const chunk = manifest[key];
        if (!chunk || keys.has(key) || (!root && stop(key))) return;
        keys.add(key);
        for (const next of chunk.imports ?? []) visit(next, false);
        if (dynamic) for (const next of chunk.dynamicImports ?? []) visit(next, false);
      };
      for (const root of roots) visit(root, true);
      return keys;
    };
    const otherPage = (key: string) => key === entryKey || (key.startsWith("src/pages/") && key !== BOARD_PAGE);
    // From the entry: what every page loads (header search, bell…), the board page and all it may load.
    const board = reach([entryKey], true, otherPage);
    // Each chunk read and compressed once, whether it counts for the board page, the whole app or both.
    const sizes = new Map<string, { raw: number; gzip: number }>();
    const sizeOf = (key: string) => {
      let size = sizes.get(key);
      if (!size) {
        const bytes = readFileSync(join(outDir, manifest[key]?.file ?? ""));
        size = { raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
        sizes.set(key, size);
      }
      return size;
    };
    let gzipBytes = 0;
    let rawBytes = 0;
    for (const key of board) {
      rawBytes += sizeOf(key).raw;
      gzipBytes += sizeOf(key).gzip;
    }
    let appGzipBytes = 0;
    for (const key of reach([entryKey], true)) appGzipBytes += sizeOf(key).gzip;
    return { gzipBytes, rawBytes, chunks: board.size, budgetBytes: BUNDLE_BUDGET_BYTES, appGzipBytes };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function describeBundle(size: BundleSize): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const verdict = size.gzipBytes <= size.budgetBytes ? "within" : "OVER";
  return (
    `Web app: the JavaScript a board page loads is ${kb(size.gzipBytes)} gzip (${kb(size.rawBytes)} raw, ` +
    `${size.chunks} chunk${size.chunks === 1 ? "" : "s"}), ${verdict} the ${kb(size.budgetBytes)} budget; ` +
    `every page of the app together ${kb(size.appGzipBytes)}.`
  );
}
