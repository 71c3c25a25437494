/**
 * Seeds the demo partnership into an empty instance, through the same services the API uses: the
 * admin is set up, creates the organisations and the partnership and invites the convener, who
 * invites the others and creates the boards; the admin then leaves the partnership (an instance
 * admin has no business in its content). Board content is written with the typed helpers in
 * shared/boards and stored as one update per board, then projected. The decision point and the frozen
 * follow-up report are made through their services (demo-decision.ts). Refuses when any account exists.
 */
import * as Y from "yjs";
import { passwordSchema } from "../../shared/api/auth.js";
import type { Role } from "../../shared/api/workspaces.js";
import { type BoardKind, openBoard } from "../../shared/boards/index.js";
import type { Db } from "../db/client.js";
import { createDocStore, type DocStore } from "../docs/doc-store.js";
import { AppError } from "../errors.js";
import type { Services } from "../services/index.js";
import { demoCalendar } from "./demo-calendar.js";
import { seedDecisionPoint, seedReportAndDecision } from "./demo-decision.js";
import { buildDemoDocs, type DemoIds } from "./demo-docs.js";
import { FOCUS_AREAS, type FocusKey } from "./demo-focus.js";
import { FOLLOWUP_TITLE } from "./demo-followup.js";
import { minutesTitle } from "./demo-minutes.js";
import {
  DEMO_ADMIN,
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_PEOPLE,
  DEMO_WORKSPACE,
  type DemoPersonKey,
  type OrgKey,
} from "./demo-people.js";
import { PLAN_TITLE } from "./demo-plan.js";
import { buildRoadmapDoc, ROADMAP_TITLE } from "./demo-roadmap.js";

export { DEMO_PASSWORD } from "./demo-people.js";

export interface SeedDemoDeps {
  db: Db;
  services: Services;
  /** Defaults to a store over `db`. */
  store?: DocStore;
}

export interface DemoAccount {
  key: "admin" | DemoPersonKey;
  userId: string;
  name: string;
  email: string;
  title: string;
  isAdmin: boolean;
  /** Role in the demo partnership; null for the admin, who is not a member. */
  role: Role | null;
  organization: string | null;
}

export interface DemoSummary {
  workspaceId: string;
  workspaceName: string;
  /** Every demo account's password. */
  password: string;
  accounts: DemoAccount[];
  organizations: { key: OrgKey; id: string; name: string }[];
  boards: { id: string; kind: BoardKind; title: string }[];
  boardIds: Record<BoardKind, string[]>;
  /** BP4, the follow-up report to the steering group: checklist answered, decided. */
  decisionPointId: string;
  /** The year's follow-up report, frozen. */
  reportId: string;
}

/** Seeding is for an empty instance only; nothing was changed when this is thrown. */
export class DemoSeedRefusedError extends Error {
  override name = "DemoSeedRefusedError";
  constructor() {
    super(
      "This instance already has accounts, so the demo partnership was not seeded (nothing was changed). " +
        "Seed the demo into an empty database.",
    );
  }
}

const PERSON_KEYS = Object.keys(DEMO_PEOPLE) as DemoPersonKey[];
const ORG_KEYS = Object.keys(DEMO_ORGANIZATIONS) as OrgKey[];

