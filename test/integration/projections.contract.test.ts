import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createDocStore } from "../../server/docs/doc-store.js";
import { swedishToday } from "../../server/services/content-queries.js";
import {
  addAction,
  focusDescription,
  moveAction,
  readFocus,
  removeAction,
  updateAction,
} from "../../shared/boards/focus.js";
import { openBoard } from "../../shared/boards/index.js";
import { addAgendaItem, addAttendee, addDecision, agendaNotes, setMeeting } from "../../shared/boards/minutes.js";
import { addGoal, updateGoal } from "../../shared/boards/plan.js";
import { writePlainParagraphs } from "../../shared/richtext/text.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

const DAY = 86_400_000;
const dateIn = (days: number) => swedishToday(new Date(Date.now() + days * DAY));

describe.each(databaseKinds())("projections of board content (%s)", (kind) => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];
  const open = async (boardId: string, cookie: string | null) => {
    const c = connectProvider(f.server.url, boardId, { cookie });
    providers.push(c.provider);
    await synced(c.provider);
    return c.doc;
  };
  const get = async (path: string) => {
    const res = await f.member.get(`/api/workspaces/${f.workspaceId}${path}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const actionTitles = async (query = "") =>
    ((await get(`/actions${query}`)).actions as { title: string }[]).map((a) => a.title).sort();

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 100 }, kind);
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("lists a focus board's actions within moments of the edits, with owner, organisation and overdue", async () => {
    const boardId = await f.newBoard("focus");
    const doc = await open(boardId, f.member.cookie);
    doc.transact(() => {
      addAction(doc, {
        id: "brytpunkt",
        title: "Brytpunktssamtal på Solgården",
        status: "planned",
        ownerId: f.member.userId,
        organizationId: f.orgId,
        dueDate: dateIn(-3),
      });
      addAction(doc, {
        id: "rutin",
        title: "Gemensam rutin för trygg hemgång",
        status: "in_progress",
        ownerId: f.member2.userId,
        dueDate: dateIn(10),
      });
      addAction(doc, {
        id: "klar",
        title: "Utbildning i palliativ vård",
        status: "done",
        ownerId: f.member.userId,
        dueDate: dateIn(-30),
      });
    });
    await eventually(async () => expect(await actionTitles(`?board=${boardId}`)).toHaveLength(3));

    const { actions } = await get(`/actions?board=${boardId}`);
    const first = actions[0];
    expect(first).toMatchObject({
      boardId,
      boardTitle: "Palliativ vård",
      id: "klar",
      status: "done",
      overdue: false,
      ownerName: "Eva Sjuksköterska",
    });
    expect(actions.find((a: { id: string }) => a.id === "brytpunkt")).toMatchObject({
      overdue: true,
      organizationId: f.orgId,
      organizationName: "Lekebergs kommun",
      ownerId: f.member.userId,
    });
    expect(await actionTitles(`?board=${boardId}&owner=me`)).toEqual([
      "Brytpunktssamtal på Solgården",
      "Utbildning i palliativ vård",
    ]);
    expect(await actionTitles(`?board=${boardId}&owner=${f.member2.userId}`)).toEqual([
      "Gemensam rutin för trygg hemgång",
    ]);
    expect(await actionTitles(`?board=${boardId}&status=in_progress,planned`)).toHaveLength(2);
    expect(await actionTitles(`?board=${boardId}&overdue=true`)).toEqual(["Brytpunktssamtal på Solgården"]);
    expect(await actionTitles(`?board=${boardId}&overdue=false`)).toHaveLength(2);
    expect(await actionTitles(`?board=${boardId}&organization=${f.orgId}`)).toEqual(["Brytpunktssamtal på Solgården"]);
  });

  it("follows edits, moves and deletes, and matches the document a fresh client reads", async () => {
    const boardId = await f.newBoard("focus");
    const doc = await open(boardId, f.member.cookie);
    const a = addAction(doc, { title: "Kartlägg korttidsplatser" });
    const b = addAction(doc, { title: "Växelvård: gemensam planering" });
    await eventually(async () => expect(await actionTitles(`?board=${boardId}`)).toHaveLength(2));

    updateAction(doc, a, { title: "Kartlägg korttidsplatser i länet", dueDate: dateIn(5) });
    moveAction(doc, b, "done", null);
    removeAction(doc, addAction(doc, { title: "Tillfällig idé" }));
    await eventually(async () => {
      const { actions } = await get(`/actions?board=${boardId}`);
      expect(
        actions.map((x: { id: string; title: string; status: string }) => [x.id, x.title, x.status]).sort(),
      ).toEqual(
        [
          [a, "Kartlägg korttidsplatser i länet", "idea"],
          [b, "Växelvård: gemensam planering", "done"],
        ].sort(),
      );
    });

    const reader = await open(boardId, f.observer.cookie);
    const fromDoc = readFocus(reader).actions.map((x) => ({
      id: x.id,
      title: x.title,
      status: x.status,
      dueDate: x.dueDate,
    }));
    const { actions } = await get(`/actions?board=${boardId}`);
    const projected = actions.map((x: { id: string; title: string; status: string; dueDate: string | null }) => ({
      id: x.id,
      title: x.title,
      status: x.status,
      dueDate: x.dueDate,
    }));
    expect(projected.sort((x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id))).toEqual(
      fromDoc.sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it("keeps the decisions log, goals and upcoming meetings for the overview", async () => {
    const planId = await f.newBoard("plan");
    const plan = await open(planId, f.convener.cookie);
    const knowledge = addGoal(plan, {
      title: "Kunskap om omställningen bland medarbetare",
      status: "achieved",
      perspectives: ["staff"],
    });
    addGoal(plan, {
      title: "Personcentrerat arbetssätt i socialtjänsten",
      status: "not_achieved",
      comment: "Hög omsättning av chefer",
    });
    addGoal(plan, { title: "Kontinuitet i primärvården", status: "partly_achieved", perspectives: ["citizen"] });
    const minutesId = await f.newBoard("minutes");
    const minutes = await open(minutesId, f.convener.cookie);
    const startsAt = new Date(Date.now() + 7 * DAY).toISOString().replace(/\.\d+Z$/, "Z");
    setMeeting(minutes, { type: "collaboration", startsAt, place: "Kommunhuset, Fjugesta" });
    addAttendee(minutes, { name: "Eva Sjuksköterska", organizationName: "Lekebergs kommun", present: true });
    const item = addAgendaItem(minutes, { title: "Uppföljning palliativ vård", number: 12 });
    addDecision(minutes, item, "Arbetsgruppen tar fram en gemensam rutin för brytpunktssamtal.");
    writePlainParagraphs(agendaNotes(minutes, item), "Diskussion om de palliativa patienterna i hemsjukvården.");

    await eventually(async () => {
      const { decisions } = await get("/decisions");
      expect(decisions).toContainEqual(
        expect.objectContaining({
          boardId: minutesId,
          paragraph: 12,
          itemTitle: "Uppföljning palliativ vård",
          text: "Arbetsgruppen tar fram en gemensam rutin för brytpunktssamtal.",
        }),
      );
      const overview = await get("/overview");
      expect(overview.goalsByStatus).toMatchObject({ achieved: 1, not_achieved: 1, partly_achieved: 1 });
      expect(overview.goals).toContainEqual(
        expect.objectContaining({ boardId: planId, title: "Kontinuitet i primärvården", perspectives: ["citizen"] }),
      );
      expect(overview.upcomingMeetings).toContainEqual(
        expect.objectContaining({ boardId: minutesId, place: "Kommunhuset, Fjugesta" }),
      );
      expect(overview.recentDecisions[0]).toMatchObject({ boardId: minutesId, paragraph: 12 });
    });

    updateGoal(plan, knowledge, { status: "partly_achieved" });
    await eventually(async () =>
      expect((await get("/overview")).goalsByStatus).toMatchObject({ achieved: 0, partly_achieved: 2 }),
    );
  });

  it("counts each focus area's actions per status, with the overdue ones and mine", async () => {
    const boardId = await f.newBoard("focus");
    const doc = await open(boardId, f.member.cookie);
    addAction(doc, { title: "Ronder med fysioterapeut", status: "planned", ownerId: f.member.userId });
    addAction(doc, { title: "Ronder med arbetsterapeut", status: "planned", dueDate: dateIn(-1) });
    addAction(doc, { title: "Utvärdera ronderna", status: "follow_up" });
    await eventually(async () => {
      const overview = await get("/overview");
      const area = overview.focusAreas.find((x: { boardId: string }) => x.boardId === boardId);
      expect(area).toMatchObject({
        total: 3,
        overdue: 1,
        counts: { idea: 0, planned: 2, in_progress: 0, follow_up: 1, done: 0 },
      });
      expect(overview.myOpenActions.map((x: { title: string }) => x.title)).toContain("Ronder med fysioterapeut");
      expect(overview.overdueActions.map((x: { title: string }) => x.title)).toContain("Ronder med arbetsterapeut");
    });
  });

  it("searches with Swedish stemming and word prefixes, answering plain-text snippets", async () => {
    const boardId = await f.newBoard("focus");
    const doc = await open(boardId, f.member.cookie);
    const id = addAction(doc, { title: "Brytpunktssamtal" });
    const description = readFocus(doc).actions[0]?.description as Y.XmlFragment;
    writePlainParagraphs(description, "Stöd till de palliativa patienterna <b>i hemmet</b> och vårdens rutiner.");
    writePlainParagraphs(focusDescription(doc), "Målgruppen är personer i livets slutskede.");
    const search = async (q: string) =>
      (await get(`/search?q=${encodeURIComponent(q)}`)).results as {
        entryId: string | null;
        boardId: string;
        kind: string;
        snippet: { text: string; match: boolean }[];
      }[];
    await eventually(async () => expect((await search("palliativ")).map((r) => r.entryId)).toContain(id));

    const [hit] = (await search("palliativ")).filter((r) => r.entryId === id);
    expect(hit?.kind).toBe("action");
    expect(hit?.snippet.filter((p) => p.match).map((p) => p.text.toLowerCase())).toContain("palliativa");
    // Matches are marked as data, not as HTML for the page to render.
    const joined = hit?.snippet.map((p) => p.text).join("") ?? "";
    expect(joined).toContain("palliativa patienterna");
    expect(joined).not.toMatch(/<b>palliativa|[\uE000\uE001]/);
    expect((await search("vård rutin")).map((r) => r.entryId)).toContain(id);
    expect((await search("brytpunkt")).map((r) => r.entryId)).toContain(id);
    await eventually(async () =>
      expect((await search("personerna")).map((r) => [r.boardId, r.kind])).toContainEqual([boardId, "board"]),
    );
    expect(await search("hjärtsvikt")).toEqual([]);
    expect(await search("'&|!:*")).toEqual([]);
  });

  it("leaves archived boards out", async () => {
    const boardId = await f.newBoard("focus");
    const doc = await open(boardId, f.member.cookie);
    addAction(doc, { title: "Arkiverad aktivitet om mellanrummet" });
    await eventually(async () => expect(await actionTitles(`?board=${boardId}`)).toHaveLength(1));
    expect((await f.convener.delete(`/api/boards/${boardId}`)).status).toBe(204);
    expect(await actionTitles(`?board=${boardId}`)).toEqual([]);
    expect((await get("/search?q=mellanrummet")).results).toEqual([]);
  });

  it("rebuilds every projection from the documents, and catches up on boards stored without one", async () => {
    await f.server.services.projections.flush();
    const snapshot = async () => ({
      actions: (await get("/actions")).actions,
      decisions: (await get("/decisions")).decisions,
      overview: await get("/overview"),
    });
    const before = await snapshot();
    expect(before.actions.length).toBeGreaterThan(0);
    const { db } = f.database;
    await db.execute(sql`delete from projected_actions`);
    await db.execute(sql`delete from projected_decisions`);
    await db.execute(sql`delete from projected_goals`);
    await db.execute(sql`delete from projected_meetings`);
    await db.execute(sql`delete from search_entries`);
    expect((await get("/actions")).actions).toEqual([]);
    await f.server.services.projections.rebuild();
    expect(await snapshot()).toEqual(before);

    // Content stored while no projection ran (e.g. a crash right after the commit).
    const boardId = await f.newBoard("focus");
    await f.server.services.projections.flush();
    const offline = new Y.Doc();
    openBoard(offline, "focus");
    addAction(offline, { title: "Sparad utan projektion" });
    await createDocStore(db).append([{ boardId, seq: 1, update: Y.encodeStateAsUpdate(offline), authorId: null }]);
    expect(await actionTitles(`?board=${boardId}`)).toEqual([]);
    expect(await f.server.services.projections.catchUp()).toBe(1);
    expect(await actionTitles(`?board=${boardId}`)).toEqual(["Sparad utan projektion"]);
    expect(await f.server.services.projections.catchUp()).toBe(0);
  });
});
