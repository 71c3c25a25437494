import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import {
  createOrganization,
  createWorkspace,
  inviteAndJoin,
  PASSWORD,
  setupAdmin,
  uniqueEmail,
} from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";
import { ACTORS, type Actor, CASES, type Ctx, emails } from "./access-matrix.cases.js";

/**
 * Every API route × every kind of caller, generated from the app's own route table: a route
 * added without a row here fails the first test. Each cell signs in afresh and gets fresh
 * targets, so cells do not depend on each other.
 */

describe("role × endpoint matrix", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];
  let ctx: Ctx;
  // Distinct client addresses per request keep the per-address sign-in limit out of this test's way.
  const client = () => new ApiClient(app, undefined, distinctAddresses());

  async function signIn(actor: Actor): Promise<ApiClient> {
    const c = client();
    if (actor === "anonymous") return c;
    const res = await c.post("/api/auth/login", { email: emails[actor], password: PASSWORD });
    if (res.status !== 200) throw new Error(`sign-in of ${actor} failed: ${res.status}`);
    return c;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { trustProxy: true }).app;
    const admin = client();
    await setupAdmin(admin);
    const org = await createOrganization(admin, "Lekebergs kommun");
    const convener = client();
    const convenerEmail = uniqueEmail("sammankallande");
    // The convener is invited into a workspace of someone else's and then creates their own.
    const seedWs = await createWorkspace(admin, "Frö");
    await inviteAndJoin(admin, seedWs.id, "member", org.id, "Sara Sammankallande", convenerEmail).then(
      (r) => (convener.cookie = r.client.cookie),
    );
    emails.convener = convenerEmail;
    const workspace = await createWorkspace(convener, "Nära vård Lekeberg", org.id);
    const member = await inviteAndJoin(convener, workspace.id, "member", org.id, "Maja Medlem");
    const observer = await inviteAndJoin(convener, workspace.id, "observer", org.id, "Olle Observatör");
    const outsiderWs = await createWorkspace(admin, "Annan samverkan");
    const outsider = await inviteAndJoin(admin, outsiderWs.id, "convener", org.id, "Ute Utomstående");
    emails.member = member.email;
    emails.observer = observer.email;
    emails.outsider = outsider.email;
    let spare = 0;
    ctx = {
      database,
      workspaceId: workspace.id,
      orgId: org.id,
      convener,
      admin,
      // A person with an account who is in no workspace yet.
      async spare() {
        const email = uniqueEmail(`extra${++spare}`);
        const { user } = await inviteAndJoin(admin, outsiderWs.id, "observer", org.id, "Extra", email);
        await admin.delete(`/api/workspaces/${outsiderWs.id}/members/${user.id}`);
        return { email, userId: user.id };
      },
    };
  });
  afterAll(() => database?.close());

  function fill(path: string, params: Record<string, string>) {
    return path.replace(/:(\w+)/g, (_, name: string) => {
      const value = params[name];
      if (!value) throw new Error(`no value for :${name} in ${path}`);
      return value;
    });
  }

  it("has a row for every route the app serves, and no row for a route it does not", () => {
    const served = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    expect([...served].sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [route, spec] of Object.entries(CASES)) {
    const [method, path] = route.split(" ") as [string, string];
    describe(route, () => {
      for (const actor of ACTORS) {
        it(`${actor} → ${spec.expect[actor]}`, async () => {
          const params = spec.params ? await spec.params(ctx) : {};
          const body = spec.body ? await spec.body(ctx, actor) : method === "GET" ? undefined : {};
          const res = await (await signIn(actor)).request(
            method,
            fill(path, params) + (spec.query ?? ""),
            body,
            spec.headers,
          );
          expect(res.status, JSON.stringify(res.body)).toBe(spec.expect[actor]);
          if (res.status >= 400) {
            expect(res.body.error.code).toEqual(expect.any(String));
            expect(res.body.error.message).toEqual(expect.any(String));
          }
        });
      }

      // The first caller who gets past access checks (to a success or to a 409 about the state).
      const allowed =
        ACTORS.find((a) => spec.expect[a] < 300 && a !== "anonymous") ??
        ACTORS.find((a) => ![401, 403, 404].includes(spec.expect[a]) && a !== "anonymous") ??
        "anonymous";
      if (spec.invalid !== undefined) {
        it(`refuses an invalid body, malformed JSON and unknown fields with 400 (${allowed})`, async () => {
          const params = spec.params ? await spec.params(ctx) : {};
          const url = fill(path, params);
          for (const bad of [
            spec.invalid,
            "{not json",
            { ...((await spec.body?.(ctx, allowed)) as object), unexpected: 1 },
          ]) {
            const res = await (await signIn(allowed)).request(method, url, bad);
            // setup is refused for existing instances before the body matters
            const wanted = route === "POST /api/auth/setup" ? [400, 409] : [400];
            expect(wanted, `${JSON.stringify(bad)} → ${res.status} ${JSON.stringify(res.body)}`).toContain(res.status);
            if (res.status === 400) expect(["invalid_json", "validation_failed"]).toContain(res.body.error.code);
          }
        });
      } else if (spec.invalidQueries) {
        it(`refuses invalid query parameters with 400 naming the parameter (${allowed})`, async () => {
          const url = fill(path, spec.params ? await spec.params(ctx) : {});
          for (const bad of spec.invalidQueries ?? []) {
            const res = await (await signIn(allowed)).request(method, url + bad);
            expect(res.status, `${bad} → ${JSON.stringify(res.body)}`).toBe(400);
            expect(res.body.error.code).toBe("validation_failed");
            expect(Object.keys(res.body.error.details.fields).length).toBeGreaterThan(0);
          }
        });
      } else if ((method === "POST" || method === "PATCH") && !spec.headers) {
        it("has an invalid-body case", () => expect(route).toBe("POST /api/auth/logout"));
      }

      if (spec.body && !spec.headers && route !== "POST /api/auth/setup") {
        it(`refuses NUL, a lone surrogate and an identity number in every text field with 400 naming it (${allowed})`, async () => {
          const body = (await spec.body!(ctx, allowed)) as Record<string, unknown>;
          const fields = Object.keys(body).filter((k) => typeof body[k] === "string");
          if (fields.length === 0) expect(route).toBe("PATCH /api/users/:userId"); // { active: true }
          for (const field of fields) {
            const bad: [string, string][] = [
              [`${body[field]}\u0000`, "validation_failed"],
              [`${body[field]}\ud800`, "validation_failed"],
              // A password is hashed, never stored as text: an identity number in it is not refused.
              ...(field === "password"
                ? []
                : ([[`${body[field]} 19121212-1212`, "identity_number"]] as [string, string][])),
            ];
            for (const [value, code] of bad) {
              const params = spec.params ? await spec.params(ctx) : {};
              const res = await (await signIn(allowed)).request(method, fill(path, params), {
                ...body,
                [field]: value,
              });
              expect(res.status, `${field}=${JSON.stringify(value)} → ${JSON.stringify(res.body)}`).toBe(400);
              expect(res.body.error.code).toBe(code);
              expect(Object.keys(res.body.error.details.fields)).toEqual([field]);
            }
          }
        });
      }

      if (spec.params && path.includes("/:")) {
        it(`answers 404 for ids that do not exist or are not ids (${allowed})`, async () => {
          const real = await spec.params!(ctx);
          for (const fake of [randomUUID(), "not-an-id"]) {
            const params = { ...real };
            const last = Object.keys(params).at(-1)!;
            params[last] = fake;
            const body = spec.body ? await spec.body(ctx, allowed) : method === "GET" ? undefined : {};
            const res = await (await signIn(allowed)).request(
              method,
              fill(path, params) + (spec.query ?? ""),
              body,
              spec.headers,
            );
            expect(res.status, `${fake}: ${JSON.stringify(res.body)}`).toBe(404);
          }
        });
      }
    });
  }
});
