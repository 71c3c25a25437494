/**
 * The access matrix's rows: every API route, what each kind of caller gets, and the bodies, params
 * and bad input to try. The runner is access-matrix.test.ts.
 */
import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import type { Database } from "../../server/db/client.js";
import { boardVersions } from "../../server/db/schema.js";
import { packState } from "../../server/history/state-codec.js";
import type { ApiClient } from "../helpers/api-client.js";
import { createWorkspace, inviteAndJoin, PASSWORD, uniqueEmail } from "../helpers/factories.js";
import { adminCases } from "./access-matrix.admin.js";
import { decisionPointCases } from "./access-matrix.decision-points.js";
import { followupCases } from "./access-matrix.followup.js";
import { notificationCases } from "./access-matrix.notifications.js";
import { reportCases } from "./access-matrix.reports.js";

export const ACTORS = ["admin", "convener", "member", "observer", "outsider", "anonymous"] as const;
export type Actor = (typeof ACTORS)[number];

export interface Ctx {
  database: Database;
  workspaceId: string;
  orgId: string;
  convener: ApiClient;
  admin: ApiClient;
  spare(): Promise<{ email: string; userId: string }>;
}
export interface Case {
  params?: (ctx: Ctx) => Promise<Record<string, string>>;
  body?: (ctx: Ctx, actor: Actor) => Promise<unknown> | unknown;
  /** A body that must be refused with 400 for a caller who is allowed. */
  invalid?: unknown;
  /** Headers sent with every request of this row (a raw upload's content type). */
  headers?: Record<string, string>;
  /** Query string sent with every request of this row, e.g. "?q=vård". */
  query?: string;
  /** Query strings that must be refused with 400 for a caller who is allowed. */
  invalidQueries?: string[];
  expect: Record<Actor, number>;
}

const signedIn = (status: number) => ({
  admin: status,
  convener: status,
  member: status,
  observer: status,
  outsider: status,
  anonymous: 401,
});
const adminOnly = (status: number) => ({
  admin: status,
  convener: 403,
  member: 403,
  observer: 403,
  outsider: 403,
  anonymous: 401,
});
const readers = (status: number) => ({
  admin: 404,
  convener: status,
  member: status,
  observer: status,
  outsider: 404,
  anonymous: 401,
});
const conveners = (status: number) => ({
  admin: 404,
  convener: status,
  member: 403,
  observer: 403,
  outsider: 404,
  anonymous: 401,
});
const everyone = (status: number) => ({
  admin: status,
  convener: status,
  member: status,
  observer: status,
  outsider: status,
  anonymous: status,
});

