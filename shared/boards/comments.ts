/**
 * Comments on a board's cards (issue 21): a thread per action on a focus board and per goal on the
 * plan. They live in the board's own document, in the root `comments` (a records map keyed by
 * comment id), so they are live and work offline like everything else on the board.
 *
 * Each comment is ONE plain value (not a nested map): creating, editing and deleting it replaces
 * the whole value under its key. That keeps every change to a comment a single map entry, which is
 * what lets the server check authorship after the fact (realtime/comment-guard.ts): only the author
 * may write a comment, edit it or delete it. Deleting keeps the entry, emptied and marked
 * `deleted`, so a thread shows where a comment was.
 *
 * A mention is `@Name` in the text, chosen from the partnership's members; the ids of those chosen
 * are kept in `mentions` (the server notifies them, once, when it projects the board).
 */
import type * as Y from "yjs";
import { z } from "zod";
import { BoardInputError, inputError, newId } from "./access.js";
import { dateTimeSchema, itemIdSchema, text, userIdSchema } from "./fields.js";
import { records, value } from "./spec.js";

export const COMMENT_MAX_CHARS = 4000;
export const COMMENT_MAX_MENTIONS = 20;
export const COMMENTS_PER_BOARD = 5000;

export const commentSchema = z
  .strictObject({
    /** The action's or goal's id. */
    targetId: itemIdSchema,
    authorId: userIdSchema,
    body: text(COMMENT_MAX_CHARS),
    mentions: z.array(userIdSchema).max(COMMENT_MAX_MENTIONS),
    createdAt: dateTimeSchema,
    editedAt: dateTimeSchema.nullable(),
    deleted: z.boolean(),
  })
  .refine((c) => c.deleted || c.body.trim() !== "", { message: "A comment needs some text.", path: ["body"] })
  .refine((c) => !c.deleted || (c.body === "" && c.mentions.length === 0), {
    message: "A deleted comment keeps no text.",
    path: ["body"],
  });

export type CommentValue = z.infer<typeof commentSchema>;
export type Comment = CommentValue & { id: string };

/** The `comments` root, for the board kinds that have threads (focus, plan). */
export const commentsSpec = records(value(commentSchema), COMMENTS_PER_BOARD);

export const COMMENTS_ROOT = "comments";
export const commentsRoot = (doc: Y.Doc) => doc.getMap<unknown>(COMMENTS_ROOT);

const byTime = (a: Comment, b: Comment) =>
  a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1;

/** Every comment on the board that fits the layout (deleted ones included), oldest first. */
export function readComments(doc: Y.Doc, targetId?: string): Comment[] {
  const out: Comment[] = [];
  for (const [id, raw] of commentsRoot(doc).entries()) {
    const parsed = commentSchema.safeParse(raw);
    if (!parsed.success) continue;
    if (targetId !== undefined && parsed.data.targetId !== targetId) continue;
    out.push({ id, ...parsed.data });
  }
  return out.sort(byTime);
}

/** How many comments (not deleted) each card has. */
export function commentCounts(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of readComments(doc)) if (!c.deleted) counts.set(c.targetId, (counts.get(c.targetId) ?? 0) + 1);
  return counts;
}

export function getComment(doc: Y.Doc, id: string): Comment | undefined {
  const parsed = commentSchema.safeParse(commentsRoot(doc).get(id));
  return parsed.success ? { id, ...parsed.data } : undefined;
}

const unique = (ids: string[]) => [...new Set(ids)];

function checked(input: CommentValue): CommentValue {
  const parsed = commentSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw inputError(String(issue?.path[0] ?? "comment"), issue);
  }
  return parsed.data;
}

export interface NewComment {
  targetId: string;
  authorId: string;
  body: string;
  mentions?: string[];
  id?: string;
}

/** Adds a comment and returns its id. Throws BoardInputError when it does not fit. */
export function addComment(doc: Y.Doc, input: NewComment, now: Date = new Date()): string {
  const id = newId(input.id);
  const comment = checked({
    targetId: input.targetId,
    authorId: input.authorId,
    body: input.body.trim(),
    mentions: unique(input.mentions ?? []),
    createdAt: now.toISOString(),
    editedAt: null,
    deleted: false,
  });
  commentsRoot(doc).set(id, comment);
  return id;
}

function own(doc: Y.Doc, id: string, authorId: string): Comment {
  const comment = getComment(doc, id);
  if (!comment) throw new BoardInputError("comment", `no comment ${id} on this board.`);
  if (comment.authorId !== authorId) throw new BoardInputError("comment", "only its author may change a comment.");
  if (comment.deleted) throw new BoardInputError("comment", "the comment is deleted.");
  return comment;
}

/** The author changes the text (and who is mentioned) of their own comment. */
export function editComment(
  doc: Y.Doc,
  id: string,
  authorId: string,
  patch: { body: string; mentions?: string[] },
  now: Date = new Date(),
): void {
  const { id: _id, ...was } = own(doc, id, authorId);
  const next = checked({
    ...was,
    body: patch.body.trim(),
    mentions: unique(patch.mentions ?? was.mentions),
    editedAt: now.toISOString(),
  });
  commentsRoot(doc).set(id, next);
}

/** The author deletes their own comment: its text goes, a marker stays in the thread. */
export function deleteComment(doc: Y.Doc, id: string, authorId: string, now: Date = new Date()): void {
  const { id: _id, ...was } = own(doc, id, authorId);
  commentsRoot(doc).set(id, checked({ ...was, body: "", mentions: [], deleted: true, editedAt: now.toISOString() }));
}

/** The `@Name` a mention puts into the text. */
export const mentionText = (name: string) => `@${name}`;

/**
 * The mentions still present in an edited text: a person picked earlier whose `@Name` was erased
 * is no longer mentioned (and is not notified).
 */
export function mentionsIn(body: string, picked: { id: string; name: string }[]): string[] {
  return unique(picked.filter((p) => body.includes(mentionText(p.name))).map((p) => p.id));
}
