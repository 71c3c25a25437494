/**
 * The checkout's root (where package.json, migrations/ and dist/ are), found from this module's
 * place whether it runs as TypeScript (`server/…`, under tsx in development and tests) or compiled
 * into one file of `dist/server/` (`npm start`).
 */
import { existsSync } from "node:fs";
import path from "node:path";

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "migrations"))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`No Samverkan checkout (package.json beside migrations/) above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(import.meta.dirname);
