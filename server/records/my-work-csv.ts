/**
 * The actions list and the decisions log as CSV for Excel: UTF-8 with a byte-order mark, `;`
 * between fields (what Swedish Excel splits on; the list is read in Swedish offices whatever the
 * reader's language), and no formulas (csvCell prefixes = + - @ with an apostrophe). Headings
 * and status words follow the reader's language.
 */
import type { MyWorkLocale } from "../../shared/api/my-work.js";
import type { ActionStatus } from "../../shared/boards/vocabulary.js";
import { BOM, csvRow } from "./csv.js";

const SEPARATOR = ";";

const ACTION_HEADINGS: Record<MyWorkLocale, string[]> = {
  sv: ["Aktivitet", "Status", "Ansvarig", "Organisation", "Fokusområde", "Klart senast", "Försenad", "Aktivitets-id"],
  en: ["Action", "Status", "Owner", "Organisation", "Focus area", "Due", "Overdue", "Action id"],
};
const STATUS: Record<MyWorkLocale, Record<ActionStatus, string>> = {
  sv: { idea: "Idé", planned: "Planerad", in_progress: "Pågår", follow_up: "Uppföljning", done: "Klar" },
  en: { idea: "Idea", planned: "Planned", in_progress: "In progress", follow_up: "Follow-up", done: "Done" },
};
const YES: Record<MyWorkLocale, [string, string]> = { sv: ["ja", "nej"], en: ["yes", "no"] };
const DECISION_HEADINGS: Record<MyWorkLocale, string[]> = {
  sv: ["§", "Mötesdatum", "Möte", "Punkt", "Beslut"],
  en: ["§", "Meeting date", "Meeting", "Item", "Decision"],
};

export interface CsvAction {
  id: string;
  title: string;
  status: string;
  ownerName: string | null;
  organizationName: string | null;
  boardTitle: string;
  dueDate: string | null;
  overdue: boolean;
}

export function actionsCsv(rows: CsvAction[], locale: MyWorkLocale): string {
  const [yes, no] = YES[locale];
  const lines = rows.map((a) =>
    csvRow(
      [
        a.title,
        STATUS[locale][a.status as ActionStatus] ?? a.status,
        a.ownerName,
        a.organizationName,
        a.boardTitle,
        a.dueDate,
        a.overdue ? yes : no,
        a.id,
      ],
      SEPARATOR,
    ),
  );
  return BOM + csvRow(ACTION_HEADINGS[locale], SEPARATOR) + lines.join("");
}

export interface CsvDecision {
  paragraph: number | null;
  meetingDate: string | null;
  boardTitle: string;
  itemTitle: string;
  text: string;
}

export function decisionsCsv(rows: CsvDecision[], locale: MyWorkLocale): string {
  const lines = rows.map((d) => csvRow([d.paragraph, d.meetingDate, d.boardTitle, d.itemTitle, d.text], SEPARATOR));
  return BOM + csvRow(DECISION_HEADINGS[locale], SEPARATOR) + lines.join("");
}

/** ?lang= first, then the browser's Accept-Language (the first of sv or en it names), else Swedish. */
export function csvLocale(lang: MyWorkLocale | undefined, acceptLanguage: string | undefined): MyWorkLocale {
  if (lang) return lang;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.trim().toLowerCase();
    if (tag.startsWith("sv")) return "sv";
    if (tag.startsWith("en")) return "en";
  }
  return "sv";
}
