import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { workspaces } from "../../server/db/schema.js";
import { ApiClient } from "../helpers/api-client.js";
import { setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { TEST_ORIGIN } from "../helpers/test-config.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe("cross-site request forgery", () => {
  let database: Database;
  let admin: ApiClient;
  let app: ReturnType<typeof buildTestApp>["app"];

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database).app;
    admin = new ApiClient(app);
    await setupAdmin(admin);
  });
  afterAll(() => database?.close());

  const post = (headers: Record<string, string>, body = JSON.stringify({ name: "Forged" })) =>
    app.request("/api/workspaces", { method: "POST", headers: { cookie: admin.cookie ?? "", ...headers }, body });

  it("refuses a form post (415) — only JSON bodies are accepted on unsafe methods", async () => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]) {
      const res = await post({ "content-type": type, origin: TEST_ORIGIN }, "name=Forged");
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe("unsupported_media_type");
    }
    expect((await post({ origin: TEST_ORIGIN })).status).toBe(415);
  });

  it("refuses another site's Origin or a cross-site Sec-Fetch-Site (403)", async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: `${TEST_ORIGIN}.evil.example` },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ]) {
      const res = await post({ "content-type": "application/json", ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
    expect(await database.db.$count(workspaces)).toBe(0);
  });

  it("accepts our own origin, and non-browser clients that send no Origin", async () => {
    expect((await post({ "content-type": "application/json", origin: TEST_ORIGIN })).status).toBe(201);
    expect(
      (await post({ "content-type": "application/json; charset=utf-8", "sec-fetch-site": "same-origin" })).status,
    ).toBe(201);
    expect((await post({ "content-type": "application/json" })).status).toBe(201);
  });

  it("never changes state on GET", async () => {
    const before = admin.cookie;
    expect((await admin.get("/api/auth/logout")).status).toBe(404);
    expect(admin.cookie).toBe(before);
    expect((await admin.get("/api/auth/me")).status).toBe(200);
  });
});
