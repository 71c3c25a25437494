/** The access matrix's rows for follow-up reports and the steering view; spread into CASES. */
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

const PERIOD = { kind: "followup", title: "Uppföljning 2026", periodFrom: "2026-01-01", periodTo: "2026-12-31" };

export function reportCases(): Record<string, Case> {
  const ws = async (ctx: Ctx) => ({ workspaceId: ctx.workspaceId });
  /** A fresh draft for every cell, so one cell's freeze does not change the next. */
  const draft = async (ctx: Ctx) => {
    const res = await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/reports`, PERIOD);
    return { workspaceId: ctx.workspaceId, reportId: res.body.report.id as string };
  };
  const frozen = async (ctx: Ctx) => {
    const params = await draft(ctx);
    await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/reports/${params.reportId}/freeze`, {});
    return params;
  };
  return {
    "GET /api/workspaces/:workspaceId/reports": { params: ws, expect: by({}) },
    "POST /api/workspaces/:workspaceId/reports": {
      params: ws,
      body: () => PERIOD,
      invalid: { ...PERIOD, periodFrom: "2027-01-01" },
      expect: by({ convener: 201, member: 403, observer: 403 }),
    },
    "GET /api/workspaces/:workspaceId/steering": { params: ws, expect: by({}) },
    "GET /api/workspaces/:workspaceId/reports/:reportId": { params: draft, expect: by({}) },
    "PATCH /api/workspaces/:workspaceId/reports/:reportId": {
      params: draft,
      body: () => ({ summary: "Året präglades av chefsbyten." }),
      invalid: { summary: 42 },
      expect: by({ observer: 403 }),
    },
    "POST /api/workspaces/:workspaceId/reports/:reportId/freeze": {
      params: draft,
      invalid: { confirm: true },
      expect: by({ member: 403, observer: 403 }),
    },
    "POST /api/workspaces/:workspaceId/reports/:reportId/versions": {
      params: frozen,
      invalid: { from: "x" },
      expect: by({ convener: 201, member: 403, observer: 403 }),
    },
    "GET /api/workspaces/:workspaceId/reports/:reportId/verify": { params: frozen, expect: by({}) },
    "GET /api/workspaces/:workspaceId/reports/:reportId/report.md": {
      params: draft,
      invalidQueries: ["?lang=fi", "?colour=red"],
      expect: by({}),
    },
    "GET /api/workspaces/:workspaceId/reports/:reportId/report.pdf": {
      params: draft,
      invalidQueries: ["?lang=fi", "?colour=red"],
      expect: by({}),
    },
    "GET /api/workspaces/:workspaceId/reports/:reportId/indicators.csv": {
      params: draft,
      invalidQueries: ["?lang=fi", "?colour=red"],
      expect: by({}),
    },
  };
}
