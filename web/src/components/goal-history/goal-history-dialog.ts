/**
 * Opens "Mål över tid" for one goal in a modal dialog over whatever board asked for it (the plan
 * board's button per goal): `openGoalHistory(options)`. Loaded on demand with the view itself;
 * closing returns focus to the button that opened it.
 */
import { css, html, LitElement } from "lit";
import type * as Y from "yjs";
import { LocaleController } from "../../i18n/i18n.js";
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
  static override styles = css`
    dialog {
      width: min(48rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      border: 1px solid var(--color-border, #ccc);
      border-radius: var(--radius, 0.5rem);
      padding: 1rem 1.25rem;
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      gap: 1rem;
    }
    h1 {
      font-size: 1.1rem;
      margin: 0;
    }
    header button {
      font: inherit;
      min-height: var(--touch, 2.75rem);
      padding: 0 1rem;
      border: 1px solid var(--color-primary, #0b5a8a);
      border-radius: var(--radius, 0.5rem);
      background: #fff;
      color: var(--color-primary, #0b5a8a);
      cursor: pointer;
    }
  `;
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
      <header>
        <h1 id="ghd-title">${tg("gh.title")}</h1>
        <button type="button" @click=${() => this.renderRoot.querySelector("dialog")?.close()}>${tg("gh.close")}</button>
      </header>
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
