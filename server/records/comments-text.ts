/**
 * The comments on a board's actions and goals in the partnership's data export (issue 21): in the
 * Markdown under the action or goal they are about (who, when, what), and all of them in the JSON
 * — deleted ones as a trace without text, as the board keeps them. Pure, like board-text.ts.
 */
import type * as Y from "yjs";
import { type Comment, readComments } from "../../shared/boards/comments.js";
import { escapeMarkdown, formatInstant } from "../minutes/render-markdown.js";

const when = (iso: string) => formatInstant(iso, "sv");

/** Everyone a board's comments name: their authors and the people they mention. */
export function commentPeople(doc: Y.Doc): string[] {
  return [...new Set(readComments(doc).flatMap((c) => [c.authorId, ...c.mentions]))];
}

/** The board's comments as plain data, oldest first (deleted ones as `deleted: true`, no text). */
export function commentsJson(doc: Y.Doc): Comment[] {
  return readComments(doc);
}

/** One comment as a Markdown list item; `indent` places it under a list item of its own. */
function commentLine(c: Comment, people: ReadonlyMap<string, string>, indent: string): string {
  const author = escapeMarkdown(people.get(c.authorId) ?? "(okänd)", null);
  const edited = c.editedAt && !c.deleted ? ` (ändrad ${when(c.editedAt)})` : "";
  const head = `${indent}- **${author}**, ${when(c.createdAt)}${edited}`;
  return c.deleted ? `${head}: *Kommentaren togs bort.*` : `${head}: ${escapeMarkdown(c.body, `${indent}  `)}`;
}

/** An action's thread under a heading of its own; nothing when it has none. */
export function actionComments(doc: Y.Doc, actionId: string, people: ReadonlyMap<string, string>): string[] {
  const thread = readComments(doc, actionId);
  if (thread.length === 0) return [];
  return ["", `#### Kommentarer (${thread.length})`, "", ...thread.map((c) => commentLine(c, people, ""))];
}

/** A goal's thread as a list nested under the goal's list item; nothing when it has none. */
export function goalComments(doc: Y.Doc, goalId: string, people: ReadonlyMap<string, string>): string[] {
  const thread = readComments(doc, goalId);
  if (thread.length === 0) return [];
  return [`  - Kommentarer (${thread.length}):`, ...thread.map((c) => commentLine(c, people, "    "))];
}
