/** Putting back an agenda item's lost value (restorers.ts). */
import type * as Y from "yjs";
import type { EditConflict } from "../../../../shared/api/history.js";
import { readMinutes, updateActionItem, updateAgendaItem, updateDecision } from "../../../../shared/boards/minutes.js";
import { type Restorer, same } from "./restorers.js";

/** An agenda item's lost title or § number, and its decisions' and action items' lost texts. */
export function agendaRestorer(doc: Y.Doc, itemId: string): Restorer {
  const item = () => readMinutes(doc).items.find((i) => i.id === itemId);
  const [decisionOf, actionOf] = [
    (id: string) => item()?.decisions.find((d) => d.id === id),
    (id: string) => item()?.actionItems.find((a) => a.id === id),
  ];
  const part = (field: string) => /^(decisions|actionItems)\.(.+)$/.exec(field);
  const lostText = (c: EditConflict, key: "text" | "title") =>
    c.lostValue && typeof c.lostValue === "object" ? (c.lostValue as Record<string, unknown>)[key] : undefined;
  return {
    offers(c) {
      const now = item();
      if (!now) return false;
      if (c.field === "title" || c.field === "number") return !same(now[c.field], c.lostValue);
      const [, list, id = ""] = part(c.field) ?? [];
      if (list === "decisions")
        return typeof lostText(c, "text") === "string" && decisionOf(id)?.text !== lostText(c, "text");
      if (list === "actionItems")
        return typeof lostText(c, "title") === "string" && actionOf(id)?.title !== lostText(c, "title");
      return false;
    },
    restore(c) {
      if (c.field === "title" || c.field === "number")
        return updateAgendaItem(doc, itemId, { [c.field]: c.lostValue } as { title?: string; number?: number | null });
      const [, list, id = ""] = part(c.field) ?? [];
      if (list === "decisions") updateDecision(doc, itemId, id, lostText(c, "text") as string);
      else if (list === "actionItems") updateActionItem(doc, itemId, id, { title: lostText(c, "title") as string });
    },
  };
}
