/**
 * History in words: a structured change ("moved", by, title, to) as a sentence in the reader's
 * language — "Sofia flyttade ”Brytpunktssamtal” till Pågår" — and counts with their plural form.
 */
import type { People } from "../../../../shared/api/history.js";
import type { HistoryChange } from "../../../../shared/history/changes.js";
import { formatDate, locale, type MessageKey } from "../../i18n/i18n.js";
import { th as t } from "./history-texts.js";

/** "1 ändring", "3 ändringar": the key's one/other form for `n` in the current language. */
export function counted(base: "history.changes" | "history.moreChanges", n: number): string {
  const form = new Intl.PluralRules(locale() === "sv" ? "sv-SE" : "en-GB").select(n) === "one" ? "one" : "other";
  return t(`${base}.${form}` as MessageKey, { n });
}

export function personName(people: People, id: string | null): string {
  if (id === null) return t("history.server");
  return people[id] ?? t("history.someone");
}

/** "Eva", "Eva och Omar", "Eva, Omar och Lena". */
export function names(people: People, ids: (string | null)[]): string {
  const list = ids.map((id) => personName(people, id));
  if (list.length <= 1) return list[0] ?? t("history.someone");
  return `${list.slice(0, -1).join(", ")} ${t("history.and")} ${list[list.length - 1]}`;
}

const ACTION_STATUS = new Set(["idea", "planned", "in_progress", "follow_up", "done"]);
const GOAL_STATUS = new Set(["not_started", "achieved", "partly_achieved", "not_achieved"]);

/** A status as the board names it (a column, a goal's outcome); unknown values as they are. */
export function statusName(status: string): string {
  if (ACTION_STATUS.has(status)) return t(`status.${status}` as MessageKey);
  if (GOAL_STATUS.has(status)) return t(`goal.${status}` as MessageKey);
  return status;
}

export function describeChange(change: HistoryChange, people: People): string {
  const who = personName(people, change.by);
  switch (change.kind) {
    case "fieldEdited":
      return t("history.fieldEdited", { who, field: t(`history.field.${change.field}` as MessageKey) });
    case "added":
      return change.status && change.itemType === "action"
        ? t("history.addedIn", { who, title: change.title, status: statusName(change.status) })
        : t("history.added", { who, title: change.title });
    case "removed":
      return t("history.removed", { who, title: change.title });
    case "moved":
      return t(change.itemType === "action" ? "history.moved" : "history.goalStatus", {
        who,
        title: change.title,
        to: statusName(change.to),
      });
    case "renamed":
      return t("history.renamed", { who, from: change.from, to: change.to });
    case "assigned":
      return change.to === null
        ? t("history.unassigned", { who, title: change.title })
        : t("history.assigned", { who, title: change.title, owner: personName(people, change.to) });
    case "dated":
      return change.to === null
        ? t("history.undated", { who, title: change.title })
        : t("history.dated", { who, title: change.title, date: formatDate(change.to) });
    case "edited":
      return t("history.edited", { who, title: change.title });
  }
}
