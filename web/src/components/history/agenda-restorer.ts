/** Putting back an agenda item's lost value (restorers.ts). */
import type * as Y from "yjs";
import type { EditConflict } from "../../../../shared/api/history.js";
import { readMinutes, updateActionItem, updateAgendaItem, updateDecision } from "../../../../shared/boards/minutes.js";
import { actionItemField } from "./conflicts.js";
import { type Restorer, same } from "./restorers.js";

/**
 * An agenda item's lost title or § number, its decisions' lost texts, and its action items' lost
 * title, owner or due date (one field at a time, as the history splits them: conflicts.ts perField).
 */
export function agendaRestorer(doc: Y.Doc, itemId: string): Restorer {
  const item = () => readMinutes(doc).items.find((i) => i.id === itemId);
  const [decisionOf, actionOf] = [
    (id: string) => item()?.decisions.find((d) => d.id === id),
    (id: string) => item()?.actionItems.find((a) => a.id === id),
  ];
  const decision = (field: string) => /^decisions\.([^.]+)$/.exec(field)?.[1];
  const lostText = (c: EditConflict) =>
    c.lostValue && typeof c.lostValue === "object" ? (c.lostValue as Record<string, unknown>).text : undefined;
  return {
    offers(c) {
      const now = item();
      if (!now) return false;
      if (c.field === "title" || c.field === "number") return !same(now[c.field], c.lostValue);
      const decisionId = decision(c.field);
      if (decisionId) return typeof lostText(c) === "string" && decisionOf(decisionId)?.text !== lostText(c);
      const part = actionItemField(c.field);
      const action = part && actionOf(part.id);
      // A title is never empty; an owner or a due date may be put back to none.
      if (!part || !action || (part.key === "title" && typeof c.lostValue !== "string")) return false;
      return !same(action[part.key], c.lostValue);
    },
    restore(c) {
      if (c.field === "title" || c.field === "number")
        return updateAgendaItem(doc, itemId, { [c.field]: c.lostValue } as { title?: string; number?: number | null });
      const decisionId = decision(c.field);
      if (decisionId) return updateDecision(doc, itemId, decisionId, lostText(c) as string);
      const part = actionItemField(c.field);
      if (part) updateActionItem(doc, itemId, part.id, { [part.key]: c.lostValue });
    },
  };
}
