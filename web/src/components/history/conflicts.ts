/**
 * Edits that lost a conflict, in words (issue 21): "Eva Sjuksköterskas ändring av titel till ”X”
 * ersattes av ”Y”". Loaded with the card's history, so its texts are a text area of their own.
 */
import type { EditConflict, People } from "../../../../shared/api/history.js";
import { textArea } from "../../i18n/area.js";
import { formatDate, locale } from "../../i18n/i18n.js";
import { statusName } from "./describe.js";

const { t } = textArea(
  {
    "conflict.lost": "{name} ändring av {field} till {lost} ersattes av {kept}",
    "conflict.lostUnknown": "En ändring av {field} till {lost} ersattes av {kept}",
    "conflict.keptBy": "(ändrat av {name})",
    "conflict.restore": "Återställ {value}",
    "conflict.restored": "Återställt till {value}.",
    "conflict.restoreFailed": "Det gick inte att återställa: {message}",
    "conflict.empty": "inget",
    "conflict.field.title": "titel",
    "conflict.field.ownerId": "ansvarig",
    "conflict.field.organizationId": "ansvarig organisation",
    "conflict.field.dueDate": "klart senast",
    "conflict.field.pdsaPhase": "PGSA-fas",
    "conflict.field.status": "status",
    "conflict.field.number": "paragrafnummer",
    "conflict.field.decisions": "ett beslut",
    "conflict.field.actionItems": "en åtgärd",
    "conflict.field.other": "ett fält",
  },
  {
    "conflict.lost": "{name} change of {field} to {lost} was replaced by {kept}",
    "conflict.lostUnknown": "A change of {field} to {lost} was replaced by {kept}",
    "conflict.keptBy": "(changed by {name})",
    "conflict.restore": "Restore {value}",
    "conflict.restored": "Restored to {value}.",
    "conflict.restoreFailed": "Could not restore: {message}",
    "conflict.empty": "nothing",
    "conflict.field.title": "title",
    "conflict.field.ownerId": "owner",
    "conflict.field.organizationId": "responsible organisation",
    "conflict.field.dueDate": "due date",
    "conflict.field.pdsaPhase": "PDSA phase",
    "conflict.field.status": "status",
    "conflict.field.number": "paragraph number",
    "conflict.field.decisions": "a decision",
    "conflict.field.actionItems": "an action",
    "conflict.field.other": "a field",
  },
);

export { t as conflictText };

const FIELDS = new Set(["title", "ownerId", "organizationId", "dueDate", "pdsaPhase", "status", "number"]);

/** A minutes agenda item's decision or action item: one value per entry, `decisions.<id>` / `actionItems.<id>`. */
const entryList = (field: string) =>
  /^(decisions|actionItems)\./.exec(field)?.[1] as "decisions" | "actionItems" | undefined;

export function fieldName(field: string): string {
  const list = entryList(field);
  if (list) return t(`conflict.field.${list}`);
  return FIELDS.has(field) ? t(`conflict.field.${field}` as "conflict.field.title") : t("conflict.field.other");
}

/** What a decision or action item reads as: its text or its title. */
function entryText(field: string, value: unknown): unknown {
  const list = entryList(field);
  if (!list || !value || typeof value !== "object") return value;
  return (value as Record<string, unknown>)[list === "decisions" ? "text" : "title"];
}

/** "Eva Sjuksköterskas", "Lars'"; in English "Eva Sjuksköterska's". */
function possessive(name: string): string {
  if (locale() === "en") return `${name}'s`;
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** A field's value as the card shows it, quoted the language's way. */
export function shownValue(field: string, raw: unknown, people: People, organizations: People = {}): string {
  const value = entryText(field, raw);
  let text: string;
  if (value === null || value === undefined || value === "") text = t("conflict.empty");
  else if (field === "ownerId" && typeof value === "string") text = people[value] ?? value;
  else if (field === "organizationId" && typeof value === "string") text = organizations[value] ?? value;
  else if (field === "dueDate" && typeof value === "string") text = formatDate(value);
  else if (field === "status" && typeof value === "string") text = statusName(value);
  else text = typeof value === "string" ? value : JSON.stringify(value);
  return locale() === "en" ? `“${text}”` : `”${text}”`;
}

export function describeConflict(c: EditConflict, people: People, organizations: People = {}): string {
  const vars = {
    field: fieldName(c.field),
    lost: shownValue(c.field, c.lostValue, people, organizations),
    kept: shownValue(c.field, c.keptValue, people, organizations),
  };
  const name = c.lostBy ? people[c.lostBy] : undefined;
  const sentence = name ? t("conflict.lost", { ...vars, name: possessive(name) }) : t("conflict.lostUnknown", vars);
  const keptName = c.keptBy ? people[c.keptBy] : undefined;
  return keptName ? `${sentence} ${t("conflict.keptBy", { name: keptName })}` : sentence;
}