export async function seedDemo(deps: SeedDemoDeps): Promise<DemoSummary> {
  const { services } = deps;
  const store = deps.store ?? createDocStore(deps.db);
  passwordSchema.parse(DEMO_PASSWORD);

  if (!(await services.auth.needsSetup())) throw new DemoSeedRefusedError();
  let adminId: string;
  try {
    // Setup refuses atomically if another account appeared since the check: nothing is touched then either.
    const setup = await services.auth.setup(
      { email: DEMO_ADMIN.email, name: DEMO_ADMIN.name, password: DEMO_PASSWORD },
      null,
    );
    adminId = setup.user.id;
  } catch (error) {
    if (error instanceof AppError && error.code === "already_set_up") throw new DemoSeedRefusedError();
    throw error;
  }

  const orgs = {} as Record<OrgKey, string>;
  for (const key of ORG_KEYS) orgs[key] = (await services.organizations.create(adminId, DEMO_ORGANIZATIONS[key])).id;

  const workspace = await services.workspaces.create(adminId, DEMO_WORKSPACE);

  // People join as they would for real: by invitation, the convener first, who invites the rest.
  const users = {} as Record<DemoPersonKey, string>;
  for (const key of PERSON_KEYS) {
    const person = DEMO_PEOPLE[key];
    const inviter = key === "convener" ? adminId : users.convener;
    const invitation = await services.invitations.create(inviter, workspace.id, {
      email: person.email,
      role: person.role,
      organizationId: orgs[person.org],
    });
    const accepted = await services.invitations.accept(
      invitation.token,
      { name: person.name, password: DEMO_PASSWORD },
      null,
      null,
    );
    users[key] = accepted.user.id;
  }
  await services.members.remove({ id: adminId, role: "convener" }, workspace.id, adminId);

  const create = (kind: BoardKind, title: string) =>
    services.boards.create(users.convener, workspace.id, { kind, title });
  const calendar = demoCalendar(services.now());
  const plan = await create("plan", PLAN_TITLE);
  const focus = [] as Awaited<ReturnType<typeof create>>[];
  const focusIds = {} as Record<FocusKey, string>;
  for (const area of FOCUS_AREAS) {
    const board = await create("focus", area.title);
    focus.push(board);
    focusIds[area.key] = board.id;
  }
  const minutes = await create("minutes", minutesTitle(calendar.date(calendar.meetingDay)));
  const followup = await create("followup", FOLLOWUP_TITLE);
  const roadmap = await create("roadmap", ROADMAP_TITLE);
  // BP4 first: the roadmap's milestone names it.
  const decisionPointId = await seedDecisionPoint(services, users.convener, workspace.id, calendar);

  const ids: DemoIds = {
    users,
    orgs,
    boards: { plan: plan.id, minutes: minutes.id, focus: focusIds, followup: followup.id },
  };
  const docs = buildDemoDocs(ids, calendar);
  const roadmapDoc = new Y.Doc();
  const opened = openBoard(roadmapDoc, "roadmap");
  if (!opened.ok) throw new Error(`a new roadmap document did not open: ${opened.reason}`);
  buildRoadmapDoc(roadmapDoc, { focus: focusIds, decisionPointId }, calendar);
  docs.push({ boardId: roadmap.id, kind: "roadmap", doc: roadmapDoc });
  await store.append(
    docs.map((d) => ({ boardId: d.boardId, seq: 1, update: Y.encodeStateAsUpdate(d.doc), authorId: users.convener })),
  );
  // Creating the boards scheduled their projections; run them now, from the stored content, so
  // the actions, decisions and search are there as soon as seeding returns (the CLI exits then).
  await services.projections.flush();
  // The year's report from what was just projected, frozen; then BP4 decided on it.
  const reportId = await seedReportAndDecision(services, users.convener, workspace.id, decisionPointId, calendar);

  // Setup and accepting an invitation sign the person in; nobody is at a keyboard here.
  for (const id of [adminId, ...Object.values(users)]) await services.sessions.revokeAllFor(id);

  const boards = [plan, ...focus, minutes, followup, roadmap].map((b) => ({ id: b.id, kind: b.kind, title: b.title }));
  return {
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    password: DEMO_PASSWORD,
    accounts: [
      {
        key: "admin",
        userId: adminId,
        name: DEMO_ADMIN.name,
        email: DEMO_ADMIN.email,
        title: DEMO_ADMIN.title,
        isAdmin: true,
        role: null,
        organization: null,
      },
      ...PERSON_KEYS.map((key) => ({
        key,
        userId: users[key],
        name: DEMO_PEOPLE[key].name,
        email: DEMO_PEOPLE[key].email,
        title: DEMO_PEOPLE[key].title,
        isAdmin: false,
        role: DEMO_PEOPLE[key].role,
        organization: DEMO_ORGANIZATIONS[DEMO_PEOPLE[key].org].name,
      })),
    ],
    organizations: ORG_KEYS.map((key) => ({ key, id: orgs[key], name: DEMO_ORGANIZATIONS[key].name })),
    boards,
    boardIds: {
      plan: [plan.id],
      focus: focus.map((b) => b.id),
      minutes: [minutes.id],
      followup: [followup.id],
      roadmap: [roadmap.id],
    },
    decisionPointId,
    reportId,
  };
}

/** The accounts as a plain-text table, for the CLI and the start-up log. */
export function formatDemoAccounts(summary: DemoSummary): string {
  const rows = [
    ["account", "role in partnership", "name", "e-mail", "organisation"],
    ...summary.accounts.map((a) => [
      a.key === "physio" ? "physiotherapist" : a.key,
      a.role ?? "instance admin (not a member)",
      a.name,
      a.email,
      a.organization ?? "–",
    ]),
  ];
  const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? "").length))) ?? [];
  const lines = rows.map((r) => `  ${r.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join("  ")}`.trimEnd());
  return [
    `Demo partnership "${summary.workspaceName}" with ${summary.boards.length} boards:`,
    ...summary.boards.map((b) => `  ${b.kind.padEnd(8)}${b.title}`),
    "",
    "Accounts:",
    ...lines,
    `Password for every demo account: ${summary.password}`,
  ].join("\n");
}
