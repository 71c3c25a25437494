import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import type { RunningServer } from "../../server/http-server.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { PASSWORD, setupAdmin } from "../helpers/factories.js";
import { createFakeClock, MINUTE } from "../helpers/fake-clock.js";
import { buildTestApp, startTestServer } from "../helpers/test-app.js";
import { TEST_ORIGIN } from "../helpers/test-config.js";
import { createTestDatabase, truncateAll } from "../helpers/test-database.js";

const EMAIL = "admin@lekeberg.example.se";

describe("brute-force protection", () => {
  let database: Database;
  const clock = createFakeClock();
  let app: ReturnType<typeof buildTestApp>["app"];
  // A new address per request: these tests are about the per-account limits.
  const client = () => new ApiClient(app, undefined, distinctAddresses());
  const login = (email: string, password: string) => client().post("/api/auth/login", { email, password });

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { trustProxy: true }, clock.now).app;
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    await truncateAll(database);
    await setupAdmin(client(), EMAIL);
  });

  it("answers an unknown address exactly like a wrong password", async () => {
    const wrong = await login(EMAIL, "fel lösenord");
    const unknown = await login("ingen@example.se", "fel lösenord");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it("backs off after 5 failures, and lets the right password in once the wait is over", async () => {
    for (let i = 0; i < 5; i++) expect((await login(EMAIL, "fel")).status).toBe(401);
    const blocked = await login(EMAIL, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    clock.advance(2_000);
    expect((await login(EMAIL, PASSWORD)).status).toBe(200);
  });

  it("locks for 15 minutes after 10 failures, even for the right password", async () => {
    for (let i = 0; i < 10; i++) {
      clock.advance(60_000); // wait out each back-off, as a patient attacker would
      expect((await login(EMAIL, "fel")).status).toBe(401);
    }
    clock.advance(60_000);
    const locked = await login(EMAIL, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(13 * 60);
    clock.advance(13 * MINUTE); // 14 minutes after the lock
    expect((await login(EMAIL, PASSWORD)).status).toBe(429);
    clock.advance(1 * MINUTE); // 15 minutes after the lock
    expect((await login(EMAIL, PASSWORD)).status).toBe(200);
  });

  it("throttles unknown addresses the same way, so locking does not reveal accounts", async () => {
    const answers: number[] = [];
    const unknownAnswers: number[] = [];
    for (let i = 0; i < 11; i++) {
      clock.advance(60_000);
      answers.push((await login(EMAIL, "fel")).status);
      unknownAnswers.push((await login("ingen@example.se", "fel")).status);
    }
    expect(unknownAnswers).toEqual(answers);
    expect(answers.at(-1)).toBe(429);
  });

  describe("per client address, on a real socket", () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startTestServer(database);
    });
    afterAll(() => server?.close());

    it("allows at most 20 attempts a minute from one address", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await fetch(`${server.url}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: TEST_ORIGIN },
          body: JSON.stringify({ email: `person${i}@example.se`, password: "fel lösenord" }),
        });
        statuses.push(res.status);
        if (i === 20) {
          expect((await res.json()).error.code).toBe("rate_limited");
          expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        }
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses[20]).toBe(429);
    });
  });
});
