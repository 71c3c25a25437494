/** Board history: query and body schemas of its endpoints, and the answers the web app reads. */
import { z } from "zod";
import type { BoardField, HistoryChange, ItemType } from "../history/changes.js";

export const historyListQuery = z.strictObject({
  limit: z.coerce.number("Limit must be a number.").int().min(1).max(100).default(20),
  /** Paging: versions whose last change is before this point (the previous page's `next`). */
  before: z.iso.datetime({ offset: true, message: "Not a valid date and time." }).optional(),
});

/** Endpoints that take no query parameters refuse unknown ones, like every other. */
export const noQuery = z.strictObject({});

/** Restoring takes no options; an empty object (or no body) is the whole request. */
export const restoreBody = z.strictObject({});

export interface VersionSummary {
  id: string;
  /** When the first and the last change of this version were stored. */
  startedAt: string;
  endedAt: string;
  authorIds: (string | null)[];
  changes: HistoryChange[];
  /** Changes not listed (a version lists at most 200). */
  moreChanges: number;
}

/** Display names of the people a page of history mentions (authors, new owners), by user id. */
export type People = Record<string, string>;

export interface HistoryPage {
  versions: VersionSummary[];
  /** How many days versions are kept (HISTORY_RETENTION_DAYS). */
  retentionDays: number;
  people: People;
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: string | null;
}

export interface VersionItem {
  id: string;
  type: ItemType;
  parentId: string | null;
  title: string;
  status: string | null;
  ownerId: string | null;
  dueDate: string | null;
  body: string;
}

/** A board as it was: board-level fields and its items in the board's order, as text. */
export interface VersionContent {
  fields: Partial<Record<BoardField, string>>;
  items: VersionItem[];
}

export interface VersionAnswer {
  version: VersionSummary;
  content: VersionContent;
  people: People;
}

export interface RestoreAnswer {
  restored: { versionId: string };
  /** The board's content now (what the version held). */
  content: VersionContent;
}

/**
 * An edit of one field that lost to a concurrent edit (two people, one of them offline): Yjs kept
 * one value and dropped this one. `lostBy`/`keptBy` are null when the server did not learn who.
 */
export interface EditConflict {
  id: string;
  at: string;
  /** The field's key in the item (`title`, `dueDate` …; nested keys joined with "."). */
  field: string;
  lostValue: unknown;
  lostBy: string | null;
  keptValue: unknown;
  keptBy: string | null;
}

export interface ItemHistoryAnswer {
  entries: { versionId: string; at: string; change: HistoryChange }[];
  /** Edits of the item that lost a conflict, newest first (issue 21). */
  conflicts: EditConflict[];
  people: People;
}
