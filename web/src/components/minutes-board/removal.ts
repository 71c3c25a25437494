/**
 * Deleting an agenda item or an action item from the minutes (issue 21): a dialog naming the item
 * asks first, and for a few seconds after, "Ångra" brings it back. The deletion is written with
 * this controller as its origin and captured by a Y.UndoManager scoped to the agenda and to that
 * one deletion: undoing never touches what anyone else wrote meanwhile.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import * as Y from "yjs";
import { t } from "../../i18n/i18n.js";

const UNDO_MS = 10_000;

interface Pending {
  doc: Y.Doc;
  question: string;
  done: string;
  title: string;
  remove: () => void;
}
interface Undoable {
  manager: Y.UndoManager;
  message: string;
  title: string;
  timer: ReturnType<typeof setTimeout>;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: ParentNode };

export class Removal implements ReactiveController {
  private pending: Pending | null = null;
  private undoable: Undoable | null = null;
  /** What the status line says after an undo. */
  private said: string | null = null;
  /** Where focus goes back to when the dialog is cancelled. */
  private opener: HTMLElement | null = null;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.forget();
  }

  /** Asks before running `remove`; `question` and `done` are the texts naming the item. */
  async ask(doc: Y.Doc, title: string, question: string, done: string, remove: () => void): Promise<void> {
    this.opener = (this.host.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    this.pending = { doc, title, question, done, remove };
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

  private confirm = async () => {
    const pending = this.pending;
    this.dialog()?.close();
    this.pending = null;
    if (!pending) return;
    this.forget();
    const manager = new Y.UndoManager(pending.doc.getMap("items"), {
      trackedOrigins: new Set([this]),
      captureTimeout: 0,
    });
    pending.doc.transact(pending.remove, this);
    const timer = setTimeout(() => this.forget(), UNDO_MS);
    this.undoable = { manager, message: pending.done, title: pending.title, timer };
    this.said = null;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLButtonElement>("button.undo")?.focus();
  };

  private undo = () => {
    const undoable = this.undoable;
    if (!undoable) return;
    undoable.manager.undo();
    this.said = t("governance.undone", { title: undoable.title });
    this.forget();
  };

  private forget() {
    if (!this.undoable) return;
    clearTimeout(this.undoable.timer);
    this.undoable.manager.destroy();
    this.undoable = null;
    this.host.requestUpdate();
  }

  render() {
    const p = this.pending;
    const u = this.undoable;
    return html`<dialog class="confirm-remove" aria-labelledby="remove-h" aria-describedby="remove-q" @cancel=${this.cancel}>
        <h2 id="remove-h">${t("governance.confirmTitle")}</h2>
        <p id="remove-q">${p?.question ?? ""}</p>
        <div class="row">
          <button type="button" class="danger" @click=${this.confirm}>${t("governance.confirm")}</button>
          <button type="button" class="secondary" @click=${this.cancel}>${t("governance.cancel")}</button>
        </div>
      </dialog>
      <div class=${u || this.said ? "undo-bar active" : "undo-bar"} role="status">
        ${
          u
            ? html`<span>${u.message}</span>
                <button type="button" class="secondary undo" aria-label="${t("governance.undo")}: ${u.title}" @click=${this.undo}>
                  ${t("governance.undo")}
                </button>`
            : (this.said ?? nothing)
        }
      </div>`;
  }
}
