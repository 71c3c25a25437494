/** Binds a Hono app to a Node HTTP server and closes it gracefully; used by main.ts and the test server. */

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { onClientError } from "./http-client-error.js";

export interface RunningServer {
  server: Server;
  port: number;
  url: string;
  /** Stops accepting, lets in-flight requests finish, then drops whatever is left after `timeoutMs`. */
  close(timeoutMs?: number): Promise<void>;
}

export interface ListenOptions {
  port: number;
  host: string;
  /** Node's limits for a request's headers and whole request (ms); tests shorten them. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its env type
export function listen(app: Hono<any>, options: ListenOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const timeouts =
      options.headersTimeoutMs !== undefined || options.requestTimeoutMs !== undefined
        ? {
            ...(options.headersTimeoutMs !== undefined ? { headersTimeout: options.headersTimeoutMs } : {}),
            ...(options.requestTimeoutMs !== undefined ? { requestTimeout: options.requestTimeoutMs } : {}),
            // How often Node looks for requests past those limits (default 30 s).
            connectionsCheckingInterval:
              Math.min(options.headersTimeoutMs ?? 30_000, options.requestTimeoutMs ?? 30_000) / 4,
          }
        : {};
    const server = serve({
      fetch: app.fetch,
      port: options.port,
      hostname: options.host,
      serverOptions: timeouts,
    }) as Server;
    // Node's own 400/408/431 answers in the API's JSON error shape.
    server.on("clientError", onClientError);
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(":") ? `[${options.host}]` : options.host;
      resolve({
        server,
        port,
        url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
        close: (t) => closeServer(server, t),
      });
    });
  });
}

function closeServer(server: Server, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    // Keep-alive sockets with no request in flight would otherwise hold close() open.
    server.closeIdleConnections();
  });
}
