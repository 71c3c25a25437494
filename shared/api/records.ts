/**
 * The audit view (händelselogg) and the partnership's data export: the query the list and its
 * CSV take, and the events as the API answers them. Shared by server and web.
 */
import { z } from "zod";

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const day = z.iso.date("Not a valid date (YYYY-MM-DD).");

/** Page sizes of the audit list; the CSV is never paged. */
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

export const AUDIT_LOCALES = ["sv", "en"] as const;
export type AuditLocale = (typeof AUDIT_LOCALES)[number];

export const auditQuery = z
  .strictObject({
    /** Someone who did something, or to whom it was done (a member added, an account deactivated). */
    person: z.preprocess(emptyAsUndefined, z.uuid("Not a valid person id.").optional()),
    /** An action ("minutes.exported") or a group of them ("minutes"). */
    kind: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .max(64, "At most 64 characters.")
        .regex(/^[a-z_]+(\.[a-z_]+)*$/, "Not a kind of event.")
        .optional(),
    ),
    /** Days in Swedish time, both included. */
    from: z.preprocess(emptyAsUndefined, day.optional()),
    to: z.preprocess(emptyAsUndefined, day.optional()),
    /** Instance view only: one partnership's events. */
    workspace: z.preprocess(emptyAsUndefined, z.uuid("Not a valid partnership id.").optional()),
    cursor: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^\d{1,20}\.\d{1,20}$/, "Not a valid cursor.")
        .optional(),
    ),
    limit: z.preprocess(
      emptyAsUndefined,
      z.coerce
        .number("Must be a number.")
        .int("Must be a whole number.")
        .min(1, "At least 1.")
        .max(AUDIT_PAGE_MAX, `At most ${AUDIT_PAGE_MAX}.`)
        .default(AUDIT_PAGE_DEFAULT),
    ),
    /** The language of the CSV's descriptions and headings. */
    lang: z.preprocess(emptyAsUndefined, z.enum(AUDIT_LOCALES, "sv or en.").default("sv")),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to.", path: ["to"] });
export type AuditQuery = z.output<typeof auditQuery>;

/** The filters list and the export take no parameters: an unknown one is refused, not ignored. */
export const noQuery = z.strictObject({});

export interface NamedRef {
  id: string;
  name: string;
}

/** One audit event as the list shows it: names resolved, only facts that are safe to show. */
export interface AuditEventView {
  id: number;
  at: string;
  action: string;
  actor: NamedRef | null;
  workspace: NamedRef | null;
  /** What the event is about, named when it still exists (a board's title, a person's name). */
  target: { type: string; id: string; name: string | null } | null;
  /** The facts the description uses (roles, artefact kinds, counts); never tokens or passwords. */
  details: Record<string, string | number | boolean | null>;
  /** Only in the instance view: the client address the event came from. */
  ip?: string | null;
}

export interface AuditPage {
  events: AuditEventView[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface AuditFilters {
  people: NamedRef[];
  kinds: string[];
}
