/** The only reader of the environment: validates it once at start and hands out a typed Config. */
import { z } from "zod";

const port = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .min(0, "must be between 0 and 65535")
  .max(65535, "must be between 0 and 65535");

const positiveInt = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .positive("must be positive");

const databaseUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a URL like postgres://user:password@host:5432/database");

const origin = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value.replace(/\/$/, "");
    } catch {
      return false;
    }
  }, "must be an origin like https://samverkan.example.se (scheme, host and optional port, no path)")
  .transform((value) => value.replace(/\/$/, ""));

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

/** An OpenID issuer: https, or http only on this machine (a test or development provider). */
const issuerUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
      return url.protocol === "https:" || (url.protocol === "http:" && loopback);
    } catch {
      return false;
    }
  }, "must be an https URL like https://login.example.se/realms/kommun (http only on localhost)");
// Kept exactly as given: the provider's "issuer" must match it character for character.

/** "lekeberg.se=Lekebergs kommun,regionorebrolan.se=Region Örebro län" → e-mail domain → organisation name. */
const organizationDomains = z
  .string()
  .trim()
  .refine(
    (value) => value.split(",").every((pair) => /^\s*[a-z0-9.-]+\.[a-z]{2,}\s*=\s*\S.*$/i.test(pair)),
    "must be a comma-separated list like lekeberg.se=Lekebergs kommun,regionorebrolan.se=Region Örebro län",
  )
  .transform(
    (value) =>
      new Map(
        value.split(",").map((pair) => {
          const [domain = "", ...name] = pair.split("=");
          return [domain.trim().toLowerCase(), name.join("=").trim()] as const;
        }),
      ),
  );

/** Several processes (server/cluster): where they meet. redis:// or rediss:// (TLS), optional password and db number. */
const redisUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "redis:" || url.protocol === "rediss:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a URL like redis://127.0.0.1:6379 or rediss://user:password@redis.example.se:6380/0");

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, port.default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().trim().min(1).default("127.0.0.1")),
  PUBLIC_ORIGIN: z.preprocess(emptyAsUndefined, origin.optional()),
  DATABASE_URL: z.preprocess(emptyAsUndefined, databaseUrl.optional()),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().trim().min(1).default("./data")),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  BODY_LIMIT_BYTES: z.preprocess(emptyAsUndefined, positiveInt.default(64 * 1024)),
  SESSION_IDLE_MINUTES: z.preprocess(emptyAsUndefined, positiveInt.default(30)),
  SESSION_ABSOLUTE_HOURS: z.preprocess(emptyAsUndefined, positiveInt.default(12)),
  INVITATION_TTL_DAYS: z.preprocess(emptyAsUndefined, positiveInt.default(7)),
  TRUST_PROXY: z.preprocess(emptyAsUndefined, flag.default(false)),
  SHUTDOWN_TIMEOUT_MS: z.preprocess(emptyAsUndefined, positiveInt.default(10_000)),
  SEED_DEMO: z.preprocess(emptyAsUndefined, flag.default(false)),
  AUDIT_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be 0 or more")
      .default(730),
  ),
  HISTORY_RETENTION_DAYS: z.preprocess(emptyAsUndefined, positiveInt.default(90)),
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(24, "must be at least 24 characters (e.g. openssl rand -hex 24)").optional(),
  ),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .refine((value) => {
        try {
          return ["smtp:", "smtps:"].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      }, "must be a URL like smtp://user:password@mail.example.se:587 or smtps://…")
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().trim().min(3).default("Samverkan <samverkan@localhost>")),
  DIGEST_HOUR: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be between 0 and 23")
      .max(23, "must be between 0 and 23")
      .default(7),
  ),
  OIDC_ISSUER: z.preprocess(emptyAsUndefined, issuerUrl.optional()),
  OIDC_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  OIDC_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  OIDC_SCOPES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .trim()
      .refine((v) => v.split(/\s+/).includes("openid"), "must include openid")
      .default("openid email profile"),
  ),
  OIDC_NAME_CLAIM: z.preprocess(emptyAsUndefined, z.string().trim().min(1).default("name")),
  OIDC_EMAIL_CLAIM: z.preprocess(emptyAsUndefined, z.string().trim().min(1).default("email")),
  OIDC_ORGANIZATION_CLAIM: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  OIDC_ORGANIZATION_DOMAINS: z.preprocess(emptyAsUndefined, organizationDomains.optional()),
  OIDC_LABEL: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(60).optional()),
  LOCAL_PASSWORDS: z.preprocess(emptyAsUndefined, flag.default(true)),
  REDIS_URL: z.preprocess(emptyAsUndefined, redisUrl.optional()),
});

/** Sign-in through the organisation's OpenID Connect provider (server/oidc). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  nameClaim: string;
  emailClaim: string;
  /** A claim holding the organisation's name, matched to an existing organisation by name. */
  organizationClaim: string | null;
  /** E-mail domain (lower case) → organisation name; used when the claim is absent or unset. */
  organizationDomains: Map<string, string>;
  /** What the sign-in button names ("Logga in med <label>"). */
  label: string;
}

