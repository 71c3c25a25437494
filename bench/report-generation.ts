/**
 * Time to generate a follow-up report (issue 19): the web page's data (assembleReport: what POST
 * /api/workspaces/:id/reports stores and the page shows) and the PDF/A (renderReportPdf), over the
 * demo partnership and over one with 50 goals and 40 indicators × 10 units × 8 occasions.
 * In-process on in-memory PGlite; the HTTP layer and the PGlite child process are not in the figures.
 * Targets (issue 19): page data ≤ 300 ms, PDF ≤ 2 s. `npm run bench:report` (BENCH_REPORT_ROUNDS, default 10).
 * Named report-generation.ts because bench/report.ts is the realtime benchmark's table writer.
 *
 * Where the follow-up feature's projections (projected_indicators, projected_indicator_values,
 * projected_goal_history) are not installed, the big partnership creates them with the same
 * columns, so the figures include the indicator section either way.
 */
import { sql } from "drizzle-orm";
import { loadConfig } from "../server/config.js";
import { openDatabase } from "../server/db/client.js";
import { boards, projectedGoals, workspaces } from "../server/db/schema.js";
import { assembleReport } from "../server/reports/assemble.js";
import { renderReportPdf } from "../server/reports/render.js";
import { seedDemo } from "../server/seed/demo.js";
import { createServices } from "../server/services/index.js";
import type { ReportView } from "../shared/api/reports.js";
import { type Summary, summarize } from "./stats.js";

const ROUNDS = Number(process.env.BENCH_REPORT_ROUNDS ?? 10);

