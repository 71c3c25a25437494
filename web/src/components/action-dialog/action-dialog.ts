/**
 * The card dialog: every field of an action (shared/boards/focus.ts) — title, status, owner,
 * responsible organisation, due date, PDSA phase with a note per phase, measurements — written
 * to the board as they change. A native modal <dialog>: focus stays inside, Escape closes, focus
 * returns to the card. Observers get the same content as text, without inputs.
 */
import { css, html, LitElement, nothing } from "lit";
import type * as Y from "yjs";
import {
  type Action,
  actionDescription,
  getAction,
  moveAction,
  readFocus,
  removeAction,
  setPdsaNote,
  updateAction,
} from "../../../../shared/boards/focus.js";
import {
  ACTION_STATUSES,
  type ActionStatus,
  PDSA_PHASES,
  type PdsaPhase,
} from "../../../../shared/boards/vocabulary.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import { dialogHead, dialogStyles } from "../../styles/dialog.js";
import { formStyles, srOnly } from "../../styles/shared.js";
import type { Member } from "../focus-board/focus-board.js";
import "../minutes-board/minutes-source.js";
import "../rich-text/rich-text.js";
import type { Awareness } from "y-protocols/awareness";
import { keepTyping } from "../../collab/keep-typing.js";
import type { OpenBoard } from "../../collab/open-board.js";
import "./save-status.js";
import { dateField } from "../date-field/date-field.js";
import { cardRestorer } from "../history/card-restorer.js";
import { measurements } from "./measurements.js";

/** Where the action was decided: "Från <meeting> § N", linking back to the minutes. */
function fromMinutes(source: NonNullable<Action["source"]>) {
  return html`<p><minutes-source .boardId=${source.boardId} .itemId=${source.itemId} .paragraph=${source.paragraph}></minutes-source></p>`;
}

/** Undo comes with the first change (collab/undo.ts), not with the board's first download. */
const undo = () => import("../../collab/undo.js");

