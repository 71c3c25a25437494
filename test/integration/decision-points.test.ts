/**
 * Decision points (beslutspunkter) over HTTP: prepare one from a meeting's §, answer its checklist,
 * decide (conveners only), the lock after the decision, reopening, observers refused, bad input
 * answered 4xx naming the problem, the audit trail, and the header search finding them.
 */
import { and, eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { auditEvents } from "../../server/db/schema.js";
import { addAgendaItem, setMeeting } from "../../shared/boards/minutes.js";
import { eventually } from "../helpers/eventually.js";
import { createWorkspace } from "../helpers/factories.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe("decision points", () => {
  let f: RealtimeFixture;
  let minutesId: string;
  const providers: WebsocketProvider[] = [];
  const base = () => `/api/workspaces/${f.workspaceId}/decision-points`;
  const bp4 = {
    title: "BP4 Uppföljningsrapport",
    kind: "follow_up",
    body: "steering_group",
    plannedOn: "2026-12-12",
    checklist: ["Har projektets mål uppnåtts?", "Är uppföljningsrapporten godkänd av styrgruppen?"],
  };
  const create = async (extra: Record<string, unknown> = {}) => {
    const res = await f.member.post(base(), { ...bp4, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.decisionPoint;
  };
  const auditOf = (id: string) =>
    f.database.db
      .select({ action: auditEvents.action, data: auditEvents.data, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "decision_point"), eq(auditEvents.targetId, id)))
      .orderBy(auditEvents.id);

  beforeAll(async () => {
    f = await startRealtimeFixture();
    minutesId = await f.newBoard("minutes");
    const c = connectProvider(f.server.url, minutesId, { cookie: f.convener.cookie });
    providers.push(c.provider);
    await synced(c.provider);
    c.doc.transact(() => {
      setMeeting(c.doc, { startsAt: "2026-12-12T13:00:00+01:00" });
      addAgendaItem(c.doc, { id: "p7", title: "Uppföljningsrapport BP4", number: 7 });
    });
    await eventually(async () => {
      const res = await f.member.get(`/api/boards/${minutesId}`);
      expect(res.status).toBe(200);
    });
  }, 60_000);
  afterAll(async () => {
    for (const p of providers) p.destroy();
    await f?.close();
  });

  it("is created from a meeting's § with its checklist, listed and read by observers", async () => {
    const point = await eventually(() => create({ source: { boardId: minutesId, itemId: "p7" } }));
    expect(point).toMatchObject({
      title: "BP4 Uppföljningsrapport",
      kind: "follow_up",
      body: "steering_group",
      plannedOn: "2026-12-12",
      outcome: null,
      source: { boardId: minutesId, itemId: "p7", paragraph: 7, meetingTitle: "Palliativ vård" },
    });
    expect(point.checklist.map((i: { text: string; answer: string }) => [i.text, i.answer])).toEqual([
      ["Har projektets mål uppnåtts?", "unanswered"],
      ["Är uppföljningsrapporten godkänd av styrgruppen?", "unanswered"],
    ]);
    const list = await f.observer.get(base());
    expect(list.status).toBe(200);
    expect(list.body.decisionPoints.map((p: { id: string }) => p.id)).toContain(point.id);
    const one = await f.observer.get(`${base()}/${point.id}`);
    expect(one.body.decisionPoint.title).toBe("BP4 Uppföljningsrapport");
    // The meeting's date, for "§ 7, Styrgruppsmöte 12 dec", once the minutes are projected.
    await eventually(async () => {
      const res = await f.observer.get(`${base()}/${point.id}`);
      expect(res.body.decisionPoint.source.meetingStartsAt).toBe("2026-12-12T12:00:00.000Z");
    }, 10_000);
  });

  it("edits, answers the checklist, decides, locks, and reopens — every step audited", async () => {
    const point = await create();
    const edited = await f.member.patch(`${base()}/${point.id}`, { body: "other", bodyName: "Vårdsamverkansgruppen" });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.decisionPoint).toMatchObject({ body: "other", bodyName: "Vårdsamverkansgruppen" });

    const [first, second] = point.checklist;
    const yes = await f.member.patch(`${base()}/${point.id}/checklist/${first.id}`, {
      answer: "yes",
      comment: "Sex av sju mål uppnådda",
    });
    expect(yes.status).toBe(200);
    expect(yes.body.decisionPoint.checklist[0]).toMatchObject({ answer: "yes", comment: "Sex av sju mål uppnådda" });
    const added = await f.member.post(`${base()}/${point.id}/checklist`, { text: "Finns en plan för 2027?" });
    expect(added.status).toBe(201);
    expect(added.body.decisionPoint.checklist.map((i: { text: string }) => i.text)).toEqual([
      "Har projektets mål uppnåtts?",
      "Är uppföljningsrapporten godkänd av styrgruppen?",
      "Finns en plan för 2027?",
    ]);
    const removed = await f.member.delete(`${base()}/${point.id}/checklist/${second.id}`);
    expect(removed.body.decisionPoint.checklist).toHaveLength(2);

    // Members prepare; conveners decide.
    const byMember = await f.member.post(`${base()}/${point.id}/decide`, {
      outcome: "approved_closed",
      decidedOn: "2026-12-12",
    });
    expect(byMember.status).toBe(403);
    const decided = await f.convener.post(`${base()}/${point.id}/decide`, {
      outcome: "approved_with_changes",
      decidedOn: "2026-12-12",
      note: "Godkänd med ändringar i avsnitt 3.",
      source: { boardId: minutesId, itemId: "p7" },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.decisionPoint).toMatchObject({
      outcome: "approved_with_changes",
      decidedOn: "2026-12-12",
      decisionNote: "Godkänd med ändringar i avsnitt 3.",
      decidedBy: { name: expect.any(String) },
      source: { paragraph: 7 },
    });

    // Locked: no change of any kind, by anyone, until reopened.
    const attempts = [
      () => f.member.patch(`${base()}/${point.id}`, { title: "Ändrad" }),
      () => f.member.patch(`${base()}/${point.id}/checklist/${first.id}`, { answer: "no" }),
      () => f.member.post(`${base()}/${point.id}/checklist`, { text: "Ny fråga" }),
      () => f.member.delete(`${base()}/${point.id}/checklist/${first.id}`),
      () => f.member.delete(`${base()}/${point.id}`),
      () => f.convener.patch(`${base()}/${point.id}`, { title: "Ändrad" }),
      () => f.convener.post(`${base()}/${point.id}/decide`, { outcome: "tabled", decidedOn: "2026-12-13" }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("decision_point_decided");
      expect(res.body.error.message).toMatch(/reopen/);
    }

    expect((await f.member.post(`${base()}/${point.id}/reopen`, { reason: "Fel datum" })).status).toBe(403);
    const noReason = await f.convener.post(`${base()}/${point.id}/reopen`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields.reason).toBeTruthy();
    const reopened = await f.convener.post(`${base()}/${point.id}/reopen`, { reason: "Fel datum" });
    expect(reopened.status).toBe(200);
    expect(reopened.body.decisionPoint).toMatchObject({ outcome: null, decidedOn: null, decidedBy: null });
    const again = await f.convener.post(`${base()}/${point.id}/reopen`, { reason: "Igen" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("decision_point_not_decided");
    expect((await f.member.patch(`${base()}/${point.id}`, { title: "BP4 Uppföljningsrapport 2026" })).status).toBe(200);

    const trail = await auditOf(point.id);
    expect(trail.map((e) => e.action)).toEqual([
      "decision_point.created",
      "decision_point.updated",
      "decision_point.checklist_updated",
      "decision_point.checklist_added",
      "decision_point.checklist_removed",
      "decision_point.decided",
      "decision_point.reopened",
      "decision_point.updated",
    ]);
    expect(trail.find((e) => e.action === "decision_point.reopened")?.data).toMatchObject({
      reason: "Fel datum",
      withdrawn: { outcome: "approved_with_changes", decidedOn: "2026-12-12" },
    });
  });

  it("refuses observers and outsiders: 403 and 404", async () => {
    const point = await create();
    const item = point.checklist[0].id;
    const tries = [
      () => f.observer.post(base(), bp4),
      () => f.observer.patch(`${base()}/${point.id}`, { title: "X" }),
      () => f.observer.patch(`${base()}/${point.id}/checklist/${item}`, { answer: "yes" }),
      () => f.observer.post(`${base()}/${point.id}/checklist`, { text: "X" }),
      () => f.observer.delete(`${base()}/${point.id}`),
      () => f.observer.post(`${base()}/${point.id}/decide`, { outcome: "tabled", decidedOn: "2026-12-12" }),
    ];
    for (const attempt of tries) expect((await attempt()).status).toBe(403);
    expect((await f.outsider.get(base())).status).toBe(404);
    expect((await f.outsider.get(`${base()}/${point.id}`)).status).toBe(404);
    // Another partnership's point does not exist here.
    const other = await createWorkspace(f.convener, "Tredje samverkan", f.orgId);
    expect((await f.convener.get(`/api/workspaces/${other.id}/decision-points/${point.id}`)).status).toBe(404);
  });

  it("answers bad input with 4xx naming the problem", async () => {
    const bad = async (body: unknown, field: string) => {
      const res = await f.member.post(base(), body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(Object.keys(res.body.error.details.fields)).toContain(field);
      return res.body.error.message as string;
    };
    expect(await bad({ ...bp4, title: "  " }, "title")).toMatch(/title is required/i);
    expect(await bad({ ...bp4, kind: "weekly" }, "kind")).toMatch(/follow_up, final or other/);
    expect(await bad({ ...bp4, body: "other" }, "bodyName")).toMatch(/Name the body/);
    expect(await bad({ ...bp4, plannedOn: "2026-02-30" }, "plannedOn")).toMatch(/date/);
    expect(await bad({ ...bp4, checklist: [""] }, "checklist.0")).toMatch(/needs a text/);
    expect(await bad({ ...bp4, secret: 1 }, "secret")).toMatch(/Unknown field/);

    const unknownItem = await f.member.post(base(), { ...bp4, source: { boardId: minutesId, itemId: "nope" } });
    expect(unknownItem.status).toBe(400);
    expect(unknownItem.body.error.code).toBe("unknown_minutes_item");
    const focusId = await f.newBoard("focus");
    const notMinutes = await f.member.post(base(), { ...bp4, source: { boardId: focusId, itemId: "p7" } });
    expect(notMinutes.status).toBe(400);
    expect(notMinutes.body.error.code).toBe("unknown_minutes_board");

    const point = await create();
    const badAnswer = await f.member.patch(`${base()}/${point.id}/checklist/${point.checklist[0].id}`, {
      answer: "maybe",
    });
    expect(badAnswer.status).toBe(400);
    expect(badAnswer.body.error.message).toMatch(/yes, no or unanswered/);
    const empty = await f.member.patch(`${base()}/${point.id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/Nothing to change/);
    expect((await f.member.patch(`${base()}/${point.id}/checklist/not-an-id`, { answer: "yes" })).status).toBe(404);
    expect((await f.member.get(`${base()}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const badDecision = await f.convener.post(`${base()}/${point.id}/decide`, { outcome: "rejected", decidedOn: "x" });
    expect(badDecision.status).toBe(400);
    expect(Object.keys(badDecision.body.error.details.fields)).toEqual(["outcome", "decidedOn"]);
  });

  it("is found by the header search (Swedish stemming)", async () => {
    await create({ title: "BP5 Slutrapport för hemtjänsten", kind: "final", checklist: [] });
    const res = await f.observer.get(`/api/workspaces/${f.workspaceId}/search?q=slutrapporten`);
    expect(res.status).toBe(200);
    const hit = res.body.results.find((r: { kind: string }) => r.kind === "decisionPoint");
    expect(hit).toMatchObject({ title: "BP5 Slutrapport för hemtjänsten", workspaceId: f.workspaceId });
  });

  it("is part of the partnership's data export, with its checklist and decision", async () => {
    const res = await fetch(new URL(`/api/workspaces/${f.workspaceId}/export`, f.server.url), {
      headers: { cookie: f.convener.cookie ?? "" },
    });
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const file = files["beslutspunkter.json"];
    expect(file).toBeDefined();
    const json = JSON.parse(new TextDecoder().decode(file));
    expect(json.format).toBe("samverkan-decision-points/1");
    const decided = json.decisionPoints.find((p: { title: string }) => p.title === "BP4 Uppföljningsrapport 2026");
    expect(decided).toMatchObject({
      outcome: null,
      checklist: [{ answer: "yes", comment: "Sex av sju mål uppnådda" }, {}],
    });
  });
});
