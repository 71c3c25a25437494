/**
 * What follows each goal in both the read and the edit view: "Mål över tid" (status history,
 * components/goal-history) and "Kommentarer (n)" (components/comments), each loaded when opened.
 */
import { html } from "lit";
import type * as Y from "yjs";
import type { Goal } from "../../../../shared/boards/plan.js";
import { t } from "../../i18n/i18n.js";
import { goalCommentsButton } from "../comments/goal-comments-button.js";

export interface GoalExtrasHost extends HTMLElement {
  boardId: string;
  canEdit: boolean;
  userId: string;
  workspaceId: string;
}

function historyButton(host: GoalExtrasHost, doc: Y.Doc, g: Goal) {
  const open = async (e: Event) => {
    const opener = e.currentTarget as HTMLElement;
    const { openGoalHistory } = await import("../goal-history/goal-history-dialog.js");
    openGoalHistory(
      { doc, goalId: g.id, canEdit: host.canEdit, userId: host.userId, workspaceId: host.workspaceId },
      opener,
    );
  };
  return html`<button type="button" class="goal-history" aria-label="${t("plan.goalHistory")}: ${g.title}" @click=${open}>
    ${t("plan.goalHistory")}
  </button>`;
}

export function goalExtras(host: GoalExtrasHost, doc: Y.Doc, g: Goal) {
  return html`<div class="goal-extras">${historyButton(host, doc, g)}${goalCommentsButton(host, doc, g)}</div>`;
}
