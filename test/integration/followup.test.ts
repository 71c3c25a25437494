/**
 * Follow-up over the stock y-websocket client and HTTP (issue 19): a value outside an
 * indicator's range, for a unit or occasion that does not exist, or in someone else's name is
 * undone by the server (for everyone and in storage, the connection stays open); a goal's status
 * cannot be recorded in someone else's name; PUT .../indicators/:id/values answers 4xx for what
 * does not fit and reaches the live board; goals' histories and values are projected and found.
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createDocStore } from "../../server/docs/doc-store.js";
import { addIndicator, addOccasion, addUnit, cellKey, readFollowup } from "../../shared/boards/followup.js";
import { addGoalFollowUp, linkGoal } from "../../shared/boards/goal-history.js";
import { addGoal, readPlan } from "../../shared/boards/plan.js";
import type { ApiClient } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

/** Projections are paced behind editing (projector.ts: up to 10 s behind during continuous edits). */
const PROJECTED = 20_000;
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

describe.each(databaseKinds())("follow-up on %s", (databaseKind) => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];

  const connect = async (boardId: string, who: ApiClient) => {
    const c = connectProvider(f.server.url, boardId, { cookie: who.cookie });
    providers.push(c.provider);
    const closes: number[] = [];
    c.provider.on("connection-close", (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    await synced(c.provider);
    return { ...c, closes };
  };
  const storedDoc = async (boardId: string) => {
    await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
    const loaded = await createDocStore(f.database.db).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return doc;
  };
  const values = (doc: Y.Doc) =>
    readFollowup(doc)
      .indicators.flatMap((i) => i.values.map((v) => [i.name, v.value, v.by]))
      .sort();

  /** A follow-up board set up by Eva: P-CAT (13–52) and a count, Linden, spring baseline. */
  async function board() {
    const boardId = await f.newBoard("followup");
    const eva = await connect(boardId, f.member);
    const ids = { pcat: "", count: "", linden: "", spring: "" };
    eva.doc.transact(() => {
      ids.pcat = addIndicator(eva.doc, { name: "P-CAT", unit: "points", min: 13, max: 52 });
      ids.count = addIndicator(eva.doc, { name: "Träningsgrupper", unit: "count_per_week" });
      ids.linden = addUnit(eva.doc, { name: "Linden" });
      ids.spring = addOccasion(eva.doc, { label: "Nollmätning", date: "2023-04-15", kind: "baseline" });
    });
    await eventually(async () => expect(readFollowup(await storedDoc(boardId)).units).toHaveLength(1));
    return { boardId, eva, ...ids };
  }

  /** Writes a cell straight into the document, as a client that skips the page's checks would. */
  function rawCell(doc: Y.Doc, indicatorId: string, cell: Record<string, unknown>, key?: string) {
    const values = (doc.getMap("indicators").get(indicatorId) as Y.Map<unknown>).get("values") as Y.Map<unknown>;
    values.set(key ?? cellKey(cell.unitId as string, cell.occasionId as string), {
      respondents: null,
      at: "2023-04-20T10:00:00.000Z",
      example: false,
      ...cell,
    });
  }

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 }, databaseKind);
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("undoes values out of range, for units or occasions that do not exist, or in someone else's name", async () => {
    const b = await board();
    const omar = await connect(b.boardId, f.member2);
    const cell = { unitId: b.linden, occasionId: b.spring, by: f.member2.userId };
    rawCell(omar.doc, b.pcat, { ...cell, value: 38 });
    await eventually(() => expect(values(b.eva.doc)).toEqual([["P-CAT", 38, f.member2.userId]]));
    // P-CAT over 52, a negative count, a missing unit, someone else's name, a key that is not the cell's:
    omar.doc.transact(() => {
      rawCell(omar.doc, b.pcat, { ...cell, value: 60 });
      rawCell(omar.doc, b.count, { ...cell, value: -1 });
    });
    rawCell(omar.doc, b.count, { ...cell, unitId: "nowhere", value: 3 });
    rawCell(omar.doc, b.count, { ...cell, by: f.member.userId, value: 3 });
    rawCell(omar.doc, b.count, { ...cell, value: 3 }, "somewhere-else");
    // Everything put back: the earlier P-CAT value returns, the rest is gone — for Omar too.
    await eventually(() => expect(values(omar.doc)).toEqual([["P-CAT", 38, f.member2.userId]]));
    await eventually(() =>
      expect((omar.doc.getMap("indicators").get(b.count) as Y.Map<Y.Map<unknown>>).get("values")?.size).toBe(0),
    );
    expect(values(b.eva.doc)).toEqual([["P-CAT", 38, f.member2.userId]]);
    expect(values(await storedDoc(b.boardId))).toEqual([["P-CAT", 38, f.member2.userId]]);
    // The same connection still enters what fits.
    rawCell(omar.doc, b.count, { ...cell, value: 4 });
    await eventually(async () =>
      expect(values(await storedDoc(b.boardId))).toEqual([
        ["P-CAT", 38, f.member2.userId],
        ["Träningsgrupper", 4, f.member2.userId],
      ]),
    );
    expect(omar.closes).toEqual([]);
  });

  it("a goal's status cannot be recorded in someone else's name", async () => {
    const boardId = await f.newBoard("plan");
    const eva = await connect(boardId, f.member);
    const goalId = addGoal(eva.doc, { title: "Trygg hemgång" });
    const base = { date: "2023-12-31", justification: "Rutinen används", remaining: "Helger" };
    addGoalFollowUp(eva.doc, goalId, { ...base, status: "achieved", by: f.member2.userId });
    await eventually(() => expect(readPlan(eva.doc).goals[0]?.history).toEqual([]));
    addGoalFollowUp(eva.doc, goalId, { ...base, status: "partly_achieved", by: f.member.userId });
    await eventually(async () => {
      const [goal] = readPlan(await storedDoc(boardId)).goals;
      expect(goal?.history.map((h) => [h.status, h.by])).toEqual([["partly_achieved", f.member.userId]]);
    });
    expect(eva.closes).toEqual([]);
  });

  it("PUT indicator values: enters a value live, refuses what does not fit with 4xx", async () => {
    const b = await board();
    const path = `/api/boards/${b.boardId}/indicators/${b.pcat}/values`;
    const ok = await f.member2.put(path, { unitId: b.linden, occasionId: b.spring, value: 41.5, respondents: 4 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.value).toMatchObject({ value: 41.5, respondents: 4, by: f.member2.userId });
    await eventually(() => expect(values(b.eva.doc)).toEqual([["P-CAT", 41.5, f.member2.userId]]));

    const refused = await f.member2.put(path, { unitId: b.linden, occasionId: b.spring, value: 12 });
    expect([refused.status, refused.body.error.code, refused.body.error.details]).toEqual([
      422,
      "value_out_of_range",
      { field: "value", minimum: 13 },
    ]);
    const unit = await f.member2.put(path, { unitId: "nowhere", occasionId: b.spring, value: 30 });
    expect([unit.status, unit.body.error.code]).toEqual([422, "unknown_unit"]);
    const occasion = await f.member2.put(path, { unitId: b.linden, occasionId: "never", value: 30 });
    expect([occasion.status, occasion.body.error.code]).toEqual([422, "unknown_occasion"]);
    const indicator = await f.member2.put(`/api/boards/${b.boardId}/indicators/nope/values`, {
      unitId: b.linden,
      occasionId: b.spring,
      value: 30,
    });
    expect(indicator.status).toBe(404);
    const bad = await f.member2.put(path, { unitId: b.linden, occasionId: b.spring, value: "30" });
    expect(bad.status).toBe(400);
    const observer = await f.observer.put(path, { unitId: b.linden, occasionId: b.spring, value: 30 });
    expect(observer.status).toBe(403);
    const notFollowup = await f.member2.put(`/api/boards/${await f.newBoard("focus")}/indicators/x/values`, {
      unitId: b.linden,
      occasionId: b.spring,
      value: 30,
    });
    expect(notFollowup.status).toBe(404);
    expect(values(await storedDoc(b.boardId))).toEqual([["P-CAT", 41.5, f.member2.userId]]);
  });

  it("projects goals' histories and links, indicators and values, and finds them", async () => {
    const planId = await f.newBoard("plan");
    const focusId = await f.newBoard("focus");
    const eva = await connect(planId, f.member);
    const goalId = addGoal(eva.doc, {
      title: "Personcentrerad vård",
      targetDate: "2023-12-31",
      organizationId: f.orgId,
    });
    addGoalFollowUp(eva.doc, goalId, {
      status: "partly_achieved",
      date: "2023-12-31",
      by: f.member.userId,
      justification: "Mätningen gjordes på en enhet",
      remaining: "Följa upp hemtjänsten",
    });
    linkGoal(eva.doc, goalId, { boardId: focusId, actionId: "a1" });
    const b = await board();
    const put = await f.member.put(`/api/boards/${b.boardId}/indicators/${b.pcat}/values`, {
      unitId: b.linden,
      occasionId: b.spring,
      value: 37,
      respondents: 14,
    });
    expect(put.status).toBe(200);
    const db = f.database.db;
    await eventually(async () => {
      const history = rowsOf<Record<string, unknown>>(
        await db.execute(
          sql`select g.title, g.target_date, h.status, h.date, h.set_by, h.remaining from projected_goal_history h
              join projected_goals g on g.board_id = h.board_id and g.goal_id = h.goal_id where h.board_id = ${planId}`,
        ),
      );
      expect(history).toEqual([
        {
          title: "Personcentrerad vård",
          target_date: "2023-12-31",
          status: "partly_achieved",
          date: "2023-12-31",
          set_by: f.member.userId,
          remaining: "Följa upp hemtjänsten",
        },
      ]);
    }, PROJECTED);
    await eventually(async () => {
      const links = rowsOf(
        await db.execute(sql`select goal_id, action_id from projected_goal_links where focus_board_id = ${focusId}`),
      );
      expect(links).toEqual([{ goal_id: goalId, action_id: "a1" }]);
      const cells = rowsOf(
        await db.execute(
          sql`select i.name, i.range_min, i.range_max, v.unit_name, v.occasion_kind, v.value, v.respondents
              from projected_indicator_values v join projected_indicators i
              on i.board_id = v.board_id and i.indicator_id = v.indicator_id where v.board_id = ${b.boardId}`,
        ),
      );
      expect(cells).toEqual([
        {
          name: "P-CAT",
          range_min: 13,
          range_max: 52,
          unit_name: "Linden",
          occasion_kind: "baseline",
          value: 37,
          respondents: 14,
        },
      ]);
    }, PROJECTED);
    const search = async (q: string) =>
      (await f.member.get(`/api/workspaces/${f.workspaceId}/search?q=${encodeURIComponent(q)}`)).body.results as {
        kind: string;
        entryId: string | null;
      }[];
    await eventually(
      async () => expect((await search("hemtjänsten")).map((r) => r.entryId)).toContain(goalId),
      PROJECTED,
    );
    // The other direction: the focus board lists the goal it serves; observers read it too.
    const served = await f.observer.get(`/api/boards/${focusId}/goals`);
    expect(served.status).toBe(200);
    expect(served.body.goals).toEqual([
      {
        planBoardId: planId,
        goalId,
        title: "Personcentrerad vård",
        level: "effect",
        status: "partly_achieved",
        actionId: "a1",
      },
    ]);
    expect((await f.observer.get(`/api/boards/${planId}/goals`)).status).toBe(404);
    expect((await f.outsider.get(`/api/boards/${focusId}/goals`)).status).toBe(404);
    await eventually(
      async () => expect((await search("P-CAT")).map((r) => [r.kind, r.entryId])).toContainEqual(["indicator", b.pcat]),
      PROJECTED,
    );
  });
});
