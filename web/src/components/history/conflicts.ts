/**
 * Edits that lost a conflict, in words (issue 21): "Eva Sjuksköterskas ändring av titel till ”X”
 * ersattes av ”Y”". Loaded with the card's history, so its texts are a text area of their own.
 */
import type { EditConflict, People } from "../../../../shared/api/history.js";
import { textArea } from "../../i18n/area.js";
import { formatDate, locale } from "../../i18n/i18n.js";
import { statusName } from "./describe.js";
import { same } from "./restorers.js";

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
    "conflict.field.actionItem.ownerId": "ansvarig för åtgärden {title}",
    "conflict.field.actionItem.dueDate": "klart senast för åtgärden {title}",
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
    "conflict.field.actionItem.ownerId": "owner of the action {title}",
    "conflict.field.actionItem.dueDate": "due date of the action {title}",
    "conflict.field.other": "a field",
  },
);

export { t as conflictText };

const FIELDS = new Set(["title", "ownerId", "organizationId", "dueDate", "pdsaPhase", "status", "number"]);

/** A minutes agenda item's decision or action item: one value per entry, `decisions.<id>` / `actionItems.<id>`. */
const entryList = (field: string) =>
  /^(decisions|actionItems)\./.exec(field)?.[1] as "decisions" | "actionItems" | undefined;

/** The fields of an action item in the minutes that people set, each told and restored on its own. */
const ACTION_ITEM_FIELDS = ["title", "ownerId", "dueDate"] as const;

/** One field of an action item (`actionItems.<id>.ownerId`): the item's id and the field. */
export function actionItemField(field: string): { id: string; key: (typeof ACTION_ITEM_FIELDS)[number] } | null {
  const [, id, key] = /^actionItems\.([^.]+)\.([^.]+)$/.exec(field) ?? [];
  const known = ACTION_ITEM_FIELDS.find((k) => k === key);
  return id && known ? { id, key: known } : null;
}

/** A conflict as the history shows it; `entry` names the action item one of its fields belongs to. */
export type ShownConflict = EditConflict & { entry?: string };

const record = (value: unknown) => (value && typeof value === "object" ? (value as Record<string, unknown>) : null);

/**
 * An action item is written whole (its title, owner and due date in one value), so a lost write of
 * it is the whole entry: it is shown as one conflict per field that differs from what was kept
 * (`actionItems.<id>.title|ownerId|dueDate`), each restorable by itself. A difference only in
 * its place or its link to a focus board is nothing anyone set, and is not shown.
 */
export function perField(conflicts: EditConflict[]): ShownConflict[] {
  return conflicts.flatMap((c): ShownConflict[] => {
    const [lost, kept] = [record(c.lostValue), record(c.keptValue)];
    if (!/^actionItems\.[^.]+$/.test(c.field) || !lost || !kept) return [c];
    const entry = typeof kept.title === "string" ? kept.title : undefined;
    return ACTION_ITEM_FIELDS.filter((key) => !same(lost[key], kept[key])).map((key) => ({
      ...c,
      field: `${c.field}.${key}`,
      lostValue: lost[key] ?? null,
      keptValue: kept[key] ?? null,
      ...(entry === undefined ? {} : { entry }),
    }));
  });
}

const quoted = (text: string) => (locale() === "en" ? `“${text}”` : `”${text}”`);

export function fieldName(field: string, entry?: string): string {
  const part = actionItemField(field);
  if (part && part.key !== "title")
    return t(`conflict.field.actionItem.${part.key}`, { title: quoted(entry ?? t("conflict.empty")) });
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
export function shownValue(whole: string, raw: unknown, people: People, organizations: People = {}): string {
  const value = entryText(whole, raw);
  // An action item's owner or due date reads as a card's does.
  const field = actionItemField(whole)?.key ?? whole;
  let text: string;
  if (value === null || value === undefined || value === "") text = t("conflict.empty");
  else if (field === "ownerId" && typeof value === "string") text = people[value] ?? value;
  else if (field === "organizationId" && typeof value === "string") text = organizations[value] ?? value;
  else if (field === "dueDate" && typeof value === "string") text = formatDate(value);
  else if (field === "status" && typeof value === "string") text = statusName(value);
  else text = typeof value === "string" ? value : JSON.stringify(value);
  return quoted(text);
}

export function describeConflict(c: ShownConflict, people: People, organizations: People = {}): string {
  const vars = {
    field: fieldName(c.field, c.entry),
    lost: shownValue(c.field, c.lostValue, people, organizations),
    kept: shownValue(c.field, c.keptValue, people, organizations),
  };
  const name = c.lostBy ? people[c.lostBy] : undefined;
  const sentence = name ? t("conflict.lost", { ...vars, name: possessive(name) }) : t("conflict.lostUnknown", vars);
  const keptName = c.keptBy ? people[c.keptBy] : undefined;
  return keptName ? `${sentence} ${t("conflict.keptBy", { name: keptName })}` : sentence;
}
