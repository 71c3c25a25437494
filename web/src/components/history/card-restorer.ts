/** Putting back a card's lost value (restorers.ts). */
import type * as Y from "yjs";
import {
  type Action,
  type ActionPatch,
  getAction,
  moveAction,
  readFocus,
  updateAction,
} from "../../../../shared/boards/focus.js";
import type { ActionStatus } from "../../../../shared/boards/vocabulary.js";
import { type Restorer, same } from "./restorers.js";

/** A card's fields, as the card dialog writes them; a status by moving the card to the end of that column. */
const CARD_FIELDS: readonly string[] = ["title", "ownerId", "organizationId", "dueDate", "pdsaPhase", "status"];

export function cardRestorer(doc: Y.Doc, actionId: string): Restorer {
  const now = (): Action | undefined => getAction(doc, actionId);
  return {
    offers: (c) => CARD_FIELDS.includes(c.field) && !same(now()?.[c.field as keyof Action], c.lostValue),
    restore(c) {
      if (c.field !== "status") return updateAction(doc, actionId, { [c.field]: c.lostValue } as ActionPatch);
      const status = c.lostValue as ActionStatus;
      const last = readFocus(doc)
        .actions.filter((a) => a.status === status && a.id !== actionId)
        .at(-1);
      moveAction(doc, actionId, status, last?.id ?? null);
    },
  };
}
