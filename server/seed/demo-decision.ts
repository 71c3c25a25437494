/**
 * The demo's decision point and report (issue 19), through the same services the API uses: BP4,
 * the follow-up report to the steering group, with its yes/no checklist answered; the year's
 * follow-up report compiled from the seeded data and frozen (with its archival PDF); then BP4
 * decided. Invented, and marked as example data in titles and texts.
 */
import type { DecisionOutcome } from "../../shared/api/decision-points.js";
import type { Services } from "../services/index.js";
import type { DemoCalendar } from "./demo-calendar.js";
import { BP4_TITLE, demoYear } from "./demo-roadmap.js";

const CHECKLIST: { text: string; answer: "yes" | "no"; comment: string }[] = [
  {
    text: "Uppföljningen av äldreomsorgen (enkät till personer 65 år och äldre) är redovisad",
    answer: "yes",
    comment: "",
  },
  { text: "Resultatet av P-CAT-mätningen på särskilt boende är redovisat", answer: "yes", comment: "" },
  {
    text: "Uppföljande mätning är gjord på alla enheter",
    answer: "no",
    comment: "Hemtjänsten mättes bara i våren; ny mätning när chefssituationen är stabil.",
  },
  { text: "Avvikelser från planerade mål är dokumenterade", answer: "yes", comment: "Se målens motiveringar." },
  { text: "Förslag till fortsatt plan för omställningsarbetet är framtaget", answer: "yes", comment: "" },
];

export const BP4_DECISION: { outcome: DecisionOutcome; note: string } = {
  outcome: "approved_with_changes",
  note:
    "Exempeldata. Styrgruppen godkänner uppföljningsrapporten med ändringen att hemtjänstens P-CAT-mätning " +
    "görs om när chefssituationen är stabil.",
};

/** BP4 with its checklist answered, not yet decided (the report goes to it first). Returns its id. */
export async function seedDecisionPoint(
  services: Services,
  convenerId: string,
  workspaceId: string,
  calendar: DemoCalendar,
): Promise<string> {
  const actor = { id: convenerId };
  const point = await services.decisionPoints.create(actor, workspaceId, {
    title: BP4_TITLE,
    kind: "follow_up",
    body: "steering_group",
    bodyName: "",
    plannedOn: calendar.date(-3),
    checklist: CHECKLIST.map((c) => c.text),
    source: null,
  });
  for (const [i, item] of point.checklist.entries()) {
    const seed = CHECKLIST[i];
    if (!seed) continue;
    await services.decisionPoints.updateChecklistItem(actor, workspaceId, point.id, item.id, {
      answer: seed.answer,
      ...(seed.comment ? { comment: seed.comment } : {}),
    });
  }
  return point.id;
}

export const reportTitle = (calendar: DemoCalendar) => `Nära vård Lekeberg ${demoYear(calendar)} (exempeldata)`;

/**
 * The year's follow-up report, compiled from the projections (run them first), frozen; then BP4
 * decided. Returns the report's id.
 */
export async function seedReportAndDecision(
  services: Services,
  convenerId: string,
  workspaceId: string,
  decisionPointId: string,
  calendar: DemoCalendar,
): Promise<string> {
  const draft = await services.reports.create(convenerId, workspaceId, {
    kind: "followup",
    title: reportTitle(calendar),
    periodFrom: calendar.date(-364),
    periodTo: calendar.date(0),
  });
  await services.reports.edit(convenerId, workspaceId, draft.id, {
    summary:
      "Exempeldata: en påhittad uppföljningsrapport som visar hur rapporten sammanställs. Året präglades av " +
      "chefsbyten i hemtjänsten; personcentreringen ökade på Linden, och träningsgrupperna blev fler.",
  });
  await services.reports.freeze(convenerId, workspaceId, draft.id);
  await services.decisionPoints.decide({ id: convenerId }, workspaceId, decisionPointId, {
    ...BP4_DECISION,
    decidedOn: calendar.date(-3),
  });
  return draft.id;
}
