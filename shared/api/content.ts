/** Query parameters and answers of the endpoints that read projections of board content. */
import { z } from "zod";
import { ACTION_STATUSES } from "../boards/focus.js";

const uuid = (what: string) => z.uuid(`Not a valid ${what} id.`);
const flag = z.enum(["true", "false"], "Use true or false.").transform((v) => v === "true");

export const actionsQuery = z.strictObject({
  /** A user id, or "me" for the caller. */
  owner: z.union([z.literal("me"), uuid("user")]).optional(),
  organization: uuid("organisation").optional(),
  /** One status or several separated by commas, e.g. planned,in_progress. */
  status: z
    .string()
    .transform((s) => s.split(",").map((part) => part.trim()))
    .pipe(z.array(z.enum(ACTION_STATUSES, `Status must be one of ${ACTION_STATUSES.join(", ")}.`)).min(1))
    .optional(),
  /** true: only actions past their due date and not done; false: only the others. */
  overdue: flag.optional(),
  board: uuid("board").optional(),
});
export type ActionsQuery = z.output<typeof actionsQuery>;

export const limitQuery = z.strictObject({
  limit: z.coerce.number("Limit must be a number.").int().min(1).max(500).default(100),
});

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1, "Type something to search for.").max(200, "A search has at most 200 characters."),
  limit: z.coerce.number("Limit must be a number.").int().min(1).max(100).default(30),
});

/** A snippet of matching text: plain-text parts, `match` marks the words that matched. Never HTML. */
export type SnippetPart = { text: string; match: boolean };

export const SEARCH_KINDS = [
  "action",
  "goal",
  "decision",
  "item",
  "section",
  "contact",
  "board",
  "comment",
  "indicator",
  "decisionPoint",
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One search hit, with what a link to it needs (paths.boardAt in the web app). */
export interface SearchResult {
  boardId: string;
  boardTitle: string;
  boardKind: "focus" | "plan" | "minutes" | "followup";
  /** null: the board itself. */
  entryId: string | null;
  kind: SearchKind;
  title: string;
  /** The title in parts, the words that matched marked (as `snippet`). */
  titleParts: SnippetPart[];
  /**
   * Agenda items and decisions: the agenda item to open, and its § number when it has one.
   * Comments: the action or goal they are on.
   */
  itemId: string | null;
  paragraph: number | null;
  snippet: SnippetPart[];
  rank: number;
  /** Decision points (not on a board, `boardId` empty): the partnership they belong to. */
  workspaceId?: string;
}
