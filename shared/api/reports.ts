/**
 * Follow-up reports (uppföljningsrapport, slutrapport; issue 19): the generated content, the texts
 * people write over it, and the request payloads with their bounds. Shared by the server, which
 * assembles and renders reports, and the web page that shows and edits them.
 */
import { z } from "zod";
import type { GoalLevel, GoalStatus, Perspective } from "../boards/vocabulary.js";
import type { ChecklistAnswer, DecisionBody, DecisionOutcome, DecisionPointKind } from "./decision-points.js";

/** The steering view (GET /api/workspaces/:id/steering): goals with their status trend, indicators, overdue actions. */
export interface SteeringGoal {
  key: string;
  title: string;
  level: GoalLevel;
  status: GoalStatus;
  trend: { date: string; status: GoalStatus }[];
}

export interface SteeringView {
  today: string;
  goals: SteeringGoal[];
  indicators: ReportIndicator[] | null;
  overdueByOrganization: ReportActionGroup[];
}

export const REPORT_KINDS = ["followup", "final"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_STATES = ["draft", "frozen"] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_TEXT_MAX = 20_000;
export const REPORT_TITLE_MAX = 200;

/** A goal in the report: its status at the period's end and the change since the previous frozen report. */
export interface ReportGoal {
  /** boardId:goalId, the key the texts' overrides use. */
  key: string;
  title: string;
  level: GoalLevel;
  perspectives: Perspective[];
  status: GoalStatus;
  /** The date the status was set (from the goal's status history), null when only the current status is known. */
  statusDate: string | null;
  /** Status in the previous frozen report; null when there is none or the goal was not in it. */
  previousStatus: GoalStatus | null;
  justification: string;
  remaining: string;
}

export interface ReportActionGroup {
  /** Focus board id or organisation id; null for actions without an organisation. */
  id: string | null;
  name: string;
  done: number;
  open: number;
  overdue: number;
}

export interface ReportDecision {
  paragraph: number | null;
  itemTitle: string;
  text: string;
  meetingTitle: string;
  meetingDate: string | null;
}

/** A decision point (beslutspunkt) of the period: decided in it, or planned in it and not yet decided. */
export interface ReportDecisionPoint {
  title: string;
  kind: DecisionPointKind;
  body: DecisionBody;
  /** The body's name when `body` is "other". */
  bodyName: string;
  plannedOn: string | null;
  outcome: DecisionOutcome | null;
  decidedOn: string | null;
  note: string;
  /** The § it was recorded from, when recorded from a meeting. */
  paragraph: number | null;
  checklist: {
    yes: number;
    no: number;
    unanswered: number;
    items: { text: string; answer: ChecklistAnswer; comment: string }[];
  };
}

export interface ReportIndicatorValue {
  occasion: string;
  date: string;
  value: number;
  respondents: number | null;
}

export interface ReportIndicator {
  key: string;
  name: string;
  unitLabel: string;
  direction: "higher" | "lower";
  target: number | null;
  method: string;
  rangeMin: number | null;
  rangeMax: number | null;
  /** One series per organisational unit, in occasion date order: the first value is the baseline. */
  units: { name: string; values: ReportIndicatorValue[] }[];
}

export interface ReportRoadmap {
  phases: { title: string; term: string; activities: number; activitiesDone: number }[];
  milestones: { title: string; date: string | null; done: boolean }[];
}

export interface ReportContent {
  partnership: string;
  periodFrom: string;
  periodTo: string;
  generatedAt: string;
  previous: { id: string; version: number; periodTo: string; title: string } | null;
  goals: ReportGoal[];
  actionsByFocusArea: ReportActionGroup[];
  actionsByOrganization: ReportActionGroup[];
  decisions: ReportDecision[];
  /** The period's decision points; absent in reports compiled before they were included. */
  decisionPoints?: ReportDecisionPoint[];
  /** Null when the partnership has no follow-up data (or the server does not have the feature). */
  indicators: ReportIndicator[] | null;
  roadmap: ReportRoadmap | null;
}

export interface ReportTexts {
  summary: string;
  goals: Record<string, { justification?: string; remaining?: string }>;
}

export interface ReportSummary {
  id: string;
  kind: ReportKind;
  title: string;
  periodFrom: string;
  periodTo: string;
  version: number;
  state: ReportState;
  createdAt: string;
  frozenAt: string | null;
  pdfSha256: string | null;
}

export interface ReportView extends ReportSummary {
  content: ReportContent;
  texts: ReportTexts;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.");
const longText = z.string().max(REPORT_TEXT_MAX, `A text has at most ${REPORT_TEXT_MAX} characters.`);

export const createReportBody = z
  .strictObject({
    kind: z.enum(REPORT_KINDS, "Kind must be followup or final."),
    title: z.string().trim().min(1, "Give the report a title.").max(REPORT_TITLE_MAX),
    periodFrom: isoDate,
    periodTo: isoDate,
  })
  .refine((b) => b.periodFrom <= b.periodTo, {
    message: "The period must end on or after its start.",
    path: ["periodTo"],
  });

export const editReportBody = z.strictObject({
  title: z.string().trim().min(1, "Give the report a title.").max(REPORT_TITLE_MAX).optional(),
  summary: longText.optional(),
  /** Per goal key: a justification and/or utvecklingsområden; an empty string falls back to the data's text. */
  goals: z
    .record(
      z.string().max(200),
      z.object({ justification: longText.optional(), remaining: longText.optional() }).strict(),
    )
    .optional(),
});

export const reportFormatQuery = z.strictObject({
  lang: z.enum(["sv", "en"], "Language must be sv or en.").optional(),
});
