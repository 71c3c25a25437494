/**
 * Opens "Mål över tid" for one goal in a modal dialog over whatever board asked for it (the plan
 * board's button per goal): `openGoalHistory(options)`. Loaded on demand with the view itself;
 * closing returns focus to the button that opened it.
 */
import { css, html, LitElement } from "lit";
import type * as Y from "yjs";
import { LocaleController } from "../../i18n/i18n.js";
import { dialogHead, dialogStyles } from "../../styles/dialog.js";
import { tg } from "./goal-history-texts.js";
import "./goal-history.js";

export interface GoalHistoryOptions {
  doc: Y.Doc;
  goalId: string;
  canEdit: boolean;
  userId: string;
  workspaceId: string;
}

export class GoalHistoryDialog extends LitElement {
  static override styles = [
    dialogStyles,
    css`
      dialog {
        max-width: min(48rem, calc(100vw - 2 * var(--space-4)));
      }
    `,
  ];
  static override properties = { options: { attribute: false } };
  declare options: GoalHistoryOptions | null;
  private opener: HTMLElement | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.options = null;
  }

  async show(options: GoalHistoryOptions, opener: HTMLElement | null) {
    this.options = options;
    this.opener = opener;
    await this.updateComplete;
    this.renderRoot.querySelector("dialog")?.showModal();
  }

  override render() {
    const o = this.options;
    if (!o) return html``;
    return html`<dialog aria-labelledby="ghd-title" @close=${() => this.closed()}>
      ${dialogHead("ghd-title", tg("gh.title"), tg("gh.close"), () => this.renderRoot.querySelector("dialog")?.close(), 1)}
      <goal-history
        .doc=${o.doc}
        .goalId=${o.goalId}
        .canEdit=${o.canEdit}
        .userId=${o.userId}
        .workspaceId=${o.workspaceId}
      ></goal-history>
    </dialog>`;
  }

  private closed() {
    this.remove();
    this.opener?.focus();
  }
}

customElements.define("goal-history-dialog", GoalHistoryDialog);

/** Opens the view for a goal; `opener` gets focus back when it closes. */
export function openGoalHistory(options: GoalHistoryOptions, opener: HTMLElement | null): void {
  const dialog = document.createElement("goal-history-dialog") as GoalHistoryDialog;
  document.body.append(dialog);
  void dialog.show(options, opener);
}
