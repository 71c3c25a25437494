/**
 * The header's search: every hit carries what its link needs (board, entry, kind, the agenda item
 * and § of decisions), and whatever is typed is bounded and answered, never a 500.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import type { SearchResult } from "../../shared/api/content.js";
import { addAction } from "../../shared/boards/focus.js";
import { addAgendaItem, addDecision } from "../../shared/boards/minutes.js";
import { addGoal, addSection } from "../../shared/boards/plan.js";
import type { ApiClient } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe.each(databaseKinds())("search (%s)", (kind) => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];
  const open = async (boardId: string) => {
    const c = connectProvider(f.server.url, boardId, { cookie: f.member.cookie });
    providers.push(c.provider);
    await synced(c.provider);
    return c.doc;
  };
  const search = (q: string, client: ApiClient = f.member) =>
    client.get(`/api/workspaces/${f.workspaceId}/search?q=${encodeURIComponent(q)}`);
  const results = async (q: string) => {
    const res = await search(q);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.results as SearchResult[];
  };

  beforeAll(async () => {
    f = await startRealtimeFixture({}, kind);
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("answers each kind with what its link needs: board, entry, and for decisions the agenda item and §", async () => {
    const focusId = await f.newBoard("focus");
    const focus = await open(focusId);
    const actionId = addAction(focus, { title: "Växelvårdens kontaktperson" });
    const planId = await f.newBoard("plan");
    const plan = await open(planId);
    const goalId = addGoal(plan, { title: "Växelvården utan avbrott" });
    const sectionId = addSection(plan, "Växelvårdens ansvarsfördelning");
    const minutesId = await f.newBoard("minutes");
    const minutes = await open(minutesId);
    const itemId = addAgendaItem(minutes, { title: "Växelvård på korttidsboendet", number: 7 });
    const decisionId = addDecision(minutes, itemId, "Beslutades att växelvården utvärderas i maj.");

    let hits: SearchResult[] = [];
    await eventually(async () => {
      hits = await results("växelvård");
      expect(hits.map((h) => h.kind).sort()).toEqual(["action", "decision", "goal", "item", "section"]);
    });
    const byKind = (k: string) => hits.find((h) => h.kind === k);
    expect(byKind("action")).toMatchObject({ boardId: focusId, entryId: actionId, boardKind: "focus" });
    expect(byKind("goal")).toMatchObject({ boardId: planId, entryId: goalId, boardKind: "plan" });
    expect(byKind("section")).toMatchObject({ boardId: planId, entryId: sectionId });
    expect(byKind("item")).toMatchObject({ boardId: minutesId, entryId: itemId, itemId, paragraph: 7 });
    expect(byKind("decision")).toMatchObject({ boardId: minutesId, entryId: decisionId, itemId, paragraph: 7 });
    const marked = byKind("decision")
      ?.snippet.filter((p) => p.match)
      .map((p) => p.text.toLowerCase());
    expect(marked).toContain("växelvården");
    // The title comes whole, with the word that matched marked in it.
    expect(byKind("action")?.titleParts).toEqual([
      { text: "Växelvårdens", match: true },
      { text: " kontaktperson", match: false },
    ]);
  });

  it("takes quotes, tsquery operators and stop words as plain words, never a 500", async () => {
    const focusId = await f.newBoard("focus");
    const focus = await open(focusId);
    addAction(focus, { title: "Läkemedelsgenomgång efter ankomst" });
    await eventually(async () => expect((await results("läkemedelsgenomgång")).length).toBe(1));

    for (const typed of [
      `"läkemedelsgenomgång"`,
      "'läkemedel'",
      "läkemedel & ankomst",
      "läkemedel | ankomst",
      "!läkemedel",
      "läkemedel:*",
      "läkemedel <-> ankomst",
      "läkemedel <-> <-> ankomst:*",
      "(läkemedel",
      "läkemedel\\",
    ]) {
      const hits = await results(typed);
      expect(
        hits.map((h) => h.title),
        typed,
      ).toContain("Läkemedelsgenomgång efter ankomst");
    }
    for (const typed of ["och att det", "och", "&|!:*<->", "''", '"', "()", "\\"]) {
      expect(await results(typed), typed).toEqual([]);
    }
  });

  it("bounds what is typed: over 200 characters is a clear 400, 200 is answered", async () => {
    const long = await search("vård ".repeat(200));
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toMatch(/at most 200 characters/);
    const thousand = await search("a".repeat(1000));
    expect(thousand.status).toBe(400);
    expect((await search("v".repeat(200))).status).toBe(200);
    expect((await search("ord ".repeat(50).trim())).status).toBe(200);
    expect((await search("   ")).status).toBe(400);
  });

  it("is for the partnership's members only", async () => {
    expect((await search("vård", f.outsider)).status).toBe(404);
    expect((await search("vård", f.observer)).status).toBe(200);
  });
});