export class ActionDialog extends LitElement {
  static override styles = [
    formStyles,
    srOnly,
    dialogStyles,
    css`
      form {
        max-width: none;
      }
      /* Fields wrap to fewer columns rather than squeeze: nothing in them is ever cut off. */
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
        gap: var(--space-4);
      }
      .row > button {
        align-self: end;
      }
      fieldset {
        margin: 0;
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        padding: var(--space-2) var(--space-4) var(--space-4);
      }
      legend {
        font-weight: var(--weight-strong);
        padding: 0 var(--space-1);
      }
      h3 {
        font-size: var(--text-large);
        margin: var(--space-5) 0 var(--space-2);
      }
      /* Owner and organisation hold long names ("Lekebergs kommun – hälso- och sjukvårds…"): a line each. */
      .row.wide {
        grid-template-columns: 1fr;
      }
      .row > *,
      label {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      input,
      select,
      textarea {
        box-sizing: border-box;
        width: 100%;
        max-width: 100%;
      }
      dd {
        overflow-wrap: anywhere;
      }
      dt {
        font-weight: var(--weight-strong);
      }
      dd {
        margin: 0 0 var(--space-2);
      }
      :focus-visible {
        outline: var(--focus-ring);
        outline-offset: 2px;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--space-4);
        color: var(--color-muted);
      }
      summary {
        min-height: var(--touch);
        box-sizing: border-box;
        padding: var(--space-3) 0;
        font-weight: var(--weight-strong);
        cursor: pointer;
      }
    `,
  ];
  static override properties = {
    doc: { attribute: false },
    awareness: { attribute: false },
    canEdit: { attribute: false },
    members: { attribute: false },
    organizations: { attribute: false },
    boardId: { attribute: false },
    board: { attribute: false },
    actionId: { state: true },
    historyShown: { state: true },
  };
  declare doc: Y.Doc | null;
  /** For the named carets of others writing the description. */
  declare awareness: Awareness | null;
  declare canEdit: boolean;
  declare members: Member[];
  declare organizations: { id: string; name: string }[];
  declare private actionId: string | null;
  /** For the card's history (fetched from the server when the reader opens it). */
  declare boardId: string;
  declare private historyShown: boolean;
  /** The open board, for whether the server has stored the changes made here ("Sparat"). */
  declare board: OpenBoard | null;
  private opener: HTMLElement | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.doc = null;
    this.awareness = null;
    this.canEdit = false;
    this.members = [];
    this.organizations = [];
    this.actionId = null;
    this.boardId = "";
    this.historyShown = false;
    this.board = null;
  }

  /** Opens the card; with `comment` (a link to it), focus goes to that comment in the card's thread. */
  async open(actionId: string, comment?: string) {
    this.opener = (document.activeElement?.shadowRoot?.activeElement as HTMLElement | null) ?? null;
    this.actionId = actionId;
    // "Senast ändrad av …" is not needed for the board's first paint: its code comes with the first card opened.
    void import("./last-changed.js").catch(() => undefined);
    // So is the card's comment thread (issue 21): code and texts come when a card opens.
    const thread = import("../comments/comment-thread.js").catch(() => undefined);
    await this.updateComplete;
    this.renderRoot.querySelector("dialog")?.showModal();
    if (comment === undefined || !(await thread)) return;
    await this.renderRoot.querySelector("comment-thread")?.show(comment);
  }

  private close() {
    this.renderRoot.querySelector("dialog")?.close();
  }

  private closed() {
    this.actionId = null;
    this.historyShown = false;
    this.opener?.focus();
    this.dispatchEvent(new Event("card-closed", { bubbles: true, composed: true }));
  }

  override render() {
    const action = this.doc && this.actionId ? getAction(this.doc, this.actionId) : undefined;
    return html`<dialog aria-labelledby="dialog-title" @close=${this.closed}>
      ${action ? this.body(action) : nothing}
    </dialog>`;
  }

  /** Rich text, written together (with carets); an editor creates the field if someone removed it. */
  private description(a: Action) {
    const fragment = a.description ?? (this.canEdit && this.doc ? actionDescription(this.doc, a.id) : undefined);
    if (!fragment) return html`<p>–</p>`;
    return html`<rich-text
      .fragment=${fragment}
      .awareness=${this.awareness}
      .editable=${this.canEdit}
      .label=${t("card.description")}
    ></rich-text>`;
  }

  private body(a: Action) {
    const names = Object.fromEntries(this.members.map((m) => [m.userId, m.name]));
    return html`${dialogHead("dialog-title", a.title, t("card.close"), () => this.close())}
      ${a.source ? fromMinutes(a.source) : nothing}
      <div class="meta">
        ${this.boardId ? html`<card-last-changed .boardId=${this.boardId} .itemId=${a.id} .names=${names}></card-last-changed>` : nothing}
        ${this.canEdit ? html`<card-save-status .board=${this.board}></card-save-status>` : nothing}
      </div>
      ${this.canEdit ? this.editor(a) : this.reader(a)}
      <h3>${t("card.description")}</h3>
      ${this.description(a)}
      ${measurements(this.doc, a, this.canEdit)}
      <comment-thread .doc=${this.doc} .targetId=${a.id} .canWrite=${this.canEdit} .members=${this.members}></comment-thread>
      ${this.history(a)}
      ${
        this.canEdit
          ? html`<div class="dialog-actions">
              <button type="button" class="danger" @click=${() => this.deleteAction(a)}>${t("card.delete")}</button>
            </div>`
          : nothing
      }`;
  }

  /** The card's history, loaded (code and data) only when opened. */
  private history(a: Action) {
    if (!this.boardId) return nothing;
    const toggled = async (e: Event) => {
      if (!(e.target as HTMLDetailsElement).open) return;
      await import("../history/item-history.js");
      this.historyShown = true;
    };
    const names = Object.fromEntries(this.members.map((m) => [m.userId, m.name]));
    return html`<details @toggle=${toggled}>
      <summary>${t("history.itemShow")}</summary>
      ${this.historyShown ? html`<item-history .boardId=${this.boardId} .itemId=${a.id} .names=${names} .organizations=${this.organizations} .revision=${a} .restorer=${this.canEdit && this.doc ? cardRestorer(this.doc, a.id) : null}></item-history>` : nothing}
    </details>`;
  }

  private editor(a: Action) {
    const set = (patch: Parameters<typeof updateAction>[2]) => this.doc && updateAction(this.doc, a.id, patch);
    const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;
    return html`<form @submit=${(e: Event) => e.preventDefault()}>
      <label
        >${t("card.title")}
        <input name="title" .value=${keepTyping(a.title)} maxlength="200" required @change=${(e: Event) => value(e).trim() && set({ title: value(e).trim() })}
      /></label>
      <div class="row">
        <label
          >${t("card.status")}
          <select name="status" aria-label=${t("card.status")} @change=${(e: Event) => this.move(a, value(e) as ActionStatus)}>
            ${ACTION_STATUSES.map((s) => html`<option value=${s} ?selected=${s === a.status}>${t(`status.${s}`)}</option>`)}
          </select></label
        >
        <label
          >${t("card.dueDate")}
          ${dateField({ name: "dueDate", value: a.dueDate ?? "", onChange: (v) => set({ dueDate: v || null }) })}</label
        >
        <label
          >${t("card.pdsaPhase")}
          <select name="pdsaPhase" aria-label=${t("card.pdsaPhase")} @change=${(e: Event) => set({ pdsaPhase: (value(e) || null) as PdsaPhase | null })}>
            <option value="">${t("card.none")}</option>
            ${PDSA_PHASES.map((p) => html`<option value=${p} ?selected=${p === a.pdsaPhase}>${t(`pdsa.${p}`)}</option>`)}
          </select></label
        >
      </div>
      <div class="row wide">
        <label
          >${t("card.owner")}
          <select name="owner" aria-label=${t("card.owner")} @change=${(e: Event) => set({ ownerId: value(e) || null })}>
            <option value="">${t("card.none")}</option>
            ${this.members.map((m) => html`<option value=${m.userId} ?selected=${m.userId === a.ownerId}>${m.name}</option>`)}
          </select></label
        >
        <label
          >${t("card.organization")}
          <select name="organization" aria-label=${t("card.organization")} @change=${(e: Event) => set({ organizationId: value(e) || null })}>
            <option value="">${t("card.none")}</option>
            ${this.organizations.map((o) => html`<option value=${o.id} ?selected=${o.id === a.organizationId}>${o.name}</option>`)}
          </select></label
        >
      </div>
      <fieldset>
        <legend>${t("card.pdsaNotes")}</legend>
        <div class="row">
          ${PDSA_PHASES.map(
            (p) => html`<label
              >${t(`pdsa.${p}`)}
              <textarea
                aria-label=${t(`pdsa.${p}`)}
                maxlength="1000"
                .value=${keepTyping(a.pdsaNotes[p])}
                @change=${(e: Event) => this.doc && setPdsaNote(this.doc, a.id, p, value(e))}
              ></textarea
            ></label>`,
          )}
        </div>
      </fieldset>
    </form>`;
  }

  private reader(a: Action) {
    const owner = this.members.find((m) => m.userId === a.ownerId)?.name ?? t("card.none");
    const organization = this.organizations.find((o) => o.id === a.organizationId)?.name ?? t("card.none");
    return html`<dl>
      <dt>${t("card.status")}</dt>
      <dd>${t(`status.${a.status}`)}</dd>
      <dt>${t("card.owner")}</dt>
      <dd>${owner}</dd>
      <dt>${t("card.organization")}</dt>
      <dd>${organization}</dd>
      <dt>${t("card.dueDate")}</dt>
      <dd>${a.dueDate ? formatDate(a.dueDate) : "–"}</dd>
      <dt>${t("card.pdsaPhase")}</dt>
      <dd>${a.pdsaPhase ? t(`pdsa.${a.pdsaPhase}`) : "–"}</dd>
      ${PDSA_PHASES.filter((p) => a.pdsaNotes[p]).map((p) => html`<dt>${t(`pdsa.${p}`)}</dt><dd>${a.pdsaNotes[p]}</dd>`)}
    </dl>`;
  }

  private move(a: Action, status: ActionStatus) {
    if (!this.doc || status === a.status) return;
    const column = readFocus(this.doc).actions.filter((x) => x.status === status && x.id !== a.id);
    const doc = this.doc;
    const write = () => moveAction(doc, a.id, status, column.at(-1)?.id ?? null);
    void undo().then(({ boardUndo }) => boardUndo(doc).change(write), write);
  }

  /**
   * Deleted at once as one undoable step; the board offers "Ångra" (`action-removed`) and Ctrl+Z
   * takes it back too — undo over confirm (UI.md). Only when undo could not load, and so nothing
   * could bring the card back, does it ask first.
   */
  private async deleteAction(a: Action) {
    const doc = this.doc;
    if (!doc) return;
    const remove = () => removeAction(doc, a.id);
    // Its neighbours in the column (the next card first), for where focus goes while it is gone.
    const column = readFocus(doc).actions.filter((x) => x.status === a.status);
    const at = column.findIndex((x) => x.id === a.id);
    const near = [column[at + 1]?.id, column[at - 1]?.id].filter((id): id is string => id !== undefined);
    const loaded = await undo().catch(() => null);
    if (!loaded && !confirm(t("card.confirmDelete", { title: a.title }))) return;
    if (!loaded) remove();
    const step = loaded ? loaded.boardUndo(doc).change(remove) : null;
    this.close();
    const detail = { step, title: a.title, id: a.id, near };
    if (step) this.dispatchEvent(new CustomEvent("action-removed", { detail, bubbles: true, composed: true }));
  }
}

customElements.define("action-dialog", ActionDialog);
