/**
 * Follow-up reports over HTTP: the numbers checked against content written on the boards (goals by
 * level with status, actions per focus area and organisation, decisions of the period with §),
 * texts edited in a draft, freezing (PDF hash, verify), 409 on a frozen report, a new version and
 * the change since the previous frozen report; who may do what; Markdown, PDF and CSV answers.
 */
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { projectedGoals } from "../../server/db/schema.js";
import type { ReportView } from "../../shared/api/reports.js";
import { addAction } from "../../shared/boards/focus.js";
import { addAgendaItem, addDecision, setMeeting } from "../../shared/boards/minutes.js";
import { addGoal, readPlan, updateGoal } from "../../shared/boards/plan.js";
import { eventually } from "../helpers/eventually.js";
import { pdfText } from "../helpers/pdf-text.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe.each(databaseKinds())("follow-up reports (%s)", (kind) => {
  let f: RealtimeFixture;
  let plan: string;
  let trygg: string;
  const providers: WebsocketProvider[] = [];
  const open = async (boardId: string) => {
    const c = connectProvider(f.server.url, boardId, { cookie: f.convener.cookie });
    providers.push(c.provider);
    await synced(c.provider);
    return c.doc;
  };
  const goals = () => f.database.db.select().from(projectedGoals).where(eq(projectedGoals.workspaceId, f.workspaceId));
  const base = () => `/api/workspaces/${f.workspaceId}/reports`;
  const create = async (periodFrom: string, periodTo: string, title = "Uppföljning 2026") => {
    const res = await f.convener.post(base(), { kind: "followup", title, periodFrom, periodTo });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.report as ReportView;
  };

  beforeAll(async () => {
    f = await startRealtimeFixture({}, kind);
    const newBoard = async (k: "plan" | "focus" | "minutes", title: string) =>
      (await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: k, title })).body.board.id as string;
    plan = await newBoard("plan", "Plan för nära vård");
    trygg = await newBoard("focus", "Trygg hemgång");
    const fall = await newBoard("focus", "Fallprevention");
    const minutes = await newBoard("minutes", "Styrgrupp maj");
    const p = await open(plan);
    p.transact(() => {
      addGoal(p, { title: "Projektets mål: rutin för överföring", level: "project", status: "achieved" });
      addGoal(p, {
        title: "Ökad trygghet för äldre i hemmet",
        level: "effect",
        status: "partly_achieved",
        perspectives: ["citizen", "collaboration"],
        comment: "Mätningen på Linden visar förbättring.",
      });
      addGoal(p, { title: "Färre fall på särskilt boende", level: "effect", status: "not_achieved" });
    });
    const t = await open(trygg);
    t.transact(() => {
      addAction(t, { title: "Skriv rutin", status: "done", organizationId: f.orgId, dueDate: "2026-03-01" });
      addAction(t, {
        title: "Utbilda personal",
        status: "in_progress",
        organizationId: f.orgId,
        dueDate: "2026-02-01",
      });
      addAction(t, { title: "Följ upp", status: "planned", dueDate: "2099-01-01" });
    });
    const fa = await open(fall);
    fa.transact(() => addAction(fa, { title: "Balansträning", status: "done", dueDate: null }));
    const m = await open(minutes);
    m.transact(() => {
      setMeeting(m, { type: "steering_group", startsAt: "2026-05-12T08:00:00Z", endsAt: "2026-05-12T09:00:00Z" });
      const item = addAgendaItem(m, { title: "Uppföljning av målen", number: 4 });
      addDecision(m, item, "Styrgruppen godkänner lägesrapporten.");
    });
    await eventually(async () => {
      const d = await f.member.get(`/api/workspaces/${f.workspaceId}/decisions`);
      expect(d.body.decisions).toHaveLength(1);
      const a = await f.member.get(`/api/workspaces/${f.workspaceId}/actions`);
      expect(a.body.actions).toHaveLength(4);
      expect(await goals()).toHaveLength(3);
    });
  }, 60_000);
  afterAll(async () => {
    for (const p of providers.splice(0)) p.destroy();
    await f?.close();
  });

  it("assembles goals by level, actions per focus area and organisation, and the period's decisions", async () => {
    const r = await create("2026-01-01", "2026-12-31");
    expect(r).toMatchObject({ state: "draft", version: 1, kind: "followup" });
    const c = r.content;
    expect(c.goals.map((g) => [g.level, g.title, g.status])).toEqual([
      ["effect", "Ökad trygghet för äldre i hemmet", "partly_achieved"],
      ["effect", "Färre fall på särskilt boende", "not_achieved"],
      ["project", "Projektets mål: rutin för överföring", "achieved"],
    ]);
    expect(c.goals[0]).toMatchObject({
      perspectives: ["citizen", "collaboration"],
      justification: "Mätningen på Linden visar förbättring.",
      previousStatus: null,
    });
    expect(c.actionsByFocusArea.map((a) => [a.name, a.done, a.open, a.overdue])).toEqual([
      ["Fallprevention", 1, 0, 0],
      ["Trygg hemgång", 1, 2, 1],
    ]);
    const org = c.actionsByOrganization.find((a) => a.id === f.orgId);
    expect(org).toMatchObject({ done: 1, open: 1, overdue: 1 });
    expect(c.actionsByOrganization.find((a) => a.id === null)).toMatchObject({ done: 1, open: 1, overdue: 0 });
    expect(c.decisions).toEqual([
      {
        paragraph: 4,
        itemTitle: "Uppföljning av målen",
        text: "Styrgruppen godkänner lägesrapporten.",
        meetingTitle: "Styrgrupp maj",
        meetingDate: "2026-05-12",
      },
    ]);
    // A period without the meeting has no decisions.
    const early = await create("2026-01-01", "2026-03-31", "Första kvartalet");
    expect(early.content.decisions).toEqual([]);
  });

  it("lets members edit texts, conveners freeze; a frozen report refuses edits (409) and gets a new version", async () => {
    const r = await create("2025-01-01", "2025-12-31", "Slutrapport 2025");
    const goal = r.content.goals[1]?.key ?? "";
    const edit = await f.member.patch(`${base()}/${r.id}`, {
      summary: "Året präglades av chefsbyten i hemtjänsten.",
      goals: {
        [goal]: { justification: "Fallen minskade inte på Oxelgården.", remaining: "Balansträning året runt." },
      },
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.body.report.texts.goals[goal]).toEqual({
      justification: "Fallen minskade inte på Oxelgården.",
      remaining: "Balansträning året runt.",
    });
    expect((await f.member.patch(`${base()}/${r.id}`, { goals: { "x:y": { remaining: "?" } } })).status).toBe(404);
    expect((await f.member.post(`${base()}/${r.id}/freeze`, {})).status).toBe(403);

    const frozen = await f.convener.post(`${base()}/${r.id}/freeze`, {});
    expect(frozen.status, JSON.stringify(frozen.body)).toBe(200);
    expect(frozen.body.report.state).toBe("frozen");
    expect(frozen.body.report.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const refused = await f.member.patch(`${base()}/${r.id}`, { summary: "Ändrad" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("report_frozen");
    expect((await f.convener.post(`${base()}/${r.id}/freeze`, {})).status).toBe(409);
    expect((await f.member.get(`${base()}/${r.id}/verify`)).body).toEqual({
      ok: true,
      sha256: frozen.body.report.pdfSha256,
    });
    // The archived PDF is served as frozen: its bytes have the recorded hash.
    const pdf = await f.server.app.request(`${base()}/${r.id}/report.pdf`, {
      headers: { cookie: f.member.cookie ?? "" },
    });
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const { createHash } = await import("node:crypto");
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(frozen.body.report.pdfSha256);
    const text = await pdfText(bytes);
    expect(text).toContain("Fallen minskade inte på Oxelgården.");
    expect(text).toContain("delvis uppnått");

    const next = await f.convener.post(`${base()}/${r.id}/versions`, {});
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.report).toMatchObject({ state: "draft", version: 2, title: "Slutrapport 2025" });
    expect(next.body.report.texts.summary).toBe("Året präglades av chefsbyten i hemtjänsten.");
    expect((await f.convener.post(`${base()}/${next.body.report.id}/versions`, {})).status).toBe(409);

    // The frozen report is in the partnership's data export with the archived PDF and its hash.
    const zip = await f.server.app.request(`/api/workspaces/${f.workspaceId}/export`, {
      headers: { cookie: f.convener.cookie ?? "" },
    });
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const sums = new TextDecoder().decode(files["rapporter/SHA256SUMS.txt"]);
    expect(sums).toContain(`${frozen.body.report.pdfSha256}  001-slutrapport-2025-v1/rapport.pdf`);
    expect(files["rapporter/001-slutrapport-2025-v1/rapport.pdf"]).toEqual(bytes);
    expect(new TextDecoder().decode(files["rapporter/001-slutrapport-2025-v1/rapport.md"])).toContain(
      "Fallen minskade inte på Oxelgården.",
    );

    const audit = await f.convener.get(`/api/workspaces/${f.workspaceId}/audit?limit=50`);
    const actions = (audit.body.events ?? []).map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["report.created", "report.edited", "report.frozen", "report.versioned"]),
    );
  });

  it("reports the change in a goal's status since the previous frozen report", async () => {
    const first = await create("2027-01-01", "2027-06-30", "Halvår 1");
    expect((await f.convener.post(`${base()}/${first.id}/freeze`, {})).status).toBe(200);
    const p = await open(plan);
    const target = readPlan(p).goals.find((g) => g.title.startsWith("Färre fall"));
    p.transact(() => updateGoal(p, target?.id ?? "", { status: "partly_achieved" }));
    await eventually(async () => {
      expect((await goals()).find((g) => g.title.startsWith("Färre fall"))?.status).toBe("partly_achieved");
    });
    const second = await create("2027-07-01", "2027-12-31", "Halvår 2");
    expect(second.content.previous).toMatchObject({ id: first.id, title: "Halvår 1" });
    const fall = second.content.goals.find((g) => g.title.startsWith("Färre fall"));
    expect(fall).toMatchObject({ previousStatus: "not_achieved", status: "partly_achieved" });
    const md = await f.member.get(`${base()}/${second.id}/report.md`);
    expect(md.status).toBe(200);
    expect(md.body).toContain("inte uppnått → delvis uppnått");
  });

  it("lets observers read and nothing else; answers bad input with 4xx", async () => {
    const r = await create("2026-01-01", "2026-06-30", "Observatörens läsning");
    expect((await f.observer.get(base())).body.reports.length).toBeGreaterThan(0);
    expect((await f.observer.get(`${base()}/${r.id}`)).status).toBe(200);
    expect((await f.observer.get(`${base()}/${r.id}/report.md`)).status).toBe(200);
    expect((await f.observer.patch(`${base()}/${r.id}`, { summary: "Nej" })).status).toBe(403);
    expect(
      (await f.observer.post(base(), { kind: "final", title: "X", periodFrom: "2026-01-01", periodTo: "2026-12-31" }))
        .status,
    ).toBe(403);
    expect((await f.observer.post(`${base()}/${r.id}/freeze`, {})).status).toBe(403);
    expect(
      (await f.member.post(base(), { kind: "final", title: "X", periodFrom: "2026-01-01", periodTo: "2026-12-31" }))
        .status,
    ).toBe(403);
    expect((await f.outsider.get(base())).status).toBe(404);

    const backwards = await f.convener.post(base(), {
      kind: "final",
      title: "X",
      periodFrom: "2026-12-31",
      periodTo: "2026-01-01",
    });
    expect(backwards.status).toBe(400);
    expect(
      (await f.convener.post(base(), { kind: "annual", title: "X", periodFrom: "2026-01-01", periodTo: "2026-12-31" }))
        .status,
    ).toBe(400);
    expect((await f.member.get(`${base()}/not-a-uuid`)).status).toBe(404);
    expect((await f.member.get(`${base()}/00000000-0000-4000-8000-000000000000/report.pdf`)).status).toBe(404);
    expect((await f.member.get(`${base()}/${r.id}/report.md?lang=fi`)).status).toBe(400);
  });
});
