/**
 * Size of the web app's JavaScript as a browser downloads it for a board page: the entry chunk and
 * every chunk it imports, statically or dynamically — the header's search and bell, the board page,
 * the board's own kind, every dialog and editor it may open, the English texts — gzip level 9. A
 * page shows one board: each kind (plan, minutes, focus area, follow-up, roadmap) is measured with
 * what it loads and not the other kinds' chunks, and the largest is the figure held to the budget;
 * all kinds together are reported beside it. The other pages (administration, reports, audit…) load
 * only when visited and are not counted, also where a board chunk reaches them through navigation;
 * the whole app is reported too. Built with the app's own Vite config into a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Manifest } from "vite";

export interface BundleSize {
  /** Bytes after gzip of the JavaScript a board page loads, for its largest kind of board. */
  gzipBytes: number;
  rawBytes: number;
  chunks: number;
  /** Which kind that is. */
  kind: string;
  /** A board page with every kind's chunks, as if one page showed them all. */
  allKindsGzipBytes: number;
  budgetBytes: number;
  /** Every chunk of the app (all pages), gzip. */
  appGzipBytes: number;
}

const BOARD_PAGE = "src/pages/board-page.ts";

/** The chunks the board page imports for one kind of board only (web/src/pages/board-page.ts). */
const KIND_CHUNKS: Record<string, string[]> = {
  "focus area": [],
  plan: ["src/components/plan-board/plan-board.ts"],
  minutes: ["src/components/minutes-board/minutes-board.ts", "src/components/minutes-approval/minutes-approval.ts"],
  "follow-up": ["src/components/followup-board/followup-board.ts"],
  roadmap: ["src/components/roadmap-board/roadmap-board.ts"],
};

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
    const kindChunks = Object.values(KIND_CHUNKS).flat();
    for (const key of kindChunks) if (!manifest[key]) throw new Error(`the web build has no ${key} chunk`);
    // Each chunk read and compressed once, whether it counts for one kind, all kinds or the whole app.
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
    const total = (keys: Set<string>) => {
      let raw = 0;
      let gzip = 0;
      for (const key of keys) {
        raw += sizeOf(key).raw;
        gzip += sizeOf(key).gzip;
      }
      return { raw, gzip, chunks: keys.size };
    };
    // From the entry: what every page loads (header search, bell…), the board page and all it may
    // load for one kind of board — not the other kinds' chunks (a chunk two kinds share counts for each).
    let largest = { kind: "", raw: 0, gzip: 0, chunks: 0 };
    for (const [kind, own] of Object.entries(KIND_CHUNKS)) {
      const others = new Set(kindChunks.filter((key) => !own.includes(key)));
      const size = total(reach([entryKey], true, (key) => otherPage(key) || others.has(key)));
      if (size.gzip > largest.gzip) largest = { kind, ...size };
    }
    const allKinds = total(reach([entryKey], true, otherPage));
    const app = total(reach([entryKey], true));
    return {
      gzipBytes: largest.gzip,
      rawBytes: largest.raw,
      chunks: largest.chunks,
      kind: largest.kind,
      allKindsGzipBytes: allKinds.gzip,
      budgetBytes: BUNDLE_BUDGET_BYTES,
      appGzipBytes: app.gzip,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export function describeBundle(size: BundleSize): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const verdict = size.gzipBytes <= size.budgetBytes ? "within" : "OVER";
  return (
    `Web app: the JavaScript a board page loads is at most ${kb(size.gzipBytes)} gzip (a ${size.kind} board: ` +
    `${kb(size.rawBytes)} raw, ${size.chunks} chunk${size.chunks === 1 ? "" : "s"}), ${verdict} the ` +
    `${kb(size.budgetBytes)} budget; with every kind of board's chunks ${kb(size.allKindsGzipBytes)}, ` +
    `every page of the app together ${kb(size.appGzipBytes)}.`
  );
}
