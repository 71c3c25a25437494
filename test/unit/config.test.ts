import { describe, expect, it } from "vitest";
import { loadConfig, redactUrl } from "../../server/config.js";

describe("loadConfig", () => {
  it("starts on 127.0.0.1:8080 with PGlite under ./data when nothing is configured", () => {
    const result = loadConfig({});
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 8080,
        host: "127.0.0.1",
        publicOrigin: "http://127.0.0.1:8080",
        database: { kind: "pglite", dataDir: "./data" },
      },
    });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const result = loadConfig({ DATABASE_URL: "postgres://app:pw@db.example:5432/samverkan" });
    expect(result.ok && result.config.database).toEqual({
      kind: "postgres",
      url: "postgres://app:pw@db.example:5432/samverkan",
    });
  });

  it("lists every problem at once, naming the variable and the value", () => {
    const result = loadConfig({
      PORT: "abc",
      DATABASE_URL: "nonsense",
      LOG_LEVEL: "loud",
      PUBLIC_ORIGIN: "https://x.se/path",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(4);
    expect(result.problems.join("\n")).toMatch(/PORT: must be a number \(got "abc"\)/);
    expect(result.problems.join("\n")).toMatch(/DATABASE_URL: must be a URL like postgres:\/\//);
    expect(result.problems.join("\n")).toMatch(/LOG_LEVEL/);
    expect(result.problems.join("\n")).toMatch(/PUBLIC_ORIGIN: must be an origin/);
  });

  it("rejects ports out of range and non-postgres URLs", () => {
    expect(loadConfig({ PORT: "70000" }).ok).toBe(false);
    expect(loadConfig({ DATABASE_URL: "mysql://localhost/db" }).ok).toBe(false);
  });

  it("never shows a database password in a problem", () => {
    const result = loadConfig({ DATABASE_URL: "postgres://app:secret@", PORT: "x" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).not.toContain("secret");
    expect(redactUrl("postgres://app:secret@db:5432/x")).toBe("postgres://app:***@db:5432/x");
  });

  it("refuses a short metrics token without repeating it, and keeps /metrics off without one", () => {
    const result = loadConfig({ METRICS_TOKEN: "short-secret" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([expect.stringMatching(/^METRICS_TOKEN: must be at least 24 characters/)]);
      expect(result.problems.join("\n")).not.toContain("short-secret");
    }
    const off = loadConfig({});
    expect(off.ok && off.config.metricsToken).toBeNull();
  });

  it("derives session lifetimes from minutes and hours", () => {
    const result = loadConfig({ SESSION_IDLE_MINUTES: "15", SESSION_ABSOLUTE_HOURS: "8" });
    expect(result.ok && [result.config.sessionIdleMs, result.config.sessionAbsoluteMs]).toEqual([
      15 * 60_000,
      8 * 3_600_000,
    ]);
  });
});
