import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../server/db/client.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { checkUpdate } from "../../server/realtime/update-guard.js";
import { DEMO_PASSWORD, DemoSeedRefusedError, type DemoSummary, seedDemo } from "../../server/seed/demo.js";
import { seedDemoAtStart } from "../../server/seed/seed-at-start.js";
import type { Services } from "../../server/services/index.js";
import { type Action, readFocus } from "../../shared/boards/focus.js";
import { readFollowup } from "../../shared/boards/followup.js";
import { BOARD_SPECS, type BoardKind, openBoard } from "../../shared/boards/index.js";
import { readMinutes } from "../../shared/boards/minutes.js";
import { readPlan } from "../../shared/boards/plan.js";
import { richTextToPlain } from "../../shared/richtext/text.js";
import { ApiClient } from "../helpers/api-client.js";
import { spawnServer } from "../helpers/spawn-server.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase, databaseKinds } from "../helpers/test-database.js";

/** Real people named in ../shared/source-documents: none may appear in the demo (full names, then surnames). */
const REAL_NAMES = [
  "Åse Friberg",
  "Kristin Lundgren",
  "Jennifer Westher",
  "Annika Sätter",
  "Margareta Esswing",
  "Marina Yazdani",
  "Lisa Rohdén",
  "Annika Karlsson Juliussen",
  "Malin Ducker Ek",
  "Karin Botvalde",
  "Irmeli Gustafsson",
  "Caroline Elfors",
  "Annica Zetterholm",
  "Susanna Göransdotter",
  "EvaLena Tang",
  "Jonas Claesson",
];
const REAL_SURNAMES = [
  "Friberg",
  "Lundgren",
  "Westher",
  "Sätter",
  "Esswing",
  "Yazdani",
  "Rohdén",
  "Juliussen",
  "Ducker",
  "Botvalde",
  "Gremark",
  "Gustafsson",
  "Elfors",
  "Strömberg",
  "Leijonborg",
  "Zetterholm",
  "Göransdotter",
  "Engdahl",
  "Gunnarsson",
  "Pettersson",
  "Johansson",
  "Eriksson",
  "Rosén",
  "Claesson",
];
const asWord = (name: string) => new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, "iu");

/** Everything a person could read in a board document: plain values and the text of every rich-text fragment. */
function visibleText(doc: Y.Doc): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (value instanceof Y.XmlFragment) parts.push(richTextToPlain(value));
    else if (value instanceof Y.Map) for (const v of value.values()) walk(v);
    else parts.push(JSON.stringify(value));
  };
  for (const name of doc.share.keys()) walk(doc.getMap(name));
  return parts.join("\n");
}

async function fingerprint(database: Database): Promise<Record<string, string>> {
  const tables = await rows<{ tablename: string }>(
    database,
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await rows<{ digest: string | null; n: number }>(
      database,
      sql.raw(
        `select md5(string_agg(t::text, '|' order by t::text)) as digest, count(*)::int as n from "${tablename}" t`,
      ),
    );
    out[tablename] = `${row?.n}:${row?.digest}`;
  }
  return out;
}

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await database.db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

