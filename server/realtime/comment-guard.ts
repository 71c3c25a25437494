/**
 * Comments belong to their authors (issue 21, shared/boards/comments.ts): a member may write a
 * comment only as themselves, and edit or delete only their own. Each comment is one value under
 * its id in the root `comments`, so every change to one is a change of that map entry.
 *
 * Like the governance guard (governance-guard.ts), the member's update is applied as it is; an
 * observer on the comments root records what each changed entry held before. If the update wrote
 * a comment under someone else's name, or changed or removed another person's comment, that entry
 * is put back (or removed) in the same step, and the room stores and sends, instead of the
 * member's update, one with the undo — to the member too, with a permission-denied notice. The
 * connection stays open and nobody's copy is stranded.
 */
import type * as Y from "yjs";
import { COMMENTS_ROOT, commentsRoot } from "../../shared/boards/comments.js";
import type { BoardSpec } from "../../shared/boards/spec.js";
import type { GovernanceFinding } from "./governance-guard.js";

type Before = { had: boolean; value: unknown };

const authorOf = (value: unknown): unknown =>
  value !== null && typeof value === "object" ? (value as { authorId?: unknown }).authorId : undefined;
const field = (value: unknown, name: "targetId" | "createdAt"): unknown =>
  value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;

export class CommentWatch {
  /** Per changed key, while a member's update is applied: what the entry held before it. */
  private before: Map<string, Before> | null = null;
  private readonly root: Y.Map<unknown>;

  /** Null for a board kind without comments. */
  static for(doc: Y.Doc, spec: BoardSpec): CommentWatch | null {
    return spec.roots[COMMENTS_ROOT] ? new CommentWatch(doc) : null;
  }

  private constructor(doc: Y.Doc) {
    // Asked for by type here, so the root is a Y.Map before any update arrives.
    this.root = commentsRoot(doc);
    // Observers run before deleted content is garbage-collected: the old value is still there.
    this.root.observe((event) => {
      if (!this.before) return;
      for (const [key, change] of event.changes.keys) {
        if (this.before.has(key)) continue;
        this.before.set(key, { had: change.action !== "add", value: change.oldValue });
      }
    });
  }

  /** Call right before applying a member's update. */
  begin(): void {
    this.before = new Map();
  }

  /** Right after applying it: how to undo what `userId` may not change (empty when nothing). */
  end(userId: string): GovernanceFinding[] {
    const before = this.before;
    this.before = null;
    if (!before || before.size === 0) return [];
    const found: GovernanceFinding[] = [];
    const root = this.root;
    for (const [key, was] of before) {
      const now = root.get(key);
      const nowThere = root.has(key);
      const putBack = () => (was.had ? root.set(key, was.value) : root.delete(key));
      let allowed: boolean;
      if (was.had && authorOf(was.value) !== userId) allowed = false;
      else if (!nowThere)
        allowed = true; // one's own comment removed
      else if (authorOf(now) !== userId) allowed = false;
      else if (
        was.had &&
        (field(now, "targetId") !== field(was.value, "targetId") ||
          field(now, "createdAt") !== field(was.value, "createdAt"))
      )
        allowed = false; // a comment stays on its card and keeps its time
      else allowed = true;
      if (!allowed) found.push({ field: `${COMMENTS_ROOT}.${key}`, remove: putBack });
    }
    return found;
  }
}
