/**
 * What changed between two versions of a board, in structured form: stored with each version
 * (board_versions.changes) and put into words by the web app ("Sofia flyttade 'Brytpunktssamtal'
 * till Pågår"), in the reader's language. Plain data, no Yjs.
 */

/** The kinds of things on a board that have their own history. */
export const ITEM_TYPES = [
  "action",
  "goal",
  "section",
  "contact",
  "agendaItem",
  "decision",
  "actionItem",
  "indicator",
  // The roadmap (färdplan): phases with their activities, milestones, focus areas' steps in the cycle.
  "phase",
  "activity",
  "milestone",
  "cycleStep",
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Board-level fields (not items) whose edits are recorded as "edited the description" etc. */
export const BOARD_FIELDS = [
  "description",
  "targetGroup",
  "perspectives",
  "purpose",
  "meetingCadence",
  "period",
  "meeting",
  "attendees",
] as const;
export type BoardField = (typeof BOARD_FIELDS)[number];

interface ItemChangeBase {
  /** Who made the change (a user id; null for the server itself). */
  by: string | null;
  itemId: string;
  itemType: ItemType;
  /** The item's title when the change was made (after it, for a rename: `to`). */
  title: string;
}

export type HistoryChange =
  | (ItemChangeBase & { kind: "added"; status: string | null })
  | (ItemChangeBase & { kind: "removed" })
  /** Its status (the column of a focus card, a goal's outcome) changed. */
  | (ItemChangeBase & { kind: "moved"; from: string; to: string })
  | (ItemChangeBase & { kind: "renamed"; from: string; to: string })
  /** Its owner changed (`to` is a user id, or null for nobody). */
  | (ItemChangeBase & { kind: "assigned"; to: string | null })
  /** Its due date changed (YYYY-MM-DD, or null for none). */
  | (ItemChangeBase & { kind: "dated"; to: string | null })
  /** Something else in it changed (description, notes, measurements, …). */
  | (ItemChangeBase & { kind: "edited" })
  | { by: string | null; kind: "fieldEdited"; field: BoardField };

export type HistoryChangeKind = HistoryChange["kind"];

/** Every text a change carries (titles before and after): what `history.forget` looks at besides the content. */
export function changeTexts(change: HistoryChange): string[] {
  if (change.kind === "fieldEdited") return [];
  if (change.kind === "renamed") return [change.title, change.from, change.to];
  return [change.title];
}