async function freshBoard(ctx: Ctx) {
  const res = await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/boards`, {
    kind: "focus",
    title: "Växelvård",
  });
  return res.body.board.id as string;
}
async function freshMinutes(ctx: Ctx) {
  const res = await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/boards`, {
    kind: "minutes",
    title: "Samverkansmöte november",
  });
  return { boardId: res.body.board.id as string };
}
async function freshInvitation(ctx: Ctx) {
  const res = await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/invitations`, {
    email: uniqueEmail("inbjuden"),
    role: "member",
    organizationId: ctx.orgId,
  });
  return res.body as { id: string; token: string };
}
async function freshMember(ctx: Ctx) {
  return (await inviteAndJoin(ctx.convener, ctx.workspaceId, "member", ctx.orgId)).user.id;
}
/** An invitation addressed to the member of the matrix's partnership, to a partnership of the admin's. */
async function invitationForMember(ctx: Ctx) {
  const other = await createWorkspace(ctx.admin, "Inbjudande samverkan");
  const res = await ctx.admin.post(`/api/workspaces/${other.id}/invitations`, {
    email: emails.member,
    role: "observer",
    organizationId: ctx.orgId,
  });
  return { invitationId: res.body.id as string };
}
const ws = async (ctx: Ctx) => ({ workspaceId: ctx.workspaceId });
/** A fresh focus board with one (empty) version in its history, which added card "a1". */
async function freshVersion(ctx: Ctx) {
  const boardId = await freshBoard(ctx);
  const [row] = await ctx.database.db
    .insert(boardVersions)
    .values({
      boardId,
      seq: 1,
      state: await packState(Y.encodeStateAsUpdateV2(new Y.Doc())),
      authorIds: [null],
      changes: [{ by: null, kind: "added", itemId: "a1", itemType: "action", title: "Växelvård", status: "idea" }],
      startedAt: new Date(),
      endedAt: new Date(),
      open: false,
    })
    .returning({ id: boardVersions.id });
  return { boardId, versionId: row?.id as string };
}

/** Who signs in as each actor: the runner fills in the addresses of the people it creates. */
export const emails: Record<Exclude<Actor, "anonymous">, string> = {
  admin: "admin@lekeberg.example.se",
  convener: "",
  member: "",
  observer: "",
  outsider: "",
};

export const CASES: Record<string, Case> = {
  "GET /healthz": { expect: everyone(200) },
  "GET /readyz": { expect: everyone(200) },
  // Opened by METRICS_TOKEN, never by a session: without a token configured it does not exist (metrics.test.ts).
  "GET /metrics": { expect: everyone(404) },
  "GET /api/auth/setup": { expect: everyone(200) },
  "GET /api/auth/methods": { expect: everyone(200) },
  // Without OIDC_ISSUER both lead back to the sign-in page (test/integration/oidc.test.ts has the rest).
  "GET /api/auth/oidc/start": { expect: everyone(302) },
  "GET /api/auth/oidc/callback": { expect: everyone(302) },
  "POST /api/auth/setup": {
    body: () => ({ email: uniqueEmail("x"), name: "X", password: PASSWORD }),
    invalid: { email: "x" },
    expect: everyone(409),
  },
  "POST /api/auth/login": {
    body: (_ctx, actor) => ({
      email: actor === "anonymous" ? "admin@lekeberg.example.se" : emails[actor],
      password: PASSWORD,
    }),
    invalid: { email: 5, password: [] },
    expect: everyone(200),
  },
  "POST /api/auth/logout": { expect: signedIn(204) },
  "GET /api/auth/me": { expect: signedIn(200) },
  "GET /api/organizations": { expect: signedIn(200) },
  "POST /api/organizations": {
    body: () => ({ name: `Org ${randomUUID()}` }),
    invalid: { name: "" },
    expect: adminOnly(201),
  },
  ...adminCases(),
  "GET /api/workspaces": { expect: signedIn(200) },
  "POST /api/workspaces": {
    body: () => ({ name: "Ny samverkan" }),
    invalid: { name: "x".repeat(201) },
    expect: signedIn(201),
  },
  "GET /api/workspaces/:workspaceId": { params: ws, expect: readers(200) },
  "PATCH /api/workspaces/:workspaceId": {
    params: ws,
    body: () => ({ description: "Ny beskrivning" }),
    invalid: {},
    expect: conveners(200),
  },
  "GET /api/workspaces/:workspaceId/members": { params: ws, expect: readers(200) },
  "POST /api/workspaces/:workspaceId/members": {
    params: ws,
    body: async (ctx) => ({ email: (await ctx.spare()).email, role: "member", organizationId: ctx.orgId }),
    invalid: { email: "someone@example.se", role: "king", organizationId: randomUUID() },
    // An invitation, whether or not the address has an account (membership needs consent).
    expect: conveners(202),
  },
  "GET /api/workspaces/:workspaceId/members/open-actions": { params: ws, expect: conveners(200) },
  "POST /api/workspaces/:workspaceId/members/:userId/handover": {
    params: async (ctx) => ({ workspaceId: ctx.workspaceId, userId: await freshMember(ctx) }),
    body: async (ctx) => ({ to: await freshMember(ctx) }),
    invalid: { to: "someone" },
    expect: conveners(200),
  },
  "PATCH /api/workspaces/:workspaceId/members/:userId": {
    params: async (ctx) => ({ workspaceId: ctx.workspaceId, userId: await freshMember(ctx) }),
    body: () => ({ role: "observer" }),
    invalid: { role: "observer", extra: true },
    expect: conveners(200),
  },
  "DELETE /api/workspaces/:workspaceId/members/:userId": {
    params: async (ctx) => ({ workspaceId: ctx.workspaceId, userId: await freshMember(ctx) }),
    expect: conveners(204),
  },
  "GET /api/workspaces/:workspaceId/invitations": { params: ws, expect: conveners(200) },
  "POST /api/workspaces/:workspaceId/invitations": {
    params: ws,
    body: (ctx) => ({ email: uniqueEmail("ny"), role: "observer", organizationId: ctx.orgId }),
    invalid: { email: "not-an-address", role: "observer" },
    expect: conveners(201),
  },
  "DELETE /api/workspaces/:workspaceId/invitations/:invitationId": {
    params: async (ctx) => ({ workspaceId: ctx.workspaceId, invitationId: (await freshInvitation(ctx)).id }),
    expect: conveners(204),
  },
  "GET /api/workspaces/:workspaceId/boards": { params: ws, expect: readers(200) },
  "POST /api/workspaces/:workspaceId/boards": {
    params: ws,
    body: () => ({ kind: "minutes", title: "Samverkansmöte 12 november" }),
    invalid: { kind: "wiki", title: "x" },
    expect: conveners(201),
  },
  "GET /api/workspaces/:workspaceId/actions": {
    params: ws,
    query: "?owner=me&status=planned,in_progress&overdue=false",
    invalidQueries: ["?status=someday", "?owner=nobody", "?overdue=yes", "?organization=x", "?colour=red"],
    expect: readers(200),
  },
  "GET /api/workspaces/:workspaceId/decisions": {
    params: ws,
    query: "?limit=10",
    invalidQueries: ["?limit=0", "?limit=many", "?limit=100000"],
    expect: readers(200),
  },
  "GET /api/workspaces/:workspaceId/actions.csv": {
    params: ws,
    query: "?owner=me&dueWithin=14&q=rutin&sort=title&lang=en",
    invalidQueries: ["?dueWithin=-1", "?sort=owner", "?lang=de", `?q=${"a".repeat(201)}`, "?colour=red"],
    expect: readers(200),
  },
  "GET /api/workspaces/:workspaceId/decisions.csv": {
    params: ws,
    query: "?q=rutin",
    invalidQueries: ["?lang=fi", `?q=${"a".repeat(201)}`, "?colour=red"],
    expect: readers(200),
  },
  "GET /api/workspaces/:workspaceId/todo": {
    params: ws,
    invalidQueries: ["?mine=true"],
    expect: readers(200),
  },
  "GET /api/workspaces/:workspaceId/search": {
    params: ws,
    query: "?q=palliativ",
    invalidQueries: ["", "?q=", "?q=%20%20", `?q=${"a".repeat(201)}`, "?q=vård&limit=-1"],
    expect: readers(200),
  },
  "GET /api/workspaces/:workspaceId/overview": { params: ws, expect: readers(200) },
  "GET /api/boards/:boardId": { params: async (ctx) => ({ boardId: await freshBoard(ctx) }), expect: readers(200) },
  "PATCH /api/boards/:boardId": {
    params: async (ctx) => ({ boardId: await freshBoard(ctx) }),
    body: () => ({ title: "Korttidsboende" }),
    invalid: { title: 42 },
    expect: conveners(200),
  },
  "DELETE /api/boards/:boardId": {
    params: async (ctx) => ({ boardId: await freshBoard(ctx) }),
    expect: conveners(204),
  },
  // Minutes approval: who may try each step. The boards are fresh drafts without a date or
  // approvers, so those allowed get the state's 409 and the rest are refused before that.
  "GET /api/boards/:boardId/history": {
    params: async (ctx) => ({ boardId: (await freshVersion(ctx)).boardId }),
    invalidQueries: ["?limit=0", "?before=igår"],
    expect: readers(200),
  },
  "GET /api/boards/:boardId/history/:versionId": {
    params: freshVersion,
    invalidQueries: ["?x=1"],
    expect: readers(200),
  },
  "POST /api/boards/:boardId/history/:versionId/restore": {
    params: freshVersion,
    invalid: { force: true },
    expect: { admin: 404, convener: 200, member: 200, observer: 403, outsider: 404, anonymous: 401 },
  },
  "GET /api/boards/:boardId/items/:itemId/history": {
    params: async (ctx) => ({ boardId: (await freshVersion(ctx)).boardId, itemId: "a1" }),
    invalidQueries: ["?x=1"],
    expect: readers(200),
  },
  "GET /api/boards/:boardId/minutes": { params: freshMinutes, expect: readers(200) },
  "POST /api/boards/:boardId/minutes/close": { params: freshMinutes, invalid: { force: true }, expect: conveners(409) },
  "POST /api/boards/:boardId/minutes/reopen": { params: freshMinutes, invalid: { x: 1 }, expect: conveners(409) },
  "POST /api/boards/:boardId/minutes/approve": { params: freshMinutes, invalid: { x: 1 }, expect: readers(409) },
  "POST /api/boards/:boardId/minutes/seal": { params: freshMinutes, invalid: { x: 1 }, expect: conveners(409) },
  "POST /api/boards/:boardId/minutes/addendum": { params: freshMinutes, invalid: { x: 1 }, expect: conveners(409) },
  "PUT /api/boards/:boardId/minutes/registration-number": {
    params: freshMinutes,
    body: () => ({ registrationNumber: "KS 2026/17" }),
    invalid: { registrationNumber: "x".repeat(101) },
    expect: readers(409),
  },
  "GET /api/boards/:boardId/minutes/sealed/:kind": {
    params: async (ctx) => ({ ...(await freshMinutes(ctx)), kind: "pdf" }),
    expect: readers(409),
  },
  "GET /api/boards/:boardId/meeting.ics": { params: freshMinutes, expect: readers(409) },
  "GET /api/workspaces/:workspaceId/minutes/next-number": {
    params: ws,
    query: "?year=2026",
    invalidQueries: ["", "?year=abc", "?year=1999", "?year=2026&board=nope", "?year=2026&extra=1"],
    expect: readers(200),
  },
  // A file checked against the archive is sent raw; its own refusals are in minutes-archive.test.ts.
  "POST /api/workspaces/:workspaceId/minutes/verify": {
    params: ws,
    body: () => "%PDF-1.7 inte ett förseglat protokoll",
    headers: { "content-type": "application/octet-stream" },
    expect: readers(200),
  },
  "GET /api/workspaces/:workspaceId/minutes/chain": { params: ws, expect: readers(200) },
  "GET /api/workspaces/:workspaceId/meetings.ics": { params: ws, expect: readers(200) },
  "POST /api/workspaces/:workspaceId/calendar-feed": { params: ws, invalid: { x: 1 }, expect: readers(201) },
  "DELETE /api/workspaces/:workspaceId/calendar-feed": { params: ws, expect: readers(204) },
  // The händelselogg and the data export: conveners, and the instance admin for any partnership.
  "GET /api/workspaces/:workspaceId/audit": {
    params: ws,
    invalidQueries: ["?limit=0", "?from=2026-13-01", "?person=x", "?cursor=abc", "?unknown=1"],
    expect: { ...conveners(200), admin: 200 },
  },
  "GET /api/workspaces/:workspaceId/audit/filters": {
    params: ws,
    invalidQueries: ["?person=x"],
    expect: { ...conveners(200), admin: 200 },
  },
  "GET /api/workspaces/:workspaceId/audit/csv": {
    params: ws,
    invalidQueries: ["?lang=de", "?from=igår"],
    expect: { ...conveners(200), admin: 200 },
  },
  "GET /api/workspaces/:workspaceId/export": {
    params: ws,
    invalidQueries: ["?format=tar"],
    expect: { ...conveners(200), admin: 200 },
  },
  "GET /api/audit": { invalidQueries: ["?limit=x", "?to=yesterday", "?workspace=x"], expect: adminOnly(200) },
  "GET /api/audit/filters": { invalidQueries: ["?x=1"], expect: adminOnly(200) },
  "GET /api/audit/csv": { invalidQueries: ["?lang=fi"], expect: adminOnly(200) },
  // The secret link is the credential: anyone holding it gets the feed, nobody else.
  "GET /calendar/:file": {
    params: async (ctx) => {
      const res = await ctx.convener.post(`/api/workspaces/${ctx.workspaceId}/calendar-feed`, {});
      return { file: (res.body.url as string).split("/").at(-1) as string };
    },
    expect: everyone(200),
  },
  "GET /api/invitations/:token": {
    params: async (ctx) => ({ token: (await freshInvitation(ctx)).token }),
    expect: everyone(200),
  },
  "POST /api/invitations/:token/accept": {
    params: async (ctx) => ({ token: (await freshInvitation(ctx)).token }),
    body: () => ({ name: "Ny Person", password: PASSWORD }),
    invalid: { name: "Ny Person", password: "short" },
    // Signed in as someone else than the invited address: refused, and told to sign out first.
    expect: { admin: 403, convener: 403, member: 403, observer: 403, outsider: 403, anonymous: 201 },
  },
  // Whoever holds the link may decline it, as they could accept it.
  "POST /api/invitations/:token/decline": {
    params: async (ctx) => ({ token: (await freshInvitation(ctx)).token }),
    invalid: { reason: "no" },
    expect: everyone(204),
  },
  "GET /api/me/invitations": { expect: signedIn(200) },
  // Only the person the invitation is addressed to answers it; to anyone else it does not exist.
  "POST /api/me/invitations/:invitationId/accept": {
    params: invitationForMember,
    invalid: { name: "Someone" },
    expect: { admin: 404, convener: 404, member: 201, observer: 404, outsider: 404, anonymous: 401 },
  },
  "POST /api/me/invitations/:invitationId/decline": {
    params: invitationForMember,
    invalid: { reason: "no" },
    expect: { admin: 404, convener: 404, member: 204, observer: 404, outsider: 404, anonymous: 401 },
  },
  ...notificationCases(emails),
  ...decisionPointCases,
  ...reportCases(),
  ...followupCases(),
};
