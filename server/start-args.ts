/**
 * The arguments `npm start` gives node (package.json's `start` script), so that the benchmark and
 * the tests that start the real server run it exactly the same way, V8 flags included.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./project-root.js";

const ROOT = PROJECT_ROOT;

export function startNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts?: { start?: string } };
  const [command, ...args] = (pkg.scripts?.start ?? "").split(/\s+/).filter(Boolean);
  if (command !== "node" || args.length === 0) {
    throw new Error(`package.json's start script should be "node <args>", found "${pkg.scripts?.start}"`);
  }
  return args;
}
