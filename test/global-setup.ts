/**
 * Once per test run: compiles the server into dist/server, which the tests that start the real
 * server (test/helpers/spawn-server.ts) run exactly as `npm start` does. In place, so a server
 * started from this checkout meanwhile keeps its files.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  execFileSync(process.execPath, [path.join(root, "scripts/build-server.mjs"), "--in-place"], { stdio: "inherit" });
}
