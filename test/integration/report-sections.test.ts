/**
 * The report's pluggable sections against the projections other features own (issue 19: goals'
 * status history and indicators from followup boards, phases and milestones from roadmap boards).
 * Without those tables the sections are null and the report still assembles; with them (created
 * here with the columns those features project, if they are not installed) the report reads the
 * status in force at the period's end, the values per unit up to it, and the roadmap's progress.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { assembleReport } from "../../server/reports/assemble.js";
import { rowsOf } from "../../server/reports/rows.js";
import { steeringView } from "../../server/reports/steering.js";
import { createTestDatabase, databaseKinds } from "../helpers/test-database.js";

const PLAN = "00000000-0000-4000-8000-0000000000a1";
const FOLLOWUP = "00000000-0000-4000-8000-0000000000a2";
const ROADMAP = "00000000-0000-4000-8000-0000000000a3";
const WS = "00000000-0000-4000-8000-0000000000b1";

describe.each(databaseKinds())("report sections (%s)", (kind) => {
  let database: Database;
  const input = (periodTo: string) => ({
    workspaceId: WS,
    periodFrom: "2023-01-01",
    periodTo,
    today: "2024-02-01",
    now: new Date("2024-02-01T10:00:00Z"),
    previous: null,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database;
    await db.execute(sql`insert into workspaces (id, name) values (${WS}, 'Lekebergs samverkan')`);
    await db.execute(sql`insert into boards (id, workspace_id, kind, title) values
      (${PLAN}, ${WS}, 'plan', 'Plan'), (${FOLLOWUP}, ${WS}, 'focus', 'Uppföljning'), (${ROADMAP}, ${WS}, 'focus', 'Färdplan')`);
    await db.execute(sql`insert into projected_goals (board_id, goal_id, workspace_id, title, level, status, perspectives, comment, rank)
      values (${PLAN}, 'g1', ${WS}, 'Ökad delaktighet', 'effect', 'achieved', '{citizen}', 'Nuvarande kommentar', 'a0'),
             (${PLAN}, 'g2', ${WS}, 'Färre chefsbyten', 'project', 'partly_achieved', '{staff}', '', 'a1')`);
  }, 60_000);
  afterAll(() => database?.close());

  it("without follow-up or roadmap data (or their tables), the optional sections are null and goals keep their current status", async () => {
    const c = await assembleReport(database.db, input("2023-12-31"));
    expect(c.indicators).toBeNull();
    expect(c.roadmap).toBeNull();
    expect(c.goals.map((g) => [g.title, g.status, g.justification])).toEqual([
      ["Ökad delaktighet", "achieved", "Nuvarande kommentar"],
      ["Färre chefsbyten", "partly_achieved", ""],
    ]);
  });

  it("reads the status at the period's end, indicator values up to it, and the roadmap's progress", async () => {
    const { db } = database;
    await db.execute(sql`create table if not exists projected_goal_history (board_id uuid not null, entry_id text not null,
      workspace_id uuid not null, goal_id text not null, status text not null, date date not null, set_by uuid,
      recorded_at timestamptz not null, justification text not null, remaining text not null, example boolean not null)`);
    await db.execute(sql`create table if not exists projected_indicators (board_id uuid not null, indicator_id text not null,
      workspace_id uuid not null, name text not null, unit text not null, unit_label text not null, direction text not null,
      target double precision, range_min double precision, range_max double precision, method text not null,
      goals jsonb not null, focus_board_ids uuid[] not null, rank text not null, example boolean not null)`);
    await db.execute(sql`create table if not exists projected_indicator_values (board_id uuid not null, value_key text not null,
      workspace_id uuid not null, indicator_id text not null, unit_id text not null, unit_name text not null,
      organization_id uuid, occasion_id text not null, occasion_label text not null, occasion_kind text not null,
      occasion_date date not null, value double precision not null, respondents integer, entered_by uuid,
      entered_at timestamptz not null, example boolean not null)`);
    await db.execute(sql`create table if not exists projected_phases (board_id uuid not null, phase_id text not null,
      workspace_id uuid not null, title text not null, term text not null, starts_on date, ends_on date, rank text not null,
      activities integer not null, activities_done integer not null)`);
    await db.execute(sql`create table if not exists projected_milestones (board_id uuid not null, milestone_id text not null,
      workspace_id uuid not null, title text not null, date date, done boolean not null, meeting_board_id uuid, decision_point_id uuid)`);
    await db.execute(sql`insert into projected_goal_history (board_id, entry_id, workspace_id, goal_id, status, date, recorded_at, justification, remaining, example) values
      (${PLAN}, 'h1', ${WS}, 'g1', 'not_achieved', '2023-06-30', now(), 'Vårens mätning låg.', 'Mät igen i höst.', true),
      (${PLAN}, 'h2', ${WS}, 'g1', 'partly_achieved', '2023-12-31', now(), 'P-CAT ökade på Linden.', 'Hemtjänsten återstår.', true),
      (${PLAN}, 'h3', ${WS}, 'g1', 'achieved', '2024-06-30', now(), 'Klart.', '', true),
      (${PLAN}, 'h4', ${WS}, 'g2', 'achieved', '2024-03-01', now(), 'Senare.', '', true)`);
    await db.execute(sql`insert into projected_indicators (board_id, indicator_id, workspace_id, name, unit, unit_label, direction, target, range_min, range_max, method, goals, focus_board_ids, rank, example) values
      (${FOLLOWUP}, 'pcat', ${WS}, 'P-CAT', 'pcat', 'poäng', 'higher', 40, 13, 52, 'P-CAT, 13 frågor', '[]', '{}', 'a0', true)`);
    await db.execute(sql`insert into projected_indicator_values (board_id, value_key, workspace_id, indicator_id, unit_id, unit_name, occasion_id, occasion_label, occasion_kind, occasion_date, value, respondents, entered_at, example) values
      (${FOLLOWUP}, 'pcat/1', ${WS}, 'pcat', 'u1', 'Linden', 'o1', 'Baslinje', 'baseline', '2023-04-01', 31.5, 12, now(), true),
      (${FOLLOWUP}, 'pcat/2', ${WS}, 'pcat', 'u2', 'Hemtjänsten', 'o1', 'Baslinje', 'baseline', '2023-04-01', 28, 9, now(), true),
      (${FOLLOWUP}, 'pcat/3', ${WS}, 'pcat', 'u1', 'Linden', 'o2', 'Uppföljning 1', 'follow_up', '2023-10-01', 36, 4, now(), true),
      (${FOLLOWUP}, 'pcat/4', ${WS}, 'pcat', 'u1', 'Linden', 'o3', 'Uppföljning 2', 'follow_up', '2024-04-01', 39, 10, now(), true)`);
    await db.execute(sql`insert into projected_phases (board_id, phase_id, workspace_id, title, term, rank, activities, activities_done) values
      (${ROADMAP}, 'p1', ${WS}, 'Uppföljning – ny mätning', 'HT23', 'a0', 4, 3)`);
    await db.execute(sql`insert into projected_milestones (board_id, milestone_id, workspace_id, title, date, done) values
      (${ROADMAP}, 'm1', ${WS}, 'Rapport skrivs', '2023-12-15', true)`);

    const c = await assembleReport(db, input("2023-12-31"));
    expect(c.goals.map((g) => [g.title, g.status, g.statusDate, g.justification, g.remaining])).toEqual([
      ["Ökad delaktighet", "partly_achieved", "2023-12-31", "P-CAT ökade på Linden.", "Hemtjänsten återstår."],
      // All its follow-ups are after the period: not started at its end.
      ["Färre chefsbyten", "not_started", null, "", ""],
    ]);
    expect(c.indicators).toEqual([
      {
        key: `${FOLLOWUP}:pcat`,
        name: "P-CAT",
        unitLabel: "poäng",
        direction: "higher",
        target: 40,
        method: "P-CAT, 13 frågor",
        rangeMin: 13,
        rangeMax: 52,
        units: [
          { name: "Hemtjänsten", values: [{ occasion: "Baslinje", date: "2023-04-01", value: 28, respondents: 9 }] },
          {
            name: "Linden",
            values: [
              { occasion: "Baslinje", date: "2023-04-01", value: 31.5, respondents: 12 },
              { occasion: "Uppföljning 1", date: "2023-10-01", value: 36, respondents: 4 },
            ],
          },
        ],
      },
    ]);
    expect(c.roadmap).toEqual({
      phases: [{ title: "Uppföljning – ny mätning", term: "HT23", activities: 4, activitiesDone: 3 }],
      milestones: [{ title: "Rapport skrivs", date: "2023-12-15", done: true }],
    });

    const s = await steeringView(db, () => new Date("2024-07-01T10:00:00Z"), WS);
    expect(s.goals.find((g) => g.title === "Ökad delaktighet")?.trend.map((t) => t.status)).toEqual([
      "not_achieved",
      "partly_achieved",
      "achieved",
    ]);
    expect(s.indicators?.[0]?.units.find((u) => u.name === "Linden")?.values).toHaveLength(3);
  });

  it("lists the period's decision points: decided in it or planned in it and open, with the checklist's answers", async () => {
    const { db } = database;
    const point = async (title: string, planned: string, outcome: string | null, decided: string | null) => {
      const [row] = rowsOf<{ id: string }>(
        await db.execute(sql`insert into decision_points (workspace_id, title, kind, body, planned_on, outcome, decided_on, decision_note, source_paragraph)
          values (${WS}, ${title}, 'follow_up', 'steering_group', ${planned}, ${outcome}, ${decided},
                  ${outcome ? "Godkänd; hemtjänsten mäts om." : ""}, ${outcome ? 7 : null}) returning id`),
      );
      return row?.id as string;
    };
    const bp4 = await point("BP4 Uppföljningsrapport", "2023-11-01", "approved_with_changes", "2023-11-20");
    await point("BP5 Slutrapport", "2023-12-10", null, null);
    await point("BP3 Förra året", "2022-11-01", "approved_closed", "2022-11-15");
    await point("BP6 Nästa år", "2024-03-01", null, null);
    await db.execute(sql`insert into decision_checklist_items (decision_point_id, position, text, answer, comment) values
      (${bp4}, 1, 'Har målen följts upp?', 'yes', ''),
      (${bp4}, 0, 'Är mätningen gjord på alla enheter?', 'no', 'Bara på Linden.'),
      (${bp4}, 2, 'Finns en plan för 2024?', 'unanswered', '')`);

    const c = await assembleReport(db, input("2023-12-31"));
    expect(c.decisionPoints?.map((p) => [p.title, p.outcome, p.decidedOn, p.plannedOn])).toEqual([
      ["BP4 Uppföljningsrapport", "approved_with_changes", "2023-11-20", "2023-11-01"],
      ["BP5 Slutrapport", null, null, "2023-12-10"],
    ]);
    const [first] = c.decisionPoints ?? [];
    expect(first?.paragraph).toBe(7);
    expect(first?.note).toBe("Godkänd; hemtjänsten mäts om.");
    expect(first?.checklist).toEqual({
      yes: 1,
      no: 1,
      unanswered: 1,
      items: [
        { text: "Är mätningen gjord på alla enheter?", answer: "no", comment: "Bara på Linden." },
        { text: "Har målen följts upp?", answer: "yes", comment: "" },
        { text: "Finns en plan för 2024?", answer: "unanswered", comment: "" },
      ],
    });
    expect(c.decisionPoints?.[1]?.checklist).toEqual({ yes: 0, no: 0, unanswered: 0, items: [] });
  });
});
