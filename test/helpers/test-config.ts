/** A valid Config for in-process tests, with overrides. */
import type { Config } from "../../server/config.js";

export const TEST_ORIGIN = "http://samverkan.test";

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    publicOrigin: TEST_ORIGIN,
    database: { kind: "pglite", dataDir: "unused" },
    logLevel: "silent",
    bodyLimitBytes: 64 * 1024,
    sessionIdleMs: 30 * 60_000,
    sessionAbsoluteMs: 12 * 3_600_000,
    invitationTtlMs: 7 * 86_400_000,
    trustProxy: false,
    shutdownTimeoutMs: 10_000,
    seedDemo: false,
    auditRetentionMs: 730 * 86_400_000,
    historyRetentionMs: 90 * 86_400_000,
    metricsToken: null,
    smtpUrl: null,
    mailFrom: "Samverkan <samverkan@samverkan.test>",
    digestHour: 7,
    oidc: null,
    localPasswords: true,
    redisUrl: null,
    ...overrides,
  };
}
