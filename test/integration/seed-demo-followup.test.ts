/**
 * The demo's roadmap, decision point and follow-up report (issue 19): a färdplan by term with its
 * milestones and each focus area in the improvement cycle; BP4 to the steering group with its
 * yes/no checklist answered and a decision; the year's report compiled from the seeded data and
 * frozen, its numbers the seeded ones. All marked as example data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../server/db/client.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { type DemoSummary, seedDemo } from "../../server/seed/demo.js";
import type { Services } from "../../server/services/index.js";
import { readFollowup } from "../../shared/boards/followup.js";
import { readPlan } from "../../shared/boards/plan.js";
import { readRoadmap } from "../../shared/boards/roadmap.js";
import { ApiClient } from "../helpers/api-client.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase, databaseKinds } from "../helpers/test-database.js";

describe.each(databaseKinds())("the demo's roadmap, decision point and report on %s", (kind) => {
  let database: Database;
  let services: Services;
  let browser: () => ApiClient;
  let summary: DemoSummary;
  const docs = new Map<string, Y.Doc>();

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const built = buildTestApp(database);
    services = built.services;
    browser = () => new ApiClient(built.app);
    summary = await seedDemo({ db: database.db, services });
    const store = createDocStore(database.db);
    for (const board of summary.boards) {
      const doc = new Y.Doc();
      for (const update of (await store.load(board.id)).updates) Y.applyUpdate(doc, update);
      docs.set(board.id, doc);
    }
  }, 120_000);
  afterAll(() => database?.close());

  const roadmapId = () => summary.boardIds.roadmap[0] as string;

  it("has a roadmap by term with its milestones and every focus area in the improvement cycle", () => {
    const roadmapBoard = summary.boards.find((b) => b.kind === "roadmap");
    expect(roadmapBoard?.title).toMatch(/exempeldata/);
    const roadmap = readRoadmap(docs.get(roadmapId()) as Y.Doc);
    const terms = roadmap.phases.map((p) => p.term);
    expect(terms).toHaveLength(3);
    const year = Number(terms[2]?.slice(3));
    expect(terms).toEqual([`HT ${year - 1}`, `VT ${year}`, `HT ${year}`]);
    expect(roadmap.phases[2]?.description).toContain("Rapport skrivs");
    for (const p of roadmap.phases) {
      expect(p.description).toMatch(/^Exempeldata/);
      expect(p.activities.length).toBeGreaterThanOrEqual(3);
    }
    const titles = roadmap.milestones.map((m) => m.title);
    expect(titles).toEqual(expect.arrayContaining(["Uppföljning – ny mätning", "Rapport skrivs"]));
    const bp4 = roadmap.milestones.find((m) => m.title.startsWith("BP4"));
    expect(bp4?.decisionPointId).toBe(summary.decisionPointId);
    expect(roadmap.cycle.map((c) => c.focusBoardId).sort()).toEqual([...summary.boardIds.focus].sort());
    expect(new Set(roadmap.cycle.map((c) => c.step)).size).toBe(4);
  });

  it("has BP4 to the steering group with its checklist answered yes/no and a decision", async () => {
    const point = await services.decisionPoints.get(summary.workspaceId, summary.decisionPointId);
    expect(point.title).toMatch(/^BP4 .*exempeldata/);
    expect(point.body).toBe("steering_group");
    expect(point.checklist.length).toBeGreaterThanOrEqual(4);
    expect(point.checklist.every((c) => c.answer === "yes" || c.answer === "no")).toBe(true);
    expect(point.checklist.filter((c) => c.answer === "no").map((c) => c.comment)).toEqual([
      expect.stringContaining("Hemtjänsten"),
    ]);
    expect(point.outcome).toBe("approved_with_changes");
    expect(point.decidedOn).not.toBeNull();
    expect(point.decisionNote).toMatch(/^Exempeldata/);
  });

  it("has the year's follow-up report, frozen, with the seeded numbers", async () => {
    const report = await services.reports.get(summary.workspaceId, summary.reportId);
    expect(report.state).toBe("frozen");
    expect(report.title).toMatch(/exempeldata/);
    expect(report.texts.summary).toMatch(/^Exempeldata/);
    await expect(services.reports.verify(summary.workspaceId, summary.reportId)).resolves.toMatchObject({ ok: true });

    const c = report.content;
    // Goals: every goal of the plan, with its year-end status (the last follow-up, on or before the period's end).
    const plan = readPlan(docs.get(summary.boardIds.plan[0] as string) as Y.Doc);
    expect(c.goals.map((g) => g.title).sort()).toEqual(plan.goals.map((g) => g.title).sort());
    for (const g of plan.goals.filter((goal) => goal.history.length > 0))
      expect(c.goals.find((r) => r.title === g.title)?.status, g.title).toBe(g.history.at(-1)?.status);

    // Indicators: P-CAT's values per unit as entered on the follow-up board.
    const followup = readFollowup(docs.get(summary.boardIds.followup[0] as string) as Y.Doc);
    const pcat = followup.indicators.find((i) => i.name.includes("P-CAT"));
    const reported = c.indicators?.find((i) => i.name.includes("P-CAT"));
    const values = (reported?.units ?? []).flatMap((u) => u.values.map((v) => v.value)).sort();
    expect(values).toEqual((pcat?.values ?? []).map((v) => v.value).sort());
    expect(values).toEqual([31.5, 34.2, 37.8]);

    // BP4 was put to the steering group with this report: planned in the period, not yet decided when frozen.
    expect(c.decisionPoints?.map((p) => [p.title, p.outcome])).toEqual([[expect.stringMatching(/^BP4/), null]]);
    expect(c.decisionPoints?.[0]?.checklist.no).toBe(1);
    // The roadmap's three terms and their progress.
    expect(c.roadmap?.phases.map((p) => p.term)).toHaveLength(3);
    expect(c.roadmap?.milestones.map((m) => m.title)).toContain("Rapport skrivs");

    // Readable over HTTP by a member, the PDF with it.
    const nurse = browser();
    const email = summary.accounts.find((a) => a.key === "nurse")?.email;
    await nurse.post("/api/auth/login", { email, password: summary.password });
    const list = await nurse.get(`/api/workspaces/${summary.workspaceId}/reports`);
    expect(list.status).toBe(200);
    expect(list.body.reports.map((r: { id: string }) => r.id)).toEqual([summary.reportId]);
  });
});
