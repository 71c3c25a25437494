/**
 * Decision points (beslutspunkter): a follow-up or final report put to a named body with a yes/no
 * checklist and a decision. Request bodies (zod) and the answer's shape, for server and web.
 */
import { z } from "zod";

export const DECISION_POINT_KINDS = ["follow_up", "final", "other"] as const;
export type DecisionPointKind = (typeof DECISION_POINT_KINDS)[number];
export const DECISION_BODIES = ["steering_group", "social_committee", "executive_board", "other"] as const;
export type DecisionBody = (typeof DECISION_BODIES)[number];
export const DECISION_OUTCOMES = ["approved_closed", "tabled", "approved_with_changes"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const CHECKLIST_ANSWERS = ["yes", "no", "unanswered"] as const;
export type ChecklistAnswer = (typeof CHECKLIST_ANSWERS)[number];

const title = z.string().trim().min(1, "A title is required.").max(200, "A title has at most 200 characters.");
const itemText = z
  .string()
  .trim()
  .min(1, "A checklist item needs a text.")
  .max(500, "A checklist item has at most 500 characters.");
const comment = z.string().trim().max(2000, "A comment has at most 2000 characters.");
const day = z.iso.date("Not a valid date (YYYY-MM-DD).");
const bodyName = z.string().trim().max(200, "The body's name has at most 200 characters.");

/** Where the point was (or will be) decided: a minutes board's agenda item (§). */
export const decisionSourceSchema = z.strictObject({
  boardId: z.uuid("Not a valid board id."),
  itemId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a valid agenda item id."),
});

const bodyRule = (v: { body?: DecisionBody; bodyName?: string }) => v.body !== "other" || Boolean(v.bodyName?.trim());
const bodyRuleMessage = { message: "Name the body the point goes to.", path: ["bodyName"] };

export const createDecisionPointBody = z
  .strictObject({
    title,
    kind: z.enum(DECISION_POINT_KINDS, "Kind is follow_up, final or other."),
    body: z.enum(DECISION_BODIES, "Body is steering_group, social_committee, executive_board or other."),
    bodyName: bodyName.default(""),
    plannedOn: day.nullable().default(null),
    checklist: z.array(itemText).max(50, "At most 50 checklist items.").default([]),
    source: decisionSourceSchema.nullable().default(null),
  })
  .refine(bodyRule, bodyRuleMessage);
export type CreateDecisionPoint = z.output<typeof createDecisionPointBody>;

export const updateDecisionPointBody = z
  .strictObject({
    title: title.optional(),
    kind: z.enum(DECISION_POINT_KINDS, "Kind is follow_up, final or other.").optional(),
    body: z.enum(DECISION_BODIES, "Body is steering_group, social_committee, executive_board or other.").optional(),
    bodyName: bodyName.optional(),
    plannedOn: day.nullable().optional(),
    source: decisionSourceSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");
export type UpdateDecisionPoint = z.output<typeof updateDecisionPointBody>;

export const addChecklistItemBody = z.strictObject({ text: itemText });
export const updateChecklistItemBody = z
  .strictObject({
    text: itemText.optional(),
    answer: z.enum(CHECKLIST_ANSWERS, "Answer is yes, no or unanswered.").optional(),
    comment: comment.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");
export type UpdateChecklistItem = z.output<typeof updateChecklistItemBody>;

export const decideBody = z.strictObject({
  outcome: z.enum(DECISION_OUTCOMES, "Outcome is approved_closed, tabled or approved_with_changes."),
  decidedOn: day,
  note: comment.default(""),
  /** The § it was decided under, when not already recorded. */
  source: decisionSourceSchema.nullable().optional(),
});
export type Decide = z.output<typeof decideBody>;

export const reopenBody = z.strictObject({
  reason: z.string().trim().min(1, "Say why the decision is reopened.").max(1000, "At most 1000 characters."),
});

export interface ChecklistItemView {
  id: string;
  text: string;
  answer: ChecklistAnswer;
  comment: string;
}

export interface DecisionSourceView {
  boardId: string;
  itemId: string;
  paragraph: number | null;
  /** The minutes board's title and meeting start, for "§ 7, Styrgruppsmöte 12 dec". */
  meetingTitle: string;
  meetingStartsAt: string | null;
}

export interface DecisionPointView {
  id: string;
  workspaceId: string;
  title: string;
  kind: DecisionPointKind;
  body: DecisionBody;
  bodyName: string;
  plannedOn: string | null;
  outcome: DecisionOutcome | null;
  decidedOn: string | null;
  decisionNote: string;
  decidedAt: string | null;
  decidedBy: { id: string; name: string } | null;
  source: DecisionSourceView | null;
  checklist: ChecklistItemView[];
  createdAt: string;
  updatedAt: string;
}
