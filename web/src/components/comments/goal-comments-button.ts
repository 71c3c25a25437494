/**
 * The plan board's hook for a goal's comments: a "Kommentarer (n)" button per goal that opens the
 * thread in a dialog (goal-comments.ts, loaded on the first click). The count is live: the plan
 * board re-renders on every change of its document.
 */
import { html } from "lit";
import type * as Y from "yjs";
import { commentCounts } from "../../../../shared/boards/comments.js";
import { tc } from "./comment-texts.js";

interface Host extends HTMLElement {
  boardId: string;
  canEdit: boolean;
}

const counted = new WeakMap<Y.Doc, Map<string, number>>();

/** Comment counts per goal, worked out once per render of the board (not once per goal). */
function countOf(doc: Y.Doc, goalId: string): number {
  let counts = counted.get(doc);
  if (!counts) {
    counts = commentCounts(doc);
    counted.set(doc, counts);
    queueMicrotask(() => counted.delete(doc));
  }
  return counts.get(goalId) ?? 0;
}

/** Opens a goal's thread; `comment` (from a link) is focused in it. */
export async function openThread(host: Host, doc: Y.Doc, goal: { id: string; title: string }, comment?: string) {
  await import("./goal-comments.js");
  const root = host.shadowRoot ?? host;
  let dialog = root.querySelector("goal-comments");
  if (!dialog) {
    dialog = document.createElement("goal-comments");
    root.appendChild(dialog);
  }
  await (dialog as unknown as { open: (o: unknown) => Promise<void> }).open({
    doc,
    boardId: host.boardId,
    goal,
    canWrite: host.canEdit,
    comment,
  });
}

export function goalCommentsButton(host: Host, doc: Y.Doc, goal: { id: string; title: string }) {
  const count = countOf(doc, goal.id);
  return html`<button
    type="button"
    class="secondary"
    data-comments=${goal.id}
    aria-label=${tc("comments.buttonLabel", { title: goal.title, count })}
    @click=${() => void openThread(host, doc, goal)}
  >
    ${tc("comments.button", { count })}
  </button>`;
}
