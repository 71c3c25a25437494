/** What the parts of the minutes screen (meeting, attendees, agenda items) get from the board element. */
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import type { NewActionItem } from "../../../../shared/boards/minutes.js";
import type { Board } from "../../api/types.js";
import type { Member } from "../focus-board/focus-board.js";
import type { RemovedAt } from "./removal-focus.js";

export interface MinutesView {
  doc: Y.Doc;
  /** The minutes board's id (for its items' history, agenda-last-changed.ts). */
  boardId?: string;
  /** Observers, and everyone once the minutes are closed: text only, no controls. */
  readOnly: boolean;
  members: Member[];
  /**
   * Runs this meeting (a convener of the partnership, or the convener the minutes name): may
   * change the convener and the approvers and delete agenda items. The server enforces the same.
   */
  governs: boolean;
  /** Asks (a dialog naming the item) before `remove` runs; offers to undo it for a few seconds after. */
  confirmRemove(kind: "item" | "action", title: string, at: RemovedAt, remove: () => void): void;
  /** Runs `remove` at once and offers to undo it for a while (a decision: quick to write again). */
  removeNow(title: string, done: string, at: RemovedAt, remove: () => void): void;
  /** The partnership's focus-area boards (not archived), for an action item's focus area. */
  focusBoards: Board[];
  awareness: Awareness;
  /** Runs a write; input that does not fit the board is reported on the screen, not thrown. */
  write(change: () => void): void;
  /** Action items being added to their focus area now, and the ones that failed (id → reason). */
  linking: ReadonlySet<string>;
  linkFailures: ReadonlyMap<string, string>;
  addActionItem(itemId: string, input: NewActionItem): void;
  /** Adds the action item's action to its focus area (again, after a failure). */
  link(itemId: string, actionItemId: string): void;
  /** Partnership and board, for "Registrera som beslutspunkt" (members and conveners, also once locked); null for observers. */
  decisionPointsOf: { workspaceId: string; boardId: string } | null;
}

export const memberName = (view: MinutesView, userId: string | null) =>
  userId ? view.members.find((m) => m.userId === userId)?.name : undefined;

/** The value of the input, select or textarea an event came from. */
export const inputValue = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
