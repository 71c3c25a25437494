/**
 * Browser suites: Debian's Chromium driven by playwright-core, the web app built once per file,
 * a real server on a port chosen beforehand (so its public origin is known), axe-core checks and
 * screenshots kept in test-artifacts/. Without Chromium the suite is skipped with a notice —
 * unless SAMVERKAN_BROWSER=required (CI), where that is a failure.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ROOT = path.resolve(import.meta.dirname, "../..");
export const ARTIFACTS = path.join(ROOT, "test-artifacts", "screenshots");

/** Whether to run the browser suite; prints why not when it is skipped. */
export function browserSuiteEnabled(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.SAMVERKAN_BROWSER === "required") {
    throw new Error(`SAMVERKAN_BROWSER=required but there is no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  }
  console.warn(
    `\n  ⚠ browser suite SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Builds the web app with the project's Vite config into a fresh temporary directory. */
export async function buildWeb(): Promise<string> {
  const { build } = await import("vite");
  const outDir = await mkdtemp(path.join(tmpdir(), "samverkan-web-"));
  await build({
    configFile: path.join(ROOT, "web", "vite.config.ts"),
    build: { outDir, emptyOutDir: true, sourcemap: false },
    logLevel: "warn",
  });
  return outDir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let axeSource: string | null = null;

/** Runs axe-core on the page (shadow roots included) for WCAG 2.1 A and AA; fails listing every violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated over the DevTools protocol, so the page's strict CSP is not loosened for the test.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }
    ).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return (result.violations as { id: string; help: string; nodes: { target: unknown }[] }[]).map(
      (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
    );
  });
  expect(violations, `axe on ${what}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
