/**
 * The report's decision points (beslutspunkter): those decided in the period, and those planned in it
 * that are still open, with their checklist (yes / no / unanswered, each item with its comment) and
 * the decision. Relational (server/services/decision-points.ts), read as they stand when compiled.
 */
import { sql } from "drizzle-orm";
import type {
  ChecklistAnswer,
  DecisionBody,
  DecisionOutcome,
  DecisionPointKind,
} from "../../shared/api/decision-points.js";
import type { ReportDecisionPoint } from "../../shared/api/reports.js";
import type { Db } from "../db/client.js";
import { rowsOf } from "./rows.js";

export async function periodDecisionPoints(
  db: Db,
  workspaceId: string,
  from: string,
  to: string,
): Promise<ReportDecisionPoint[]> {
  const rows = rowsOf<{
    title: string;
    kind: DecisionPointKind;
    body: DecisionBody;
    body_name: string;
    planned_on: string | null;
    outcome: DecisionOutcome | null;
    decided_on: string | null;
    decision_note: string;
    source_paragraph: number | null;
    items: { text: string; answer: ChecklistAnswer; comment: string }[] | string | null;
  }>(
    await db.execute(sql`
      select p.title, p.kind, p.body, p.body_name, p.planned_on::text as planned_on, p.outcome,
             p.decided_on::text as decided_on, p.decision_note, p.source_paragraph,
             (select coalesce(json_agg(json_build_object('text', c.text, 'answer', c.answer, 'comment', c.comment)
                                       order by c.position), '[]'::json)
                from decision_checklist_items c where c.decision_point_id = p.id) as items
      from decision_points p
      where p.workspace_id = ${workspaceId}
        and ((p.outcome is not null and p.decided_on between ${from} and ${to})
          or (p.outcome is null and p.planned_on between ${from} and ${to}))
      order by coalesce(p.decided_on, p.planned_on), p.created_at`),
  );
  return rows.map((r) => {
    const items = (
      typeof r.items === "string" ? JSON.parse(r.items) : (r.items ?? [])
    ) as ReportDecisionPoint["checklist"]["items"];
    const count = (answer: ChecklistAnswer) => items.filter((i) => i.answer === answer).length;
    return {
      title: r.title,
      kind: r.kind,
      body: r.body,
      bodyName: r.body_name,
      plannedOn: r.planned_on,
      outcome: r.outcome,
      decidedOn: r.decided_on,
      note: r.decision_note,
      paragraph: r.source_paragraph === null ? null : Number(r.source_paragraph),
      checklist: { yes: count("yes"), no: count("no"), unanswered: count("unanswered"), items },
    };
  });
}
