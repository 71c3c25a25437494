/**
 * Text that can never be stored gets a clear 400 naming the field, never a 500 (issue 23): NUL
 * (PostgreSQL refuses it in text) and lone surrogates, in every body and query. Names and titles
 * lose bidirectional override controls. API answers are not cached; a 413 closes the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { findUnstorableText, unstorableText, withoutBidiControls } from "../../shared/text/hygiene.js";
import { ApiClient, distinctAddresses } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe("the shared text rule", () => {
  it("refuses NUL and lone surrogates, accepts everything else people type", () => {
    for (const ok of ["Brytpunktssamtal på Solgården", "växelvård 😀 👩‍⚕️", "", "rad 1\nrad 2\ttab", "\u200e"]) {
      expect(unstorableText(ok), JSON.stringify(ok)).toBeNull();
    }
    for (const bad of ["a\u0000b", "\u0000", "x\ud800", "\udc00y", "\ud83d", "😀\ud83d"]) {
      expect(unstorableText(bad), JSON.stringify(bad)).not.toBeNull();
    }
    expect(findUnstorableText({ items: [{ title: "ok" }, { title: "a\u0000" }] })?.path).toBe("items.1.title");
    expect(findUnstorableText({ "nyck\u0000el": 1 })?.path).toBe("nyck\u0000el");
    expect(findUnstorableText({ a: ["fine", 1, null, { b: true }] })).toBeNull();
  });

  it("removes bidirectional embedding, override and isolate controls, nothing else", () => {
    expect(withoutBidiControls("\u202eabc\u202c")).toBe("abc");
    expect(withoutBidiControls("a\u2066b\u2067c\u2068d\u2069e\u202af\u202bg\u202dh")).toBe("abcdefgh");
    expect(withoutBidiControls("Vårdcentral – Lekeberg")).toBe("Vårdcentral – Lekeberg");
  });
});

describe("every API text field refuses what cannot be stored with a 400 naming it", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];
  let admin: ApiClient;
  let workspaceId: string;
  let orgId: string;
  let boardId: string;
  let minutesId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildTestApp(database, { trustProxy: true }).app;
    admin = new ApiClient(app, undefined, distinctAddresses());
    await setupAdmin(admin);
    orgId = (await createOrganization(admin, "Lekebergs kommun")).id;
    workspaceId = (await createWorkspace(admin, "Nära vård", orgId)).id;
    boardId = (await admin.post(`/api/workspaces/${workspaceId}/boards`, { kind: "focus", title: "Palliativ vård" }))
      .body.board.id;
    minutesId = (await admin.post(`/api/workspaces/${workspaceId}/boards`, { kind: "minutes", title: "Möte" })).body
      .board.id;
  });
  afterAll(() => database?.close());

  const requests = (bad: string) => [
    { what: "organisation name", field: "name", run: () => admin.post("/api/organizations", { name: bad }) },
    { what: "partnership name", field: "name", run: () => admin.post("/api/workspaces", { name: bad }) },
    {
      what: "partnership description",
      field: "description",
      run: () => admin.patch(`/api/workspaces/${workspaceId}`, { description: bad }),
    },
    {
      what: "board title",
      field: "title",
      run: () => admin.post(`/api/workspaces/${workspaceId}/boards`, { kind: "focus", title: bad }),
    },
    { what: "board rename", field: "title", run: () => admin.patch(`/api/boards/${boardId}`, { title: bad }) },
    {
      what: "invitation e-mail",
      field: "email",
      run: () =>
        admin.post(`/api/workspaces/${workspaceId}/invitations`, { email: bad, role: "member", organizationId: orgId }),
    },
    {
      what: "sign-in e-mail",
      field: "email",
      run: () => admin.fresh().post("/api/auth/login", { email: bad, password: "vad som helst" }),
    },
    {
      what: "registration number",
      field: "registrationNumber",
      run: () => admin.put(`/api/boards/${minutesId}/minutes/registration-number`, { registrationNumber: bad }),
    },
    // A URL cannot carry a lone surrogate (its UTF-8 does not exist); a NUL it can (%00).
    ...(bad.includes("\u0000")
      ? [
          {
            what: "search query",
            field: "q",
            run: () => admin.get(`/api/workspaces/${workspaceId}/search?q=${encodeURIComponent(bad)}`),
          },
        ]
      : []),
  ];

  it.each([
    ["a NUL character", "Vård\u0000central"],
    ["a lone surrogate", "Vård\ud800central"],
  ])("%s → 400 validation_failed naming the field, nothing stored", async (_what, bad) => {
    const before = await database.db.execute("select count(*)::int as n from audit_events");
    for (const request of requests(bad)) {
      const res = await request.run();
      expect(res.status, request.what).toBe(400);
      expect(res.body.error.code, request.what).toBe("validation_failed");
      expect(Object.keys(res.body.error.details.fields), request.what).toEqual([request.field]);
    }
    const after = await database.db.execute("select count(*)::int as n from audit_events");
    // Only the failed sign-ins are audited (without the address, which is not one).
    const rows = (r: unknown) => ((Array.isArray(r) ? r : (r as { rows: unknown[] }).rows)[0] as { n: number }).n;
    expect(rows(after) - rows(before)).toBeLessThanOrEqual(1);
    const orgs = await admin.get("/api/organizations");
    expect(JSON.stringify(orgs.body)).not.toMatch(/Vård.central/);
  });

  it("names and titles lose bidirectional override controls", async () => {
    const res = await admin.post(`/api/workspaces/${workspaceId}/boards`, {
      kind: "focus",
      title: "\u202egnåkatöv\u202c Växelvård",
    });
    expect(res.status).toBe(201);
    expect(res.body.board.title).toBe("gnåkatöv Växelvård");
    const only = await admin.post("/api/organizations", { name: "\u202e\u202c" });
    expect(only.status).toBe(400);
    expect(only.body.error.details.fields.name).toBe("A name is required.");
  });

  it("API answers, errors included, are never kept by an HTTP cache", async () => {
    expect((await admin.get("/api/auth/me")).headers.get("cache-control")).toBe("no-store");
    expect((await admin.get(`/api/workspaces/${workspaceId}/boards`)).headers.get("cache-control")).toBe("no-store");
    expect((await admin.fresh().get("/api/auth/me")).headers.get("cache-control")).toBe("no-store");
    expect((await admin.get("/api/nothing-here")).headers.get("cache-control")).toBe("no-store");
  });

  it("a body over the limit gets 413 and Connection: close, not keep-alive", async () => {
    const res = await admin.post("/api/organizations", { name: "x".repeat(70_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
    expect(res.headers.get("connection")).toBe("close");
  });
});
