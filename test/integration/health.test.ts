import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { openDatabase } from "../../server/db/client.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe("health, readiness and the HTTP basics", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { bodyLimitBytes: 1024 }).app;
  });
  afterAll(() => database?.close());

  it("answers liveness", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("is ready when the database answers and is migrated", async () => {
    const res = await app.request("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready" });
  });

  it("answers unknown paths with the JSON error body", async () => {
    const res = await app.request("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "No such endpoint: GET /api/nothing-here" },
    });
  });

  it("refuses bodies over the limit with 413 before reading them", async () => {
    const res = await app.request("/api/anything", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "x".repeat(2048) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  it("sends security headers: HSTS for a year or more, a strict CSP, a request id", async () => {
    const res = await app.request("/healthz");
    const hsts = res.headers.get("strict-transport-security") ?? "";
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
  });

  describe("on a database that has not been migrated", () => {
    let bare: Database;
    beforeAll(async () => {
      bare = await openDatabase({ kind: "pglite-memory" });
    });
    afterAll(() => bare.close());

    it("is not ready, and says why", async () => {
      const res = await buildTestApp(bare).app.request("/readyz");
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("migrations_pending");
      expect((await buildTestApp(bare).app.request("/healthz")).status).toBe(200);
    });
  });

  describe("when the database is gone", () => {
    it("is not ready", async () => {
      const gone = await openDatabase({ kind: "pglite-memory" });
      await gone.migrate();
      const { app: goneApp } = buildTestApp(gone);
      await gone.close();
      const res = await goneApp.request("/readyz");
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe("db_unavailable");
    });
  });
});
