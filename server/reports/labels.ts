/** The follow-up report's words in Swedish and English, for the Markdown, the PDF and the CSV. */
import type { ChecklistAnswer, DecisionBody, DecisionOutcome } from "../../shared/api/decision-points.js";
import type { ReportKind } from "../../shared/api/reports.js";
import type { GoalLevel, GoalStatus, Perspective } from "../../shared/boards/vocabulary.js";

export type ReportLocale = "sv" | "en";

const sv = {
  kinds: { followup: "Uppföljningsrapport", final: "Slutrapport" } satisfies Record<ReportKind, string>,
  partnership: "Samverkansyta",
  period: "Period",
  version: "Version",
  draft: "Utkast – inte fastställd",
  frozen: (at: string) => `Fastställd ${at}`,
  previous: "Jämförs med",
  summary: "Sammanfattning",
  goals: "Mål",
  levels: { effect: "Effektmål", project: "Projektmål" } satisfies Record<GoalLevel, string>,
  statuses: {
    not_started: "ej påbörjat",
    achieved: "uppnått",
    partly_achieved: "delvis uppnått",
    not_achieved: "inte uppnått",
  } satisfies Record<GoalStatus, string>,
  perspectives: { citizen: "invånare", collaboration: "samverkan", staff: "medarbetare" } satisfies Record<
    Perspective,
    string
  >,
  status: "Status",
  perspective: "Perspektiv",
  change: "Förändring",
  unchanged: "oförändrad",
  newGoal: "nytt sedan förra rapporten",
  justification: "Motivering",
  remaining: "Utvecklingsområden",
  actions: "Aktiviteter",
  byFocusArea: "Per fokusområde",
  byOrganization: "Per organisation",
  noOrganization: "Utan organisation",
  actionCounts: (done: number, open: number, overdue: number) =>
    `${done} klara, ${open} pågående${overdue ? `, varav ${overdue} försenade` : ""}`,
  decisions: "Beslut under perioden",
  decisionPoints: "Beslutspunkter",
  bodies: {
    steering_group: "styrgruppen",
    social_committee: "socialnämnden",
    executive_board: "kommunstyrelsen",
    other: "annat organ",
  } satisfies Record<DecisionBody, string>,
  outcomes: {
    approved_closed: "godkänd och avslutad",
    tabled: "bordlagd",
    approved_with_changes: "godkänd med ändringar",
  } satisfies Record<DecisionOutcome, string>,
  answers: { yes: "ja", no: "nej", unanswered: "obesvarad" } satisfies Record<ChecklistAnswer, string>,
  to: "Till",
  decision: "Beslut",
  planned: (on: string) => `planerad ${on}, ej beslutad`,
  checklist: "Kontrollfrågor",
  checklistCounts: (yes: number, no: number, unanswered: number) =>
    `${yes} ja, ${no} nej${unanswered ? `, ${unanswered} obesvarade` : ""}`,
  indicators: "Indikatorer",
  target: "Mål",
  method: "Metod",
  fewRespondents: "färre än 5 svarande",
  respondents: "svarande",
  roadmap: "Färdplan",
  phaseProgress: (done: number, all: number) => `${done} av ${all} aktiviteter klara`,
  milestoneDone: "klar",
  milestoneOpen: "ej klar",
  none: "Inga.",
  page: (n: number, total: number) => `Sida ${n} av ${total}`,
  csv: ["Indikator", "Enhet (mått)", "Mål", "Organisatorisk enhet", "Tillfälle", "Datum", "Värde", "Svarande"],
};

export type ReportLabels = typeof sv;

const en: ReportLabels = {
  kinds: { followup: "Follow-up report", final: "Final report" },
  partnership: "Partnership",
  period: "Period",
  version: "Version",
  draft: "Draft – not frozen",
  frozen: (at: string) => `Frozen ${at}`,
  previous: "Compared with",
  summary: "Summary",
  goals: "Goals",
  levels: { effect: "Effect goals", project: "Project goals" },
  statuses: {
    not_started: "not started",
    achieved: "achieved",
    partly_achieved: "partly achieved",
    not_achieved: "not achieved",
  },
  perspectives: { citizen: "citizens", collaboration: "collaboration", staff: "staff" },
  status: "Status",
  perspective: "Perspective",
  change: "Change",
  unchanged: "unchanged",
  newGoal: "new since the previous report",
  justification: "Justification",
  remaining: "Areas for development",
  actions: "Actions",
  byFocusArea: "By focus area",
  byOrganization: "By organisation",
  noOrganization: "No organisation",
  actionCounts: (done, open, overdue) => `${done} done, ${open} open${overdue ? `, ${overdue} of them overdue` : ""}`,
  decisions: "Decisions in the period",
  decisionPoints: "Decision points",
  bodies: {
    steering_group: "the steering group",
    social_committee: "the social services committee",
    executive_board: "the municipal executive board",
    other: "another body",
  },
  outcomes: {
    approved_closed: "approved and closed",
    tabled: "tabled",
    approved_with_changes: "approved with changes",
  },
  answers: { yes: "yes", no: "no", unanswered: "unanswered" },
  to: "To",
  decision: "Decision",
  planned: (on) => `planned ${on}, not decided`,
  checklist: "Checklist",
  checklistCounts: (yes, no, unanswered) => `${yes} yes, ${no} no${unanswered ? `, ${unanswered} unanswered` : ""}`,
  indicators: "Indicators",
  target: "Target",
  method: "Method",
  fewRespondents: "fewer than 5 respondents",
  respondents: "respondents",
  roadmap: "Roadmap",
  phaseProgress: (done, all) => `${done} of ${all} activities done`,
  milestoneDone: "done",
  milestoneOpen: "not done",
  none: "None.",
  page: (n, total) => `Page ${n} of ${total}`,
  csv: ["Indicator", "Unit of measure", "Target", "Organisational unit", "Occasion", "Date", "Value", "Respondents"],
};

export function reportLabels(locale: ReportLocale): ReportLabels {
  return locale === "en" ? en : sv;
}

/** A number as the locale writes it: decimal comma in Swedish. */
export function formatNumber(n: number, locale: ReportLocale): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "sv-SE", { maximumFractionDigits: 2 }).format(n);
}
