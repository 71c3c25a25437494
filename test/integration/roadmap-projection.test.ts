/**
 * A roadmap (färdplan) board projected into SQL for the follow-up report: phases with their span
 * (own dates, else the term's) and activity counts, milestones with their links, and the focus
 * areas' steps in the improvement cycle; rows follow edits and removals; phases are searchable.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectedCycleSteps, projectedMilestones, projectedPhases } from "../../server/db/schema.js";
import {
  addActivity,
  addMilestone,
  addPhase,
  removeRoadmapItem,
  setCycleStep,
  updateActivity,
  updateMilestone,
} from "../../shared/boards/roadmap.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";

describe("roadmap projections", () => {
  let f: RealtimeFixture;
  let convenerId: string;

  beforeAll(async () => {
    f = await startRealtimeFixture();
    convenerId = (await f.convener.get("/api/auth/me")).body.user.id as string;
  }, 60_000);
  afterAll(() => f?.close());

  it("projects phases, milestones and cycle steps, and follows changes", async () => {
    const roadmapId = await f.newBoard("roadmap");
    const focusId = await f.newBoard("focus");
    const minutesId = await f.newBoard("minutes");
    const point = "66666666-6666-4666-8666-666666666666";
    const { boardEditor } = f.server.services;
    await boardEditor.edit(roadmapId, "roadmap", convenerId, (doc) => {
      addPhase(doc, { id: "p1", title: "Nollmätning", term: "HT 2023" });
      addPhase(doc, { id: "p2", title: "Uppföljning", term: "VT 2024", startDate: "2024-02-01" });
      addActivity(doc, "p1", "Enkät till medarbetare", "a1");
      addActivity(doc, "p1", "P-CAT på Linden", "a2");
      updateActivity(doc, "p1", "a2", { done: true });
      addMilestone(doc, { id: "m1", title: "Rapport skrivs", date: "2024-12-15", meetingBoardId: minutesId });
      addMilestone(doc, { id: "m2", title: "Ny mätning" });
      setCycleStep(doc, focusId, "evaluate", "Mätning i höst");
    });
    const rows = async () => ({
      phases: await f.database.db
        .select()
        .from(projectedPhases)
        .where(eq(projectedPhases.boardId, roadmapId))
        .orderBy(projectedPhases.rank),
      milestones: await f.database.db
        .select()
        .from(projectedMilestones)
        .where(eq(projectedMilestones.boardId, roadmapId))
        .orderBy(projectedMilestones.milestoneId),
      cycle: await f.database.db.select().from(projectedCycleSteps).where(eq(projectedCycleSteps.boardId, roadmapId)),
    });
    await eventually(async () => {
      const r = await rows();
      expect(
        r.phases.map((p) => [p.phaseId, p.term, p.startsOn, p.endsOn, p.activities, p.activitiesDone, p.workspaceId]),
      ).toEqual([
        ["p1", "HT 2023", "2023-07-01", "2023-12-31", 2, 1, f.workspaceId],
        ["p2", "VT 2024", "2024-02-01", "2024-06-30", 0, 0, f.workspaceId],
      ]);
      expect(r.milestones.map((m) => [m.milestoneId, m.date, m.done, m.meetingBoardId, m.decisionPointId])).toEqual([
        ["m1", "2024-12-15", false, minutesId, null],
        ["m2", null, false, null, null],
      ]);
      expect(r.cycle.map((c) => [c.focusBoardId, c.step, c.note])).toEqual([[focusId, "evaluate", "Mätning i höst"]]);
    }, 10_000);

    const search = await f.member.get(`/api/workspaces/${f.workspaceId}/search?q=nollmätning`);
    expect(search.body.results.map((r: { entryId: string; title: string }) => [r.entryId, r.title])).toContainEqual([
      "p1",
      "HT 2023: Nollmätning",
    ]);

    await boardEditor.edit(roadmapId, "roadmap", convenerId, (doc) => {
      updateMilestone(doc, "m1", { done: true, decisionPointId: point });
      removeRoadmapItem(doc, "phases", "p2");
      removeRoadmapItem(doc, "cycle", focusId);
    });
    await eventually(async () => {
      const r = await rows();
      expect(r.phases.map((p) => p.phaseId)).toEqual(["p1"]);
      expect(r.milestones.find((m) => m.milestoneId === "m1")).toMatchObject({ done: true, decisionPointId: point });
      expect(r.cycle).toEqual([]);
    }, 10_000);
  });
});
