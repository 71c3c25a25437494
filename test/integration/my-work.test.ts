/**
 * "My work" over HTTP: the actions list's filters and order, its CSV (BOM, `;`, no formulas,
 * headings in the reader's language), the decisions log with a text filter, the to-do panel
 * (minutes awaiting my approval, my actions due soon and overdue, this week's meetings), and
 * bad filters answered with 400 naming the problem.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { swedishToday } from "../../server/services/content-queries.js";
import { addAction } from "../../shared/boards/focus.js";
import { addAgendaItem, addDecision, setMeeting } from "../../shared/boards/minutes.js";
import type { ApiClient } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

const DAY = 86_400_000;
const dateIn = (days: number) => swedishToday(new Date(Date.now() + days * DAY));

describe.each(databaseKinds())("my work (%s)", (kind) => {
  let f: RealtimeFixture;
  let trygg: string;
  let fall: string;
  let minutesId: string;
  const providers: WebsocketProvider[] = [];
  const open = async (boardId: string, who: ApiClient) => {
    const c = connectProvider(f.server.url, boardId, { cookie: who.cookie });
    providers.push(c.provider);
    await synced(c.provider);
    return c.doc;
  };
  const newBoard = async (kind: "focus" | "minutes", title: string) =>
    (await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title })).body.board.id as string;
  const list = async (query: string, who: ApiClient = f.member) => {
    const res = await who.get(`/api/workspaces/${f.workspaceId}/actions?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.actions as { id: string; title: string; status: string; boardTitle: string; dueDate: string }[];
  };
  /** The raw bytes: Response.text() would drop the byte-order mark this checks. */
  const csv = async (path: string, headers: Record<string, string> = {}) => {
    const res = await f.server.app.request(`/api/workspaces/${f.workspaceId}${path}`, {
      headers: { cookie: f.member.cookie ?? "", ...headers },
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
    return { res, lines: new TextDecoder().decode(bytes.slice(3)).split("\r\n") };
  };
  const titles = async (query: string) => (await list(query)).map((a) => a.title);

  /** Started a moment ago (minutes are closed only after the meeting began), so it is in this week. */
  const meetingStart = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 100 }, kind);
    trygg = await newBoard("focus", "Trygg hemgång");
    fall = await newBoard("focus", "Fallprevention");
    const a = await open(trygg, f.convener);
    a.transact(() => {
      addAction(a, {
        title: "Skriv rutin för överföring",
        status: "planned",
        ownerId: f.member.userId,
        organizationId: f.orgId,
        dueDate: dateIn(-3),
      });
      addAction(a, { title: "Boka utbildning", status: "in_progress", ownerId: f.member.userId, dueDate: dateIn(5) });
      addAction(a, { title: '=HYPERLINK("x");Ärende', status: "idea", ownerId: f.member2.userId, dueDate: dateIn(40) });
      addAction(a, { title: "Avslutad uppföljning", status: "done", ownerId: f.member.userId, dueDate: dateIn(-10) });
    });
    const b = await open(fall, f.convener);
    b.transact(() => {
      addAction(b, {
        title: "Balansträning på äldreboendet",
        status: "follow_up",
        ownerId: f.member2.userId,
        dueDate: dateIn(2),
      });
      addAction(b, { title: "Ärendegenomgång med hemtjänsten", status: "planned", dueDate: null });
    });
    minutesId = await newBoard("minutes", "Samverkansmöte december");
    const m = await open(minutesId, f.convener);
    const convenerId = (await f.convener.get("/api/auth/me")).body.user.id;
    m.transact(() => {
      setMeeting(m, {
        type: "collaboration",
        startsAt: meetingStart.toISOString(),
        endsAt: new Date(meetingStart.getTime() + 3600_000).toISOString(),
        place: "Vårdcentralen",
        convenerId,
        approverIds: [f.member.userId],
      });
      const item = addAgendaItem(m, { title: "Trygg hemgång", number: 7 });
      addDecision(m, item, "Gemensam rutin för överföring införs från årsskiftet.");
      const other = addAgendaItem(m, { title: "Övrigt", number: 8 });
      addDecision(m, other, "Nästa möte hålls i Fjugesta.");
    });
    await eventually(async () => expect(await list("")).toHaveLength(6));
    await eventually(async () => {
      const res = await f.member.get(`/api/workspaces/${f.workspaceId}/decisions`);
      expect(res.body.decisions).toHaveLength(2);
    });
  }, 60_000);
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("filters by owner, organisation, status, focus area, overdue, due within N days and text", async () => {
    expect(await titles("owner=me&sort=title")).toEqual([
      "Avslutad uppföljning",
      "Boka utbildning",
      "Skriv rutin för överföring",
    ]);
    expect(await titles(`owner=${f.member2.userId}&sort=title`)).toEqual([
      '=HYPERLINK("x");Ärende',
      "Balansträning på äldreboendet",
    ]);
    expect(await titles(`organization=${f.orgId}`)).toEqual(["Skriv rutin för överföring"]);
    expect(await titles("status=planned,follow_up&sort=title")).toEqual([
      "Balansträning på äldreboendet",
      "Skriv rutin för överföring",
      "Ärendegenomgång med hemtjänsten",
    ]);
    expect(await titles(`board=${fall}&sort=title`)).toEqual([
      "Balansträning på äldreboendet",
      "Ärendegenomgång med hemtjänsten",
    ]);
    expect(await titles("overdue=true")).toEqual(["Skriv rutin för överföring"]);
    // Due within a week: open actions due from today on; the overdue and the done are not "due soon".
    expect(await titles("dueWithin=7")).toEqual(["Balansträning på äldreboendet", "Boka utbildning"]);
    // Text: in the title, the focus area's title or the owner's name; case and å/ä/ö alike; % is a letter.
    expect(await titles("q=ÄRENDE&sort=title")).toEqual(['=HYPERLINK("x");Ärende', "Ärendegenomgång med hemtjänsten"]);
    expect(await titles("q=fallprev&sort=title")).toEqual([
      "Balansträning på äldreboendet",
      "Ärendegenomgång med hemtjänsten",
    ]);
    expect(await titles("q=omar&sort=title")).toEqual(['=HYPERLINK("x");Ärende', "Balansträning på äldreboendet"]);
    expect(await titles("q=%25")).toEqual([]);
    // Empty fields from a form mean "not filtered".
    expect(await list("owner=&status=&board=&q=&dueWithin=")).toHaveLength(6);
  });

  it("sorts by due date, status, focus area and title", async () => {
    expect((await list("sort=due")).map((a) => a.dueDate)).toEqual([
      dateIn(-10),
      dateIn(-3),
      dateIn(2),
      dateIn(5),
      dateIn(40),
      null,
    ]);
    expect((await list("sort=status")).map((a) => a.status)).toEqual([
      "idea",
      "planned",
      "planned",
      "in_progress",
      "follow_up",
      "done",
    ]);
    expect((await list("sort=board")).map((a) => a.boardTitle)).toEqual([
      "Fallprevention",
      "Fallprevention",
      "Trygg hemgång",
      "Trygg hemgång",
      "Trygg hemgång",
      "Trygg hemgång",
    ]);
    expect((await list("limit=2")).length).toBe(2);
  });

  it("answers bad filters with 400 naming the problem, never 500", async () => {
    const bad = async (query: string, words: RegExp) => {
      const res = await f.member.get(`/api/workspaces/${f.workspaceId}/actions?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.message, query).toMatch(words);
      const csv = await f.member.get(`/api/workspaces/${f.workspaceId}/actions.csv?${query}`);
      expect(csv.status, `csv ${query}`).toBe(400);
    };
    await bad("status=late", /Status must be one of/);
    await bad("owner=someone", /user id/);
    await bad("board=123", /board id/);
    await bad("dueWithin=-1", /at least 0/);
    await bad("dueWithin=9999", /at most 366/);
    await bad("dueWithin=soon", /number of days/);
    await bad("sort=owner", /Sort must be one of/);
    await bad(`q=${"x".repeat(201)}`, /at most 200/);
    await bad("overdue=maybe", /true or false/);
    await bad("limit=0", /at least 1/);
    await bad("lang=de", /sv or en/);
    await bad("colour=red", /colour|Unrecognized/i);
    const d = await f.member.get(`/api/workspaces/${f.workspaceId}/decisions?q=${"x".repeat(201)}`);
    expect(d.status).toBe(400);
    // Outsiders learn nothing: 404 as for any partnership one is not in.
    expect((await f.outsider.get(`/api/workspaces/${f.workspaceId}/actions.csv`)).status).toBe(404);
    expect((await f.outsider.get(`/api/workspaces/${f.workspaceId}/todo`)).status).toBe(404);
  });

  it("exports exactly the filtered list as Excel-safe CSV, headings in the reader's language", async () => {
    const { res, lines } = await csv(`/actions.csv?owner=${f.member2.userId}&sort=title`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="aktiviteter-\d{4}-\d\d-\d\d\.csv"/);
    expect(lines[0]).toBe("Aktivitet;Status;Ansvarig;Organisation;Fokusområde;Klart senast;Försenad;Aktivitets-id");
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""x""\);Ärende";Idé;Omar Fysioterapeut;;Trygg hemgång;/);
    expect(lines[2]).toMatch(
      /^Balansträning på äldreboendet;Uppföljning;Omar Fysioterapeut;;Fallprevention;\d{4}-\d\d-\d\d;nej;/,
    );
    expect(lines.slice(3)).toEqual([""]);

    const { lines: enLines } = await csv("/actions.csv?overdue=true", {
      "accept-language": "en-GB,en;q=0.9,sv;q=0.5",
    });
    expect(enLines[0]).toBe("Action;Status;Owner;Organisation;Focus area;Due;Overdue;Action id");
    expect(enLines[1]).toMatch(
      /^Skriv rutin för överföring;Planned;Eva Sjuksköterska;Lekebergs kommun;Trygg hemgång;.*;yes;/,
    );
    // ?lang= wins over the browser's languages.
    const { lines: svLines } = await csv("/actions.csv?lang=sv", { "accept-language": "en" });
    expect(svLines).toHaveLength(8);
    expect(svLines[0]).toMatch(/^Aktivitet;Status/);
  });

  it("lists decisions with § and item, filtered by text, and as CSV", async () => {
    const all = (await f.member.get(`/api/workspaces/${f.workspaceId}/decisions`)).body.decisions;
    expect(all.map((d: { paragraph: number }) => d.paragraph).sort()).toEqual([7, 8]);
    const found = (await f.member.get(`/api/workspaces/${f.workspaceId}/decisions?q=fjugesta`)).body.decisions;
    expect(found).toEqual([
      expect.objectContaining({
        boardId: minutesId,
        paragraph: 8,
        itemTitle: "Övrigt",
        text: "Nästa möte hålls i Fjugesta.",
      }),
    ]);
    const { lines } = await csv("/decisions.csv?q=rutin&lang=sv");
    expect(lines[0]).toBe("§;Mötesdatum;Möte;Punkt;Beslut");
    expect(lines[1]).toBe(
      `7;${swedishToday(meetingStart)};Samverkansmöte december;Trygg hemgång;Gemensam rutin för överföring införs från årsskiftet.`,
    );
    expect(lines).toHaveLength(3);
  });

  it("gives me a to-do list: minutes to approve, my actions due soon and overdue, this week's meetings", async () => {
    const todo = async (who: ApiClient) => {
      const res = await who.get(`/api/workspaces/${f.workspaceId}/todo`);
      expect(res.status).toBe(200);
      return res.body;
    };
    const before = await todo(f.member);
    expect(before.minutesToApprove).toEqual([]);
    expect(before.overdue.map((a: { title: string }) => a.title)).toEqual(["Skriv rutin för överföring"]);
    expect(before.dueSoon.map((a: { title: string }) => a.title)).toEqual(["Boka utbildning"]);
    expect(before.meetingsThisWeek).toEqual([
      expect.objectContaining({ boardId: minutesId, title: "Samverkansmöte december" }),
    ]);

    expect((await f.convener.post(`/api/boards/${minutesId}/minutes/close`, {})).status).toBe(200);
    expect((await todo(f.member)).minutesToApprove).toEqual([
      expect.objectContaining({ boardId: minutesId, title: "Samverkansmöte december" }),
    ]);
    // Only the named approver is asked; the others' lists stay as they were.
    expect((await todo(f.member2)).minutesToApprove).toEqual([]);
    expect((await todo(f.member2)).dueSoon.map((a: { title: string }) => a.title)).toEqual([
      "Balansträning på äldreboendet",
    ]);
    expect((await f.member.post(`/api/boards/${minutesId}/minutes/approve`, {})).status).toBe(200);
    expect((await todo(f.member)).minutesToApprove).toEqual([]);
    expect((await f.member.get(`/api/workspaces/${f.workspaceId}/todo?x=1`)).status).toBe(400);
  });
});
