/**
 * The actions page's query (server/services/content-queries.ts `actions`, what GET
 * /api/workspaces/:id/actions runs) and its CSV (routes/my-work.ts), timed over the demo
 * partnership and over one with 10 000 actions in projected_actions (10 focus areas, 40 owners,
 * 4 organisations, random statuses and due dates). In-process on in-memory PGlite, seeded: the
 * same data on every run; the HTTP layer and the PGlite child process are not in the figures.
 * Standalone: `npx tsx bench/actions-query.ts`; in `npm run bench` unless BENCH_ACTIONS_QUERY=0.
 */

import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/client.js";
import { boards, organizations, projectedActions, users, workspaces } from "../server/db/schema.js";
import { actionsCsv } from "../server/records/my-work-csv.js";
import { seedDemo } from "../server/seed/demo.js";
import { type ActionFilter, addDays, swedishToday } from "../server/services/content-queries.js";
import { createServices } from "../server/services/index.js";
import { ACTION_SORTS, type ActionSort, CSV_MAX } from "../shared/api/my-work.js";
import { ACTION_STATUSES } from "../shared/boards/vocabulary.js";
import { type Summary, summarize } from "./stats.js";

const ROUNDS = Number(process.env.BENCH_ACTIONS_ROUNDS ?? 60);
const BIG = Number(process.env.BENCH_ACTIONS_COUNT ?? 10_000);
const WORDS = ["rutin", "hemgång", "läkemedel", "vårdplan", "anhöriga", "fallrisk", "samtal", "utbildning", "Ärende"];

export interface ActionsQueryRow {
  partnership: string;
  case: string;
  rows: number;
  ms: Summary;
}

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

async function time(run: () => Promise<number>): Promise<{ rows: number; ms: Summary }> {
  let rows = 0;
  for (let i = 0; i < 5; i++) rows = await run(); // warm-up: plans cached, pages in memory
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    rows = await run();
    samples.push(performance.now() - started);
  }
  return { rows, ms: summarize(samples) };
}

export async function measureActionsQuery(): Promise<ActionsQueryRow[]> {
  const database = await openDatabase({ kind: "pglite-memory" });
  await database.migrate();
  const { db } = database;
  const loaded = loadConfig({ SEED_DEMO: "false" });
  if (!loaded.ok) throw new Error(loaded.problems.join("; "));
  const services = createServices(db, loaded.config);
  try {
    const demo = await seedDemo({ db, services });
    const demoOwner = demo.accounts.find((a) => a.role === "member")?.userId as string;

    const rand = random(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
    const [ws] = await db.insert(workspaces).values({ name: "Stor samverkan" }).returning({ id: workspaces.id });
    const workspaceId = ws?.id as string;
    const people = await db
      .insert(users)
      .values(
        Array.from({ length: 40 }, (_, i) => ({ email: `p${i}@bench.se`, name: `Person ${i}`, passwordHash: "x" })),
      )
      .returning({ id: users.id });
    const orgs = await db
      .insert(organizations)
      .values(Array.from({ length: 4 }, (_, i) => ({ name: `Bänkorganisation ${i}` })))
      .returning({ id: organizations.id });
    const areas = await db
      .insert(boards)
      .values(
        Array.from({ length: 10 }, (_, i) => ({ workspaceId, kind: "focus" as const, title: `Fokusområde ${i}` })),
      )
      .returning({ id: boards.id });
    const today = swedishToday(new Date());
    const rows = Array.from({ length: BIG }, (_, i) => ({
      boardId: pick(areas).id,
      actionId: `a${i}`,
      workspaceId,
      title: `${pick(WORDS)} ${pick(WORDS)} ${i}`,
      status: pick(ACTION_STATUSES),
      rank: String(i).padStart(6, "0"),
      ownerId: rand() < 0.9 ? pick(people).id : null,
      organizationId: rand() < 0.7 ? pick(orgs).id : null,
      dueDate: rand() < 0.85 ? addDays(today, Math.floor(rand() * 240) - 60) : null,
    }));
    for (let i = 0; i < rows.length; i += 1000) await db.insert(projectedActions).values(rows.slice(i, i + 1000));
    await db.execute("analyze");

    const { content } = services;
    const list =
      (id: string, filter: ActionFilter, limit = 500) =>
      async () =>
        (await content.actions(id, filter, limit)).length;
    const csv = (id: string) => async () => {
      const found = await content.actions(id, { sort: "due" }, CSV_MAX);
      actionsCsv(found, "sv");
      return found.length;
    };
    const cases: [string, string, () => Promise<number>][] = [
      ["demo", "list, sorted by due date (page limit 500)", list(demo.workspaceId, {})],
      ["demo", "my actions (owner)", list(demo.workspaceId, { ownerId: demoOwner })],
      ["demo", "CSV of every action", csv(demo.workspaceId)],
      [`${BIG}`, "list, sorted by due date (page limit 500)", list(workspaceId, {})],
      ...ACTION_SORTS.filter((s) => s !== "due").map((sort: ActionSort): [string, string, () => Promise<number>] => [
        `${BIG}`,
        `list, sort=${sort}`,
        list(workspaceId, { sort }),
      ]),
      [`${BIG}`, "one owner", list(workspaceId, { ownerId: people[3]?.id as string })],
      [`${BIG}`, "overdue", list(workspaceId, { overdue: true })],
      [`${BIG}`, "due within 14 days", list(workspaceId, { dueWithin: 14 })],
      [`${BIG}`, "free text “rutin”", list(workspaceId, { q: "rutin" })],
      [
        `${BIG}`,
        "status + focus area + organisation",
        list(workspaceId, {
          status: ["planned", "in_progress"],
          board: areas[2]?.id as string,
          organization: orgs[1]?.id as string,
        }),
      ],
      [`${BIG}`, "page limit 1000", list(workspaceId, {}, 1000)],
      [`${BIG}`, "CSV of every action", csv(workspaceId)],
    ];
    const out: ActionsQueryRow[] = [];
    for (const [partnership, name, run] of cases) out.push({ partnership, case: name, ...(await time(run)) });
    return out;
  } finally {
    await services.projections.flush();
    await database.close();
  }
}

export function actionsQueryMarkdown(rows: ActionsQueryRow[]): string {
  const f = (n: number) => n.toFixed(1);
  return [
    "| Partnership | Query | Rows | p50 ms | p99 ms | max ms |",
    "|---|---|---:|---:|---:|---:|",
    ...rows.map(
      (r) => `| ${r.partnership} | ${r.case} | ${r.rows} | ${f(r.ms.p50)} | ${f(r.ms.p99)} | ${f(r.ms.max)} |`,
    ),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  measureActionsQuery().then(
    (rows) => {
      console.log(`Actions page query, ${ROUNDS} rounds each (in-process PGlite):\n${actionsQueryMarkdown(rows)}`);
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
