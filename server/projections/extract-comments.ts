/**
 * The comments of a focus board's actions or a plan's goals (shared/boards/comments.ts) as
 * projection rows: one per comment that is not deleted and whose card is still on the board, and
 * a search entry for its text (titled with the card's title, so a hit says what it is about).
 */
import type * as Y from "yjs";
import { readComments } from "../../shared/boards/comments.js";
import type { ProjectionRows } from "./extract.js";

export type CommentTarget = { kind: "action" | "goal"; title: string };

export function extractComments(
  doc: Y.Doc,
  base: { boardId: string; workspaceId: string },
  rows: ProjectionRows,
  targets: Map<string, CommentTarget>,
  join: (...parts: string[]) => string,
): void {
  for (const c of readComments(doc)) {
    const target = targets.get(c.targetId);
    if (c.deleted || !target) continue;
    rows.comments.push({
      ...base,
      commentId: c.id,
      targetId: c.targetId,
      targetKind: target.kind,
      authorId: c.authorId,
      mentions: c.mentions,
      createdAt: new Date(c.createdAt),
      editedAt: c.editedAt ? new Date(c.editedAt) : null,
    });
    rows.search.push({ ...base, entryId: c.id, kind: "comment", title: target.title, body: join(c.body) });
  }
}
