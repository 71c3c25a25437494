/** The access matrix's rows for decision points (beslutspunkter); spread into CASES. */
import type { Actor, Case, Ctx } from "./access-matrix.cases.js";

const by = (overrides: Partial<Record<Actor, number>>): Record<Actor, number> => ({
  admin: 404,
  convener: 403,
  member: 403,
  observer: 403,
  outsider: 404,
  anonymous: 401,
  ...overrides,
});
/** Observers read; members of the partnership prepare; conveners decide. */
const readers = (s: number) => by({ convener: s, member: s, observer: s });
const writers = (s: number) => by({ convener: s, member: s });
const deciders = (s: number) => by({ convener: s });

const POINT = { title: "BP4 Uppföljningsrapport", kind: "follow_up", body: "steering_group" };

async function freshPoint(ctx: Ctx, decided = false) {
  const base = `/api/workspaces/${ctx.workspaceId}/decision-points`;
  const res = await ctx.convener.post(base, { ...POINT, checklist: ["Har målen uppnåtts?"] });
  const point = res.body.decisionPoint as { id: string; checklist: { id: string }[] };
  if (decided)
    await ctx.convener.post(`${base}/${point.id}/decide`, { outcome: "approved_closed", decidedOn: "2026-12-12" });
  return { workspaceId: ctx.workspaceId, id: point.id, itemId: point.checklist[0]?.id as string };
}
const point = async (ctx: Ctx) => {
  const { workspaceId, id } = await freshPoint(ctx);
  return { workspaceId, id };
};
const decidedPoint = async (ctx: Ctx) => {
  const { workspaceId, id } = await freshPoint(ctx, true);
  return { workspaceId, id };
};

export const decisionPointCases: Record<string, Case> = {
  "GET /api/workspaces/:workspaceId/decision-points": {
    params: async (ctx) => ({ workspaceId: ctx.workspaceId }),
    expect: readers(200),
  },
  "POST /api/workspaces/:workspaceId/decision-points": {
    params: async (ctx) => ({ workspaceId: ctx.workspaceId }),
    body: () => POINT,
    invalid: { ...POINT, kind: "weekly" },
    expect: writers(201),
  },
  "GET /api/workspaces/:workspaceId/decision-points/:id": { params: point, expect: readers(200) },
  "PATCH /api/workspaces/:workspaceId/decision-points/:id": {
    params: point,
    body: () => ({ title: "BP5 Slutrapport" }),
    invalid: { title: "" },
    expect: writers(200),
  },
  "DELETE /api/workspaces/:workspaceId/decision-points/:id": { params: point, expect: writers(204) },
  "POST /api/workspaces/:workspaceId/decision-points/:id/checklist": {
    params: point,
    body: () => ({ text: "Finns en plan för 2027?" }),
    invalid: { text: "" },
    expect: writers(201),
  },
  "PATCH /api/workspaces/:workspaceId/decision-points/:id/checklist/:itemId": {
    params: (ctx) => freshPoint(ctx),
    body: () => ({ comment: "Sex av sju mål" }),
    invalid: { answer: "maybe" },
    expect: writers(200),
  },
  "DELETE /api/workspaces/:workspaceId/decision-points/:id/checklist/:itemId": {
    params: (ctx) => freshPoint(ctx),
    expect: writers(200),
  },
  "POST /api/workspaces/:workspaceId/decision-points/:id/decide": {
    params: point,
    body: () => ({ outcome: "tabled", decidedOn: "2026-12-12", note: "Bordlagd till januari" }),
    invalid: { outcome: "rejected", decidedOn: "2026-12-12" },
    expect: deciders(200),
  },
  "POST /api/workspaces/:workspaceId/decision-points/:id/reopen": {
    params: decidedPoint,
    body: () => ({ reason: "Fel datum" }),
    invalid: { reason: "" },
    expect: deciders(200),
  },
};
