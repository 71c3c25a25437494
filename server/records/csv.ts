/**
 * CSV for people who open it in Excel: UTF-8 with a byte-order mark (else Excel reads å, ä, ö
 * wrongly), CRLF line ends, fields quoted when they hold the separator, a quote or a line break,
 * and no formulas — a cell that starts with = + - @ (or a tab or carriage return, which Excel
 * skips before one) gets a leading apostrophe, so text someone typed is never run as a formula.
 *
 * The separator follows the language: Swedish Excel splits on semicolons (comma is the decimal
 * sign there), English Excel on commas.
 */
import type { AuditEventView, AuditLocale } from "../../shared/api/records.js";
import { describeEvent, kindLabel } from "../../shared/records/describe.js";
import { formatOffset, stockholmOffsetMinutes } from "../../shared/time/stockholm.js";

export const BOM = "\uFEFF";

export type Separator = ";" | ",";

export const separatorFor = (locale: AuditLocale): Separator => (locale === "sv" ? ";" : ",");

export function csvCell(value: string | number | boolean | null | undefined, separator: Separator): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (text.includes(separator) || /["\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

export function csvRow(cells: (string | number | boolean | null | undefined)[], separator: Separator): string {
  return `${cells.map((cell) => csvCell(cell, separator)).join(separator)}\r\n`;
}

/** An instant on Swedish clocks with its offset, to the second: 2026-11-23T13:00:05+01:00. */
export function stockholmTimestamp(iso: string): string {
  const ms = Date.parse(iso);
  const offset = stockholmOffsetMinutes(ms);
  return `${new Date(ms + offset * 60_000).toISOString().slice(0, 19)}${formatOffset(offset)}`;
}

const AUDIT_HEADINGS: Record<AuditLocale, string[]> = {
  sv: [
    "Tid (svensk tid)",
    "Person",
    "Händelse",
    "Beskrivning",
    "Samverkansyta",
    "Avser",
    "Händelsekod",
    "Händelse-id",
    "Person-id",
  ],
  en: [
    "Time (Swedish time)",
    "Person",
    "Event",
    "Description",
    "Partnership",
    "Concerns",
    "Event code",
    "Event id",
    "Person id",
  ],
};
const IP_HEADING: Record<AuditLocale, string> = { sv: "IP-adress", en: "IP address" };

/** The audit CSV's heading row; with `withIp` (the instance admin's export) a column for the client address. */
export function auditCsvHeader(locale: AuditLocale, withIp: boolean): string {
  const headings = [...AUDIT_HEADINGS[locale], ...(withIp ? [IP_HEADING[locale]] : [])];
  return BOM + csvRow(headings, separatorFor(locale));
}

export function auditCsvRow(event: AuditEventView, locale: AuditLocale, withIp: boolean): string {
  return csvRow(
    [
      stockholmTimestamp(event.at),
      event.actor?.name ?? "",
      kindLabel(event.action, locale),
      describeEvent(event, locale),
      event.workspace?.name ?? "",
      event.target?.name ?? "",
      event.action,
      event.id,
      event.actor?.id ?? "",
      ...(withIp ? [event.ip ?? ""] : []),
    ],
    separatorFor(locale),
  );
}
