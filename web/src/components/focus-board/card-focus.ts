/**
 * Where keyboard focus goes around a deleted card (issue 21): to the card when "Ångra" brings it
 * back, and to a neighbour in its column (else the first card, else the new-card field) when the
 * toast goes while focus is on it — never to the page itself.
 */
import type { UndoStep } from "../../collab/undo.js";
import { afterGone, whenShown } from "../../collab/when-shown.js";
import type { FocusPlan } from "../undo-toast/undo-toast.js";

/** What the card dialog says about a card it deleted (`action-removed`). */
export interface RemovedCard {
  step: UndoStep;
  title: string;
  id: string;
  /** Its neighbours in the column when it went, the next one first. */
  near: string[];
}

type Board = HTMLElement & { renderRoot: ParentNode; updateComplete: Promise<boolean> };

const cardButton = (board: Board, id: string) =>
  board.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"] button.open`);

export function cardFocus(board: Board, card: RemovedCard): FocusPlan {
  return {
    restored: () => whenShown(board, () => cardButton(board, card.id)),
    neighbour: () =>
      afterGone(
        board,
        () => cardButton(board, card.id),
        () => neighbour(board, card),
      ),
  };
}

function neighbour(board: Board, card: RemovedCard): HTMLElement | null {
  for (const id of card.near) {
    const button = cardButton(board, id);
    if (button) return button;
  }
  return (
    board.renderRoot.querySelector<HTMLElement>("li.card button.open") ??
    board.renderRoot.querySelector<HTMLElement>("form.add input")
  );
}
