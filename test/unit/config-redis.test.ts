import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";

const PG = "postgres://samverkan:secret@db.internal:5432/samverkan";

describe("loadConfig: REDIS_URL (several processes)", () => {
  it("is off by default: one process", () => {
    expect(loadConfig({})).toMatchObject({ ok: true, config: { redisUrl: null } });
    expect(loadConfig({ REDIS_URL: "" })).toMatchObject({ ok: true, config: { redisUrl: null } });
  });

  it("takes redis:// and rediss:// URLs, with PostgreSQL", () => {
    for (const url of ["redis://127.0.0.1:6379", "rediss://samverkan:hemligt@redis.example.se:6380/2"]) {
      expect(loadConfig({ REDIS_URL: url, DATABASE_URL: PG })).toMatchObject({ ok: true, config: { redisUrl: url } });
    }
  });

  it("refuses anything else, without repeating a password", () => {
    for (const url of ["http://127.0.0.1:6379", "127.0.0.1:6379", "redis://", "unix:///tmp/redis.sock"]) {
      const result = loadConfig({ REDIS_URL: url, DATABASE_URL: PG });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]).toMatch(/^REDIS_URL: must be a URL like redis:\/\//);
    }
    const secret = loadConfig({ REDIS_URL: "http://:hemligt@redis.example.se", DATABASE_URL: PG });
    expect(JSON.stringify(secret)).not.toContain("hemligt");
  });

  it("needs PostgreSQL: PGlite is one process", () => {
    const result = loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" });
    expect(result).toEqual({
      ok: false,
      problems: ["REDIS_URL: several processes need a shared PostgreSQL; set DATABASE_URL too (PGlite is one process)"],
    });
  });
});
