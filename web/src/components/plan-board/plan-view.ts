/** What the parts of the plan (read view, edit view, the section, goal and contact editors) get from the board element. */
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import type { Goal } from "../../../../shared/boards/plan.js";
import type { ItemDrag } from "./reorder.js";

export type PlanList = "sections" | "goals" | "contacts";

export interface PlanView {
  doc: Y.Doc;
  awareness: Awareness;
  /**
   * Extra content per goal in both views, after the goal's own fields (e.g. its comment thread,
   * "Kommentarer"); nothing by default.
   */
  goalExtras(goal: Goal): unknown;
}

export interface PlanEditView extends PlanView {
  /** One undoable write of this person's; input that does not fit is said on the page, not thrown. */
  write(change: () => void): void;
  /** Removes at once and offers "Ångra" for a while. */
  remove(list: PlanList, id: string, title: string): void;
  /** Moves one place up (-1) or down (1) among its list, announced. */
  move(list: PlanList, id: string, by: -1 | 1): void;
  drag: ItemDrag;
}

/** The value of the input, select or textarea an event came from. */
export const fieldValue = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