describe.each(databaseKinds())("the demo partnership on %s", (kind) => {
  let database: Database;
  let services: Services;
  let browser: () => ApiClient;
  let summary: DemoSummary;
  const docs = new Map<string, { kind: BoardKind; doc: Y.Doc; update: Uint8Array }>();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const built = buildTestApp(database);
    services = built.services;
    browser = () => new ApiClient(built.app);
    summary = await seedDemo({ db: database.db, services });
    const store = createDocStore(database.db);
    for (const board of summary.boards) {
      const loaded = await store.load(board.id);
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates).toHaveLength(1);
      const update = loaded.updates[0]!;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, update);
      docs.set(board.id, { kind: board.kind, doc, update });
    }
  });
  afterAll(() => database?.close());

  const account = (key: string) => summary.accounts.find((a) => a.key === key)!;
  const docOf = (boardId: string) => docs.get(boardId)!.doc;

  it("creates the organisations, the partnership with four focus areas, a plan and minutes, and the accounts", async () => {
    expect(summary.organizations.map((o) => o.name).sort()).toEqual(
      [
        "Capio Vårdcentral Lekeberg",
        "Lekebergs kommun – hälso- och sjukvårdsorganisationen",
        "Lekebergs kommun – socialförvaltningen",
        "Region Örebro län",
        "Sydnärkes folkhälsoteam",
      ].sort(),
    );
    expect((await services.organizations.list()).map((o) => o.id).sort()).toEqual(
      summary.organizations.map((o) => o.id).sort(),
    );
    expect(summary.boardIds.plan).toHaveLength(1);
    expect(summary.boardIds.focus).toHaveLength(4);
    expect(summary.boardIds.minutes).toHaveLength(1);
    const listed = await services.boards.list(summary.workspaceId);
    expect(listed.map((b) => b.id).sort()).toEqual(summary.boards.map((b) => b.id).sort());

    const members = await services.members.list(summary.workspaceId);
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        ["sammankallande@demo.example", "convener"],
        ["sjukskoterska@demo.example", "member"],
        ["fysioterapeut@demo.example", "member"],
        ["lakare@demo.example", "member"],
        ["observator@demo.example", "observer"],
      ].sort(),
    );
    // The admin created the partnership and handed it over: not a member, no implicit access.
    expect(members.map((m) => m.userId)).not.toContain(account("admin").userId);
    // Nobody was left signed in by the seeding.
    expect(await rows(database, sql`select id from sessions`)).toHaveLength(0);
    expect(summary.password).toBe(DEMO_PASSWORD);
  });

  it("lets every demo account sign in over HTTP and see the partnership with the right role", async () => {
    for (const a of summary.accounts) {
      const client = browser();
      const login = await client.post("/api/auth/login", { email: a.email, password: summary.password });
      expect(login.status, a.email).toBe(200);
      expect(login.body.user.isAdmin).toBe(a.isAdmin);
      const workspaces = await client.get("/api/workspaces");
      if (a.role === null) {
        expect(workspaces.body.workspaces).toEqual([]);
        expect((await client.get("/api/organizations")).body.organizations).toHaveLength(5);
        continue;
      }
      expect(workspaces.body.workspaces.map((w: any) => [w.id, w.role])).toEqual([[summary.workspaceId, a.role]]);
      const boards = await client.get(`/api/workspaces/${summary.workspaceId}/boards`);
      expect(boards.status).toBe(200);
      expect(boards.body.boards).toHaveLength(8);
    }
  });

  it("is projected by the time seeding returns: actions, decisions and search answer at once", async () => {
    const convener = browser();
    await convener.post("/api/auth/login", { email: account("convener").email, password: summary.password });
    const base = `/api/workspaces/${summary.workspaceId}`;
    const actionCount = summary.boardIds.focus.reduce((n, id) => n + readFocus(docOf(id)).actions.length, 0);
    expect((await convener.get(`${base}/actions`)).body.actions).toHaveLength(actionCount);
    expect((await convener.get(`${base}/actions?overdue=true`)).body.actions.length).toBeGreaterThan(0);
    const mine = (await convener.get(`${base}/actions?owner=me`)).body.actions;
    expect(mine.length).toBeGreaterThan(0);
    const decisions = readMinutes(docOf(summary.boardIds.minutes[0]!)).items.flatMap((i) => i.decisions);
    expect((await convener.get(`${base}/decisions`)).body.decisions).toHaveLength(decisions.length);
    expect((await convener.get(`${base}/search?q=brytpunktssamtal`)).body.results.length).toBeGreaterThan(0);
  });

  it("stores each board as one update that passes the content guard and reads back with the typed readers", () => {
    for (const [boardId, { kind: boardKind, doc, update }] of docs) {
      expect(() => checkUpdate(new Y.Doc(), update, 64, BOARD_SPECS[boardKind]), boardId).not.toThrow();
      expect(openBoard(doc, boardKind)).toEqual({ ok: true, upgradedFrom: null });
    }

    const plan = readPlan(docOf(summary.boardIds.plan[0]!));
    expect(richTextToPlain(plan.purpose)).toContain("nära vård");
    expect(plan.meetingCadence).not.toBe("");
    expect(plan.sections.length).toBeGreaterThanOrEqual(4);
    for (const section of plan.sections) expect(richTextToPlain(section.body)).not.toBe("");
    const status = (words: string) => plan.goals.find((g) => g.title.includes(words));
    expect(status("kunskap om omställningen")?.status).toBe("achieved");
    expect(status("personcentrerat arbetssätt inom socialförvaltningen")?.status).toBe("not_achieved");
    expect(status("personcentrerat arbetssätt inom socialförvaltningen")?.comment).toMatch(/enhetschefer/);
    expect(status("kontinuitet i primärvården")?.status).toBe("partly_achieved");
    const orgIds = new Set(summary.organizations.map((o) => o.id));
    for (const contact of plan.contacts) expect(orgIds.has(contact.organizationId!)).toBe(true);

    const memberIds = new Set(
      summary.accounts.filter((a) => a.role === "member" || a.role === "convener").map((a) => a.userId),
    );
    const titles = summary.boards.filter((b) => b.kind === "focus").map((b) => b.title);
    expect(titles).toEqual([
      "Palliativ vård",
      "Växelvård och korttidsboende – vårdkedjan",
      "Mellanrummet – patienter mellan organisationerna",
      "Hela teamet på ronden",
    ]);
    for (const boardId of summary.boardIds.focus) {
      const focus = readFocus(docOf(boardId));
      expect(richTextToPlain(focus.description)).not.toBe("");
      expect(focus.targetGroup).not.toBe("");
      expect(focus.actions.length).toBeGreaterThanOrEqual(4);
      for (const action of focus.actions) {
        expect(richTextToPlain(action.description), action.title).not.toBe("");
        if (action.ownerId) expect(memberIds.has(action.ownerId)).toBe(true);
        expect(orgIds.has(action.organizationId!)).toBe(true);
      }
    }
  });

  it("records one collaboration meeting whose action items and focus-area actions point at each other", () => {
    const minutesId = summary.boardIds.minutes[0]!;
    const minutes = readMinutes(docOf(minutesId));
    expect(minutes.meeting.type).toBe("collaboration");
    expect(new Date(minutes.meeting.startsAt!).getTime()).toBeLessThan(Date.now());
    expect(minutes.meeting.convenerId).toBe(account("convener").userId);
    expect(minutes.meeting.approverIds).toEqual([account("doctor").userId]);
    expect(new Set(minutes.attendees.map((a) => a.organizationId)).size).toBeGreaterThanOrEqual(4);
    expect(minutes.items.map((i) => i.number)).toEqual(minutes.items.map((_, index) => index + 1));
    expect(minutes.items.flatMap((i) => i.decisions).length).toBeGreaterThanOrEqual(5);

    const actions = new Map<string, Action & { boardId: string }>();
    for (const boardId of summary.boardIds.focus)
      for (const action of readFocus(docOf(boardId)).actions) actions.set(action.id, { ...action, boardId });
    const items = minutes.items.flatMap((item) => item.actionItems.map((ai) => ({ item, ai })));
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const { item, ai } of items) {
      const action = actions.get(ai.actionId!);
      expect(action, ai.title).toBeDefined();
      expect(action!.boardId).toBe(ai.focusBoardId);
      expect([action!.title, action!.ownerId, action!.dueDate]).toEqual([ai.title, ai.ownerId, ai.dueDate]);
      expect(action!.source).toEqual({ boardId: minutesId, itemId: item.id, paragraph: item.number });
    }
    const sourced = [...actions.values()].filter((a) => a.source !== null);
    expect(sourced.map((a) => a.id).sort()).toEqual(items.map(({ ai }) => ai.actionId).sort());
  });

  it("marks every invented measurement as example data", () => {
    const measurements = summary.boardIds.focus.flatMap((id) =>
      readFocus(docOf(id)).actions.flatMap((a) => a.measurements),
    );
    expect(measurements.length).toBeGreaterThanOrEqual(8);
    expect(measurements.filter((m) => !m.example)).toEqual([]);
    expect(measurements.some((m) => m.label.startsWith("P-CAT"))).toBe(true);
    expect(new Set(measurements.map((m) => m.kind))).toEqual(new Set(["baseline", "follow_up"]));
  });

  it("has a year of follow-up: goals' status changes, P-CAT for two units, managers and training, all example data", () => {
    const plan = readPlan(docOf(summary.boardIds.plan[0]!));
    const followed = plan.goals.filter((g) => g.history.length > 0);
    expect(followed.length).toBeGreaterThanOrEqual(4);
    for (const g of followed) {
      expect(g.history.map((h) => h.example)).toEqual([true, true]);
      expect(g.history.at(-1)?.status).toBe(g.status);
      expect(g.history.at(-1)?.remaining).not.toBe("");
      expect(g.organizationId).not.toBeNull();
      expect(g.links.length).toBeGreaterThan(0);
    }
    expect(new Set(followed.flatMap((g) => g.history.map((h) => h.status)))).toEqual(
      new Set(["achieved", "partly_achieved", "not_achieved", "not_started"]),
    );
    const followup = readFollowup(docOf(summary.boardIds.followup[0]!));
    const byName = (words: string) => followup.indicators.find((i) => i.name.includes(words));
    const pcat = byName("P-CAT");
    const occasion = (id: string) => followup.occasions.find((o) => o.id === id)?.kind;
    const unitsAt = (kind: string) =>
      new Set(pcat?.values.filter((v) => occasion(v.occasionId) === kind).map((v) => v.unitId));
    expect(unitsAt("baseline").size).toBe(2);
    expect(unitsAt("follow_up").size).toBe(1);
    expect(
      byName("Enhetschefer")
        ?.values.map((v) => v.value)
        .sort(),
    ).toEqual([1, 2, 4]);
    expect(byName("träningsprogram")?.values.length).toBeGreaterThan(0);
    expect(followup.indicators.every((i) => i.example && i.values.every((v) => v.example))).toBe(true);
  });

  it("names no real person from the source documents", async () => {
    const people = await rows<{ name: string; email: string }>(database, sql`select name, email from users`);
    const text = [
      ...people.flatMap((p) => [p.name, p.email]),
      ...summary.organizations.map((o) => o.name),
      summary.workspaceName,
      ...(await rows<{ description: string }>(database, sql`select description from workspaces`)).map(
        (w) => w.description,
      ),
      ...summary.boards.map((b) => b.title),
      ...[...docs.values()].map(({ doc }) => visibleText(doc)),
    ].join("\n");
    // The content is really there (the check below would pass on nothing).
    expect(text).toContain("Helena Sjöberg");
    expect(text).toContain("brytpunktssamtal");
    for (const name of [...REAL_NAMES, ...REAL_SURNAMES]) expect(text, name).not.toMatch(asWord(name));
  });

  it("refuses to seed again and changes nothing", async () => {
    const before = await fingerprint(database);
    await expect(seedDemo({ db: database.db, services })).rejects.toThrow(DemoSeedRefusedError);
    await expect(seedDemo({ db: database.db, services })).rejects.toThrow(/already has accounts/);
    expect(await fingerprint(database)).toEqual(before);
  });

  it("at start with SEED_DEMO, logs that it skipped an instance that has accounts", async () => {
    const before = await fingerprint(database);
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    await seedDemoAtStart({ db: database.db, services, store: createDocStore(database.db), logger });
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual([
      "SEED_DEMO: the instance already has accounts; the demo partnership was not seeded",
    ]);
    expect(await fingerprint(database)).toEqual(before);
  });
});

describe("SEED_DEMO=true at start", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "samverkan-seed-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("seeds an empty PGlite data directory, and the convener can sign in and see the partnership", async () => {
    const server = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO: "true" });
    try {
      expect(server.output()).toContain("SEED_DEMO: demo partnership");
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "sammankallande@demo.example", password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
      const workspaces = await fetch(`${server.url}/api/workspaces`, { headers: { cookie } });
      const body = (await workspaces.json()) as { workspaces: { name: string; role: string }[] };
      expect(body.workspaces.map((w) => [w.name, w.role])).toEqual([["Nära vård Lekeberg", "convener"]]);
    } finally {
      expect(await server.stop("SIGTERM")).toBe(0);
    }
  }, 120_000);
});
