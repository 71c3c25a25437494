/**
 * "My work": the actions list (filters, sort, CSV), the decisions log and the home page's to-do
 * panel. Query schemas with their bounds and messages; a bad filter is a 400 naming it.
 */
import { z } from "zod";
import { actionsQuery } from "./content.js";

export const ACTION_SORTS = ["due", "status", "board", "title"] as const;
export type ActionSort = (typeof ACTION_SORTS)[number];
export const MY_WORK_LOCALES = ["sv", "en"] as const;
export type MyWorkLocale = (typeof MY_WORK_LOCALES)[number];

/** Most rows one answer lists; the CSV has every matching row up to CSV_MAX. */
export const ACTIONS_PAGE_MAX = 1000;
export const CSV_MAX = 20_000;
export const DUE_WITHIN_MAX = 366;
export const TEXT_MAX = 200;

/** An empty field in a form's query (?board=) means "not filtered". */
const emptyAsUndefined = (v: unknown) => (v === "" ? undefined : v);

const text = z.preprocess(
  emptyAsUndefined,
  z.string().trim().max(TEXT_MAX, `Text to filter on has at most ${TEXT_MAX} characters.`).optional(),
);

const lang = z.preprocess(emptyAsUndefined, z.enum(MY_WORK_LOCALES, "Language must be sv or en.").optional());

/** The actions list's filters: the older actions query plus due-within, free text, sort and limit. */
export const actionListQuery = z.preprocess(
  (raw) => (raw && typeof raw === "object" ? Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "")) : raw),
  actionsQuery.extend({
    /** Open actions due from today up to this many days ahead. */
    dueWithin: z.coerce
      .number("Due within must be a number of days.")
      .int("Due within must be a whole number of days.")
      .min(0, "Due within is at least 0 days.")
      .max(DUE_WITHIN_MAX, `Due within is at most ${DUE_WITHIN_MAX} days.`)
      .optional(),
    q: text,
    sort: z.enum(ACTION_SORTS, `Sort must be one of ${ACTION_SORTS.join(", ")}.`).default("due"),
    limit: z.coerce
      .number("Limit must be a number.")
      .int("Limit must be a whole number.")
      .min(1, "Limit is at least 1.")
      .max(ACTIONS_PAGE_MAX, `Limit is at most ${ACTIONS_PAGE_MAX}.`)
      .default(500),
    lang,
  }),
);
export type ActionListQuery = z.output<typeof actionListQuery>;

export const decisionListQuery = z.strictObject({
  q: text,
  limit: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number("Limit must be a number.")
      .int("Limit must be a whole number.")
      .min(1, "Limit is at least 1.")
      .max(ACTIONS_PAGE_MAX, `Limit is at most ${ACTIONS_PAGE_MAX}.`)
      .default(500),
  ),
  lang,
});
export type DecisionListQuery = z.output<typeof decisionListQuery>;

export const todoQuery = z.strictObject({});

/** Days ahead the to-do panel lists my actions for. */
export const TODO_DUE_DAYS = 14;

export interface TodoMinutes {
  boardId: string;
  title: string;
  meetingStartsAt: string | null;
  closedAt: string | null;
}
export interface TodoAction {
  boardId: string;
  boardTitle: string;
  id: string;
  title: string;
  status: string;
  dueDate: string | null;
  overdue: boolean;
}
export interface TodoMeeting {
  boardId: string;
  title: string;
  type: string;
  startsAt: string | null;
  place: string;
}
export interface Todo {
  minutesToApprove: TodoMinutes[];
  dueSoon: TodoAction[];
  overdue: TodoAction[];
  meetingsThisWeek: TodoMeeting[];
}