async function time(rounds: number, run: () => Promise<unknown>): Promise<Summary> {
  await run(); // warm-up: plans cached, fonts loaded
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

async function bigPartnership(db: Awaited<ReturnType<typeof openDatabase>>["db"]): Promise<string> {
  const [ws] = await db.insert(workspaces).values({ name: "Stor samverkan" }).returning({ id: workspaces.id });
  const workspaceId = ws?.id as string;
  const [plan, followup] = await db
    .insert(boards)
    .values([
      { workspaceId, kind: "plan" as const, title: "Plan" },
      { workspaceId, kind: "focus" as const, title: "Uppföljning" },
    ])
    .returning({ id: boards.id });
  const planId = plan?.id as string;
  const followupId = followup?.id as string;
  await db.insert(projectedGoals).values(
    Array.from({ length: 50 }, (_, i) => ({
      boardId: planId,
      goalId: `g${i}`,
      workspaceId,
      title: `Mål ${i}: ökad trygghet för äldre på särskilt boende`,
      level: i % 3 === 0 ? "effect" : "project",
      status: ["achieved", "partly_achieved", "not_achieved"][i % 3] as string,
      perspectives: ["citizen"],
      comment: "Motivering med å, ä och ö. ".repeat(4),
      rank: `a${String(i).padStart(3, "0")}`,
    })),
  );
  await db.execute(sql`create table if not exists projected_indicators (board_id uuid not null, indicator_id text not null,
    workspace_id uuid not null, name text not null, unit text not null, unit_label text not null, direction text not null,
    target double precision, range_min double precision, range_max double precision, method text not null,
    goals jsonb not null, focus_board_ids uuid[] not null, rank text not null, example boolean not null)`);
  await db.execute(sql`create table if not exists projected_indicator_values (board_id uuid not null, value_key text not null,
    workspace_id uuid not null, indicator_id text not null, unit_id text not null, unit_name text not null,
    organization_id uuid, occasion_id text not null, occasion_label text not null, occasion_kind text not null,
    occasion_date date not null, value double precision not null, respondents integer, entered_by uuid,
    entered_at timestamptz not null, example boolean not null)`);
  for (let i = 0; i < 40; i++) {
    await db.execute(sql`insert into projected_indicators (board_id, indicator_id, workspace_id, name, unit, unit_label,
      direction, target, range_min, range_max, method, goals, focus_board_ids, rank, example)
      values (${followupId}, ${`i${i}`}, ${workspaceId}, ${`Indikator ${i} (P-CAT)`}, 'pcat', 'poäng', 'higher', 40, 13, 52,
        'P-CAT, 13 frågor, 13–52', '[]', '{}', ${`a${String(i).padStart(3, "0")}`}, true)`);
    const rows = [];
    for (let u = 0; u < 10; u++)
      for (let o = 0; o < 8; o++)
        rows.push(
          sql`(${followupId}, ${`i${i}/u${u}/o${o}`}, ${workspaceId}, ${`i${i}`}, ${`u${u}`}, ${`Enhet ${u} Östergården`},
            ${`o${o}`}, ${o === 0 ? "Baslinje" : `Uppföljning ${o}`}, ${o === 0 ? "baseline" : "follow_up"},
            ${`2026-${String(o + 1).padStart(2, "0")}-15`}, ${20 + ((i * 7 + u * 3 + o * 2) % 30)}, ${5 + u}, now(), true)`,
        );
    await db.execute(sql`insert into projected_indicator_values (board_id, value_key, workspace_id, indicator_id, unit_id,
      unit_name, occasion_id, occasion_label, occasion_kind, occasion_date, value, respondents, entered_at, example)
      values ${sql.join(rows, sql`, `)}`);
  }
  return workspaceId;
}

export async function measureReportGeneration() {
  const database = await openDatabase({ kind: "pglite-memory" });
  await database.migrate();
  const { db } = database;
  const loaded = loadConfig({ SEED_DEMO: "false" });
  if (!loaded.ok) throw new Error(loaded.problems.join("; "));
  const services = createServices(db, loaded.config);
  try {
    const demo = await seedDemo({ db, services });
    const big = await bigPartnership(db);
    const rows: { partnership: string; case: string; ms: Summary; detail: string }[] = [];
    for (const [name, workspaceId] of [
      ["demo", demo.workspaceId],
      ["50 goals, 40 indicators × 10 units × 8 occasions", big],
    ] as const) {
      const generate = () =>
        assembleReport(db, {
          workspaceId,
          periodFrom: "2026-01-01",
          periodTo: "2026-12-31",
          today: "2026-12-31",
          now: new Date("2026-12-31T12:00:00Z"),
          previous: null,
        });
      const content = await generate();
      const view: ReportView = {
        id: "00000000-0000-4000-8000-000000000000",
        kind: "followup",
        title: "Bänkrapport",
        periodFrom: "2026-01-01",
        periodTo: "2026-12-31",
        version: 1,
        state: "draft",
        createdAt: content.generatedAt,
        frozenAt: null,
        pdfSha256: null,
        content,
        texts: { summary: "Sammanfattning.", goals: {} },
      };
      let bytes = 0;
      rows.push({
        partnership: name,
        case: "web page data (assemble)",
        ms: await time(ROUNDS, generate),
        detail: `${content.goals.length} goals, ${content.indicators?.length ?? 0} indicators`,
      });
      rows.push({
        partnership: name,
        case: "PDF/A",
        ms: await time(Math.max(1, Math.ceil(ROUNDS / 3)), async () => {
          bytes = (await renderReportPdf(view)).length;
        }),
        detail: `${Math.round(bytes / 1024)} KB`,
      });
    }
    return rows;
  } finally {
    await database.close();
  }
}

export type ReportGenerationRow = Awaited<ReturnType<typeof measureReportGeneration>>[number];

/** The rows as a Markdown table with the issue's targets (npm run bench and npm run bench:report). */
export function reportGenerationMarkdown(rows: ReportGenerationRow[]): string {
  const lines = ["| partnership | case | p50 ms | p99 ms | max ms | target | |", "|---|---|---|---|---|---|---|"];
  for (const r of rows) {
    const target = r.case === "PDF/A" ? "≤ 2000 ms" : "≤ 300 ms";
    lines.push(
      `| ${r.partnership} | ${r.case} | ${r.ms.p50.toFixed(1)} | ${r.ms.p99.toFixed(1)} | ${r.ms.max.toFixed(1)} | ${target} | ${r.detail} |`,
    );
  }
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  measureReportGeneration()
    .then((rows) => {
      console.log(`Follow-up report generation, ${ROUNDS} rounds (PDF: a third of them), in-process PGlite:\n`);
      console.log(reportGenerationMarkdown(rows));
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