export type DatabaseConfig = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export interface Config {
  port: number;
  host: string;
  /** The origin browsers use to reach us; Origin headers on unsafe requests and WebSockets must match it. */
  publicOrigin: string;
  database: DatabaseConfig;
  logLevel: string;
  bodyLimitBytes: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  invitationTtlMs: number;
  /** Only behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  /** At start, seed the demo partnership if the instance has no account yet (server/seed). */
  seedDemo: boolean;
  /** Gallring: audit events older than this are deleted (hourly); null keeps them for ever (AUDIT_RETENTION_DAYS=0). */
  auditRetentionMs: number | null;
  /** Board versions (history) are kept this long after their last change. */
  historyRetentionMs: number;
  /** `/metrics` answers only with `Authorization: Bearer <this>`; unset, it does not exist (404). */
  metricsToken: string | null;
  /** OIDC_ISSUER set: people may sign in through that provider. */
  oidc: OidcConfig | null;
  /** Sign-in and setup with a password; only switched off (LOCAL_PASSWORDS=false) when OIDC is on. */
  localPasswords: boolean;
  /** Where notification and invitation mail is sent (SMTP_URL); null: no e-mail, the bell only. */
  smtpUrl: string | null;
  /** The From: of every mail (MAIL_FROM). */
  mailFrom: string;
  /** The hour (0–23, Swedish time) the daily digest of overdue actions goes out (DIGEST_HOUR). */
  digestHour: number;
  /** REDIS_URL: several processes share live boards, access events and rate limits through it; null: one process. */
  redisUrl: string | null;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Never repeated in a configuration error. */
const SECRETS = new Set(["METRICS_TOKEN", "OIDC_CLIENT_SECRET"]);

/** Rules between variables, reported like any other problem. */
function crossChecks(e: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (e.OIDC_ISSUER) {
    if (!e.OIDC_CLIENT_ID) problems.push("OIDC_CLIENT_ID: required when OIDC_ISSUER is set");
    if (!e.OIDC_CLIENT_SECRET) problems.push("OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set");
  } else {
    for (const name of ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
      if (e[name]) problems.push(`${name}: only used with OIDC_ISSUER, which is not set`);
    }
    if (!e.LOCAL_PASSWORDS) problems.push("LOCAL_PASSWORDS: false needs OIDC_ISSUER, or nobody could sign in");
  }
  if (e.REDIS_URL && !e.DATABASE_URL) {
    problems.push(
      "REDIS_URL: several processes need a shared PostgreSQL; set DATABASE_URL too (PGlite is one process)",
    );
  }
  return problems;
}

/** Reads and validates the given environment; never throws, so the caller decides how to report. */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const raw = env[name];
      const url = name === "DATABASE_URL" || name === "SMTP_URL" || name === "REDIS_URL";
      const shown =
        raw === undefined || SECRETS.has(name) ? "" : ` (got ${JSON.stringify(url ? redactUrl(raw) : raw)})`;
      return `${name}: ${issue.message}${shown}`;
    });
    return { ok: false, problems };
  }
  const e = parsed.data;
  const problems = crossChecks(e);
  if (problems.length > 0) return { ok: false, problems };
  const displayHost = e.HOST.includes(":") ? `[${e.HOST}]` : e.HOST;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      publicOrigin: e.PUBLIC_ORIGIN ?? `http://${displayHost === "0.0.0.0" ? "127.0.0.1" : displayHost}:${e.PORT}`,
      database: e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: e.DATA_DIR },
      logLevel: e.LOG_LEVEL,
      bodyLimitBytes: e.BODY_LIMIT_BYTES,
      sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
      sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
      invitationTtlMs: e.INVITATION_TTL_DAYS * 86_400_000,
      trustProxy: e.TRUST_PROXY,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      seedDemo: e.SEED_DEMO,
      auditRetentionMs: e.AUDIT_RETENTION_DAYS === 0 ? null : e.AUDIT_RETENTION_DAYS * 86_400_000,
      historyRetentionMs: e.HISTORY_RETENTION_DAYS * 86_400_000,
      metricsToken: e.METRICS_TOKEN ?? null,
      oidc:
        e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
          ? {
              issuer: e.OIDC_ISSUER,
              clientId: e.OIDC_CLIENT_ID,
              clientSecret: e.OIDC_CLIENT_SECRET,
              scopes: e.OIDC_SCOPES,
              nameClaim: e.OIDC_NAME_CLAIM,
              emailClaim: e.OIDC_EMAIL_CLAIM,
              organizationClaim: e.OIDC_ORGANIZATION_CLAIM ?? null,
              organizationDomains: e.OIDC_ORGANIZATION_DOMAINS ?? new Map(),
              label: e.OIDC_LABEL ?? new URL(e.OIDC_ISSUER).hostname,
            }
          : null,
      localPasswords: e.LOCAL_PASSWORDS,
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
      digestHour: e.DIGEST_HOUR,
      redisUrl: e.REDIS_URL ?? null,
    },
  };
}

/** Hides the password in a database URL before it reaches a log line or an error message. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return value.replace(/:\/\/([^:@/]+):[^@/]*@/, "://$1:***@");
  }
}

/** For the command-line tools: the configuration, or a list of what is wrong and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv): Config {
  const result = loadConfig(env);
  if (result.ok) return result.config;
  console.error(`Invalid configuration:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(2);
}
