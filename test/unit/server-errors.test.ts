/**
 * The server's refusals reach the person in their language: the validation middleware names each
 * field's problem in a form the web app words itself (api/server-errors.ts), in Swedish by default.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { onError } from "../../server/middleware/error-handler.js";
import { jsonBody } from "../../server/middleware/validate.js";
import { setupBody } from "../../shared/api/auth.js";
import { serverErrorText } from "../../web/src/api/server-errors.js";
import { setLocale } from "../../web/src/i18n/i18n.js";

async function refusal(body: unknown) {
  const app = new Hono();
  app.onError(onError as never);
  app.post("/", async (c) => c.json(await jsonBody(c, setupBody)));
  const res = await app.request("/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(400);
  return ((await res.json()) as { error: { code: string; message: string; details: unknown } }).error;
}

describe("server refusals in the reader's words", () => {
  afterEach(() => setLocale("sv"));

  it("names the field and the rule in Swedish, not the server's English", async () => {
    const error = await refusal({ email: "eva@kommun.se", name: "Eva", password: "kort" });
    expect(error.message).toMatch(/^Invalid request: password/);
    expect(serverErrorText(error.code, error.details)).toBe("Lösenord: minst 8 tecken.");
  });

  it("words every refused field, an unknown field and a malformed e-mail address", async () => {
    const error = await refusal({ email: "inte-en-adress", name: "", password: "långtlösenord", extra: 1 });
    const text = serverErrorText(error.code, error.details) ?? "";
    expect(text).toContain("E-postadress: skriv en e-postadress");
    expect(text).toContain("Namn: måste fyllas i.");
    expect(text).toContain("Fältet ”extra”: okänt fält.");
    expect(text).not.toMatch(/Invalid|required|characters/);
  });

  it("has a text for the codes the API answers with", () => {
    expect(serverErrorText("last_convener", undefined)).toBe("Samverkan måste ha minst en sammankallande.");
    expect(serverErrorText("rate_limited", undefined)).toBe("För många försök. Vänta en stund och försök igen.");
    expect(serverErrorText("no_such_code", undefined)).toBeNull();
  });

  it("has a Swedish text for every error code the server raises", () => {
    const files = readdirSync("server", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const source = files.map((f) => readFileSync(join("server", f), "utf8")).join("\n");
    const codes = new Set(
      [...source.matchAll(/(?:badRequest|conflict|AppError)\(\s*(?:\d+,\s*)?"([a-z_]+)"/g)].map((m) => m[1] as string),
    );
    expect(codes.size).toBeGreaterThan(20);
    // validation_failed is worded per field; metrics_token answers a Prometheus scraper, not a person.
    const notForPeople = new Set(["validation_failed", "metrics_token"]);
    const missing = [...codes].filter((code) => !notForPeople.has(code) && serverErrorText(code, undefined) === null);
    expect(missing).toEqual([]);
  });
});
