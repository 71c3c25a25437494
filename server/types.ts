/** Types shared across the HTTP layer: the dependencies createApp receives and the per-request variables. */
import type { Config } from "./config.js";
import type { Db } from "./db/client.js";
import type { Logger } from "./logger.js";
import type { OidcClient } from "./oidc/discovery.js";
import type { Services } from "./services/index.js";
import type { SessionUser } from "./services/sessions.js";

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  services: Services;
  /** `when` of the newest migration this build ships; readiness compares the database with it. */
  latestMigration: number;
  /** The web app's build (default dist/web); pages are served only when it holds an index.html. */
  webDir?: string;
  /** The discovered OpenID provider, when OIDC_ISSUER is set (server/oidc). */
  oidc?: OidcClient;
  /** The link to Redis when REDIS_URL is set (server/cluster); readiness reports it. */
  redis?: { readonly up: boolean; readonly reason: string | undefined };
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    requestId: string;
    log: Logger;
    /** Set by the session middleware: null when signed out. */
    user: SessionUser | null;
    sessionId: string | null;
    clientIp: string | null;
  };
}
