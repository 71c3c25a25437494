/** The access matrix's rows for follow-up boards (indicator values) and the goals a focus board serves; spread into CASES. */
import * as Y from "yjs";
import { docSnapshots } from "../../server/db/schema.js";
import { addIndicator, addOccasion, addUnit } from "../../shared/boards/followup.js";
import { openBoard } from "../../shared/boards/index.js";
import type { Actor, Case, Ctx } from "./access-matrix.cases.js";

const by = (overrides: Partial<Record<Actor, number>>): Record<Actor, number> => ({
  admin: 404,
  convener: 200,
  member: 200,
  observer: 200,
  outsider: 404,
  anonymous: 401,
  ...overrides,
});

const VALUE = { unitId: "linden", occasionId: "baseline", value: 38, respondents: 12 };

/** A follow-up board holding one P-CAT indicator, one unit and one occasion, stored as its snapshot. */
async function followupBoard(ctx: Ctx) {
  const res = await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/boards`, {
    kind: "followup",
    title: "Uppföljning 2026",
  });
  const boardId = res.body.board.id as string;
  const doc = new Y.Doc();
  openBoard(doc, "followup");
  addIndicator(doc, { id: "pcat", name: "P-CAT", unit: "points", min: 13, max: 52 });
  addUnit(doc, { id: "linden", name: "Linden" });
  addOccasion(doc, { id: "baseline", label: "Nollmätning", kind: "baseline", date: "2026-03-15" });
  const state = Y.encodeStateAsUpdate(doc);
  await ctx.database.db
    .insert(docSnapshots)
    .values({ boardId, seq: 0, state })
    .onConflictDoUpdate({ target: docSnapshots.boardId, set: { state } });
  return { boardId, indicatorId: "pcat" };
}

export function followupCases(): Record<string, Case> {
  return {
    "PUT /api/boards/:boardId/indicators/:indicatorId/values": {
      params: followupBoard,
      body: () => VALUE,
      invalid: { ...VALUE, value: "38" },
      expect: by({ observer: 403 }),
    },
    "GET /api/boards/:boardId/goals": {
      params: async (ctx) => {
        const res = await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/boards`, {
          kind: "focus",
          title: "Palliativ vård",
        });
        return { boardId: res.body.board.id as string };
      },
      expect: by({}),
    },
  };
}
