/** One place tells "the database is not there right now" from the query's own failure (server/db/unavailable.ts). */
import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, isDatabaseUnavailable, unavailableReason } from "../../server/db/unavailable.js";

/** An error as postgres.js or Node reports it: a message and a code. */
const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });
/** As drizzle-orm wraps a driver's error: the driver's error is the cause. */
const wrapped = (cause: unknown) => new Error("Failed query: insert into …", { cause });

describe("database unavailable", () => {
  it.each([
    ["57P01", "database shutting down"], // admin_shutdown: pg_terminate_backend, a fast shutdown
    ["57P02", "database crashed"], // crash_shutdown
    ["57P03", "database starting"], // cannot_connect_now
    ["08000", "connection lost"],
    ["08003", "connection lost"],
    ["08006", "connection lost"],
    ["ECONNREFUSED", "connection refused"],
    ["ECONNRESET", "connection lost"],
    ["CONNECTION_CLOSED", "connection lost"], // postgres.js: the server closed the socket
  ])("recognises %s, also wrapped by drizzle", (code, reason) => {
    expect(unavailableReason(withCode(code))).toBe(reason);
    expect(unavailableReason(wrapped(withCode(code)))).toBe(reason);
  });

  it("recognises the embedded database's process being down, and a refused connection inside an AggregateError", () => {
    expect(
      isDatabaseUnavailable(wrapped(new DatabaseUnavailableError("The embedded database process exited (SIGKILL)"))),
    ).toBe(true);
    // Node 20 tries every address of a host name and reports them together.
    const refused = new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "connect failed");
    expect(unavailableReason(refused)).toBe("connection refused");
  });

  it("does not take the query's own failures for an outage", () => {
    for (const code of ["23505", "23503", "42P01", "42601", "40001", "22P02"]) {
      expect(isDatabaseUnavailable(wrapped(withCode(code)))).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
    // A cause that points back at itself ends the search.
    const loop = new Error("loop") as Error & { cause?: unknown };
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });
});
