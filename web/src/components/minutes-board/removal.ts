/**
 * Deleting an agenda item or an action item from the minutes (issue 21): a dialog naming the item
 * asks first, and for a while after, "Ångra" (components/undo-toast) brings it back. The deletion
 * is one undoable step of this person's (collab/undo.ts): undoing it never touches what anyone
 * else wrote meanwhile, and Ctrl+Z outside the text fields takes it back too.
 */
import { html, type ReactiveControllerHost } from "lit";
import type * as Y from "yjs";
import type { UndoStep } from "../../collab/undo.js";
import { t } from "../../i18n/i18n.js";
import "../undo-toast/undo-toast.js";
import { type RemovedAt, removalFocus } from "./removal-focus.js";

interface Pending {
  doc: Y.Doc;
  question: string;
  done: string;
  title: string;
  remove: () => void;
  at: RemovedAt;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode; updateComplete: Promise<boolean> };

export class Removal {
  private pending: Pending | null = null;
  /** Where focus goes back to when the dialog is cancelled. */
  private opener: HTMLElement | null = null;

  constructor(
    private readonly host: Host,
    /** Writes one undoable step (reporting input that does not fit); null when nothing was written. */
    private readonly write: (change: () => void) => UndoStep | null,
  ) {}

  /** Asks before running `remove`; `question` and `done` are the texts naming the item. */
  async ask(
    doc: Y.Doc,
    title: string,
    question: string,
    done: string,
    remove: () => void,
    at: RemovedAt,
  ): Promise<void> {
    this.opener = (this.host.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.pending = { doc, title, question, done, remove, at };
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.dialog()?.showModal();
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector("dialog.confirm-remove");
  }

  private cancel = () => {
    this.dialog()?.close();
    this.pending = null;
    this.host.requestUpdate();
    this.opener?.focus();
  };

  private confirm = () => {
    const pending = this.pending;
    this.dialog()?.close();
    this.pending = null;
    this.host.requestUpdate();
    if (pending) this.now(pending.doc, pending.title, pending.done, pending.remove, pending.at);
  };

  /** Runs `remove` as one undoable step, then offers "Ångra" saying `done` (focus on it, see removal-focus.ts). */
  now(doc: Y.Doc, title: string, done: string, remove: () => void, at: RemovedAt): void {
    const plan = removalFocus(this.host, doc, at);
    const step = this.write(remove);
    if (step) void this.host.renderRoot.querySelector("undo-toast")?.offer(doc, step, done, title, true, plan);
  }

  render() {
    const p = this.pending;
    // The shared dialog look (styles/dialog.ts); no close button: "Avbryt" and Escape are the way out.
    return html`<dialog class="confirm-remove narrow" aria-labelledby="remove-h" aria-describedby="remove-q" @cancel=${this.cancel}>
        <div class="dialog-head"><h2 id="remove-h">${t("governance.confirmTitle")}</h2></div>
        <p id="remove-q">${p?.question ?? ""}</p>
        <div class="dialog-actions">
          <button type="button" class="danger" @click=${this.confirm}>${t("governance.confirm")}</button>
          <button type="button" class="secondary" @click=${this.cancel}>${t("governance.cancel")}</button>
        </div>
      </dialog>
      <undo-toast></undo-toast>`;
  }
}
