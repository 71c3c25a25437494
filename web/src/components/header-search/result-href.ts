/** Where a search hit opens: its board, at the card, goal, section or agenda item (with its §). */
import type { SearchResult } from "../../../../shared/api/content.js";
import { paths } from "../../router.js";

export function resultHref(r: SearchResult): string {
  const at = r.entryId ?? undefined;
  switch (r.kind) {
    case "action":
      return paths.boardAt(r.boardId, { action: at });
    case "goal":
      return paths.boardAt(r.boardId, { goal: at });
    case "section":
      return paths.boardAt(r.boardId, { section: at });
    case "comment":
      // On the card or goal it is about, its thread open at the comment.
      return r.boardKind === "plan"
        ? paths.boardAt(r.boardId, { goal: r.itemId ?? undefined, comment: at })
        : paths.boardAt(r.boardId, { action: r.itemId ?? undefined, comment: at });
    case "decisionPoint":
      return r.workspaceId && at ? paths.decisionPoint(r.workspaceId, at) : paths.workspaces();
    case "item":
    case "decision":
      return paths.boardAt(r.boardId, { item: r.itemId ?? undefined, paragraph: r.paragraph });
    default:
      return paths.board(r.boardId);
  }
}
