/** Runs the real entry point, compiled (dist/server/main.js, by test/global-setup.ts), as `npm start` would. */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { startNodeArgs } from "../../server/start-args.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
// As `npm start` runs it: one node process, so signals reach the server itself.
const NODE_ARGS = startNodeArgs();

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Sends the signal and resolves with the exit code (or the signal name if killed). */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

function baseEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // Start from a clean slate so the developer's own DATABASE_URL etc. never leak into a case.
  const { PATH, HOME, LANG } = process.env;
  return { PATH, HOME, LANG, LOG_LEVEL: "info", ...env };
}

/** Runs main.ts to completion; for configurations that must refuse to start. */
export function runMain(env: Record<string, string | undefined>, timeoutMs = 30_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, NODE_ARGS, { cwd: ROOT, env: baseEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`main.ts did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts main.ts on port 0 and resolves once it logs the address it listens on. */
export function spawnServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<SpawnedServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, NODE_ARGS, { cwd: ROOT, env: baseEnv({ PORT: "0", ...env }) });
    let out = "";
    let settled = false;
    const exited = new Promise<number | string>((res) => child.on("exit", (code, signal) => res(code ?? signal ?? -1)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = settled ? undefined : /"url":"(http:\/\/[^"]+)"/.exec(out)?.[1];
      if (url) {
        settled = true;
        clearTimeout(timer);
        resolve({
          child,
          url,
          output: () => out,
          stop(signal = "SIGTERM") {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      if (!settled) {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before listening:\n${out}`));
      }
    });
  });
}
