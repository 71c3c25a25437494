/**
 * One item's history (a card in its dialog, an agenda item in the minutes): every recorded change
 * of the item, newest first, in words with when it was made, and the edits that lost a conflict
 * with someone else's (issue 21), each with a button to restore the lost value for those who may
 * edit (restorers.ts). Loaded when the reader opens it and fetched when it is first shown.
 */
import { css, html, LitElement, nothing } from "lit";
import type { EditConflict, ItemHistoryAnswer, People } from "../../../../shared/api/history.js";
import { ApiError, get } from "../../api/client.js";
import { formatDate, LocaleController } from "../../i18n/i18n.js";
import { formStyles } from "../../styles/shared.js";
import { conflictText, describeConflict, perField, type ShownConflict, shownValue } from "./conflicts.js";
import { describeChange } from "./describe.js";
import { th as t } from "./history-texts.js";
import type { Restorer } from "./restorers.js";

export class ItemHistory extends LitElement {
  static override styles = [
    formStyles,
    css`
    ul {
      margin: var(--space-2) 0;
      padding-left: var(--space-5);
    }
    li {
      margin-bottom: var(--space-1);
      overflow-wrap: anywhere;
    }
    time {
      color: var(--color-muted);
    }
    li.conflict button {
      display: block;
      margin-top: var(--space-1);
      max-width: 100%;
      text-align: left;
      overflow-wrap: anywhere;
    }
  `,
  ];
  static override properties = {
    boardId: { attribute: false },
    itemId: { attribute: false },
    names: { attribute: false },
    organizations: { attribute: false },
    restorer: { attribute: false },
    revision: { attribute: false },
    answer: { state: true },
    problem: { state: true },
    notice: { state: true },
  };
  declare boardId: string;
  declare itemId: string;
  /** Names of the partnership's members (owners), by user id. */
  declare names: People;
  /** The partnership's organisations (to name a lost "ansvarig organisation"). */
  declare organizations: { id: string; name: string }[];
  /** Puts lost values back; null for readers who may not edit (observers): no restore buttons. */
  declare restorer: Restorer | null;
  /** Changes with the item (the host passes the item itself): what is offered is checked again. */
  declare revision: unknown;
  /** After a restore: what was done, or why it was not. */
  declare private notice: { text: string; failed: boolean } | null;
  declare private answer: ItemHistoryAnswer | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.itemId = "";
    this.names = {};
    this.organizations = [];
    this.restorer = null;
    this.revision = null;
    this.notice = null;
    this.answer = null;
    this.problem = null;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has("boardId") || changed.has("itemId")) void this.load();
  }

  private async load() {
    if (!this.boardId || !this.itemId) return;
    this.answer = null;
    this.problem = null;
    try {
      this.answer = await get<ItemHistoryAnswer>(
        `/api/boards/${encodeURIComponent(this.boardId)}/items/${encodeURIComponent(this.itemId)}/history`,
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) this.answer = { entries: [], conflicts: [], people: {} };
      else this.problem = (error as Error).message;
    }
  }

  override render() {
    if (this.problem) return html`<p role="alert">${t("error.generic", { message: this.problem })}</p>`;
    const answer = this.answer;
    if (!answer) return html`<p role="status">${t("history.loading")}</p>`;
    // A card's place in its column (rank) is no value anyone recognises: its status says where it went.
    const conflicts = perField((answer.conflicts ?? []).filter((c) => c.field !== "rank"));
    if (answer.entries.length === 0 && conflicts.length === 0) return html`<p>${t("history.itemEmpty")}</p>`;
    const people = { ...this.names, ...answer.people };
    const rows = [
      ...answer.entries.map((e) => ({
        at: e.at,
        row: html`<li>
          <time datetime=${e.at}>${formatDate(e.at, true)}</time>: ${describeChange(e.change, people)}
        </li>`,
      })),
      ...conflicts.map((c) => ({ at: c.at, row: this.conflict(c, people) })),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const notice = this.notice;
    return html`<ul>
        ${rows.map((r) => r.row)}
      </ul>
      ${notice ? html`<p role=${notice.failed ? "alert" : "status"}>${notice.text}</p>` : nothing}`;
  }

  /** "Eva Sjuksköterskas ändring av titel till ”X” ersattes av ”Y” · 7 dec. 2026 01:20 [Återställ ”X”]". */
  private conflict(c: ShownConflict, people: People) {
    const organizations = Object.fromEntries(this.organizations.map((o) => [o.id, o.name]));
    const lost = shownValue(c.field, c.lostValue, people, organizations);
    const offered = this.restorer?.offers(c) ?? false;
    return html`<li class="conflict">
      ${describeConflict(c, people, organizations)} · <time datetime=${c.at}>${formatDate(c.at, true)}</time>
      ${
        offered
          ? html`<button type="button" class="secondary" @click=${() => this.restoreLost(c, lost)}>
              ${conflictText("conflict.restore", { value: lost })}
            </button>`
          : nothing
      }
    </li>`;
  }

  private restoreLost(c: EditConflict, lost: string) {
    try {
      // An ordinary edit, like the dialog's own: live for everyone, by this reader, checked by the board's spec.
      this.restorer?.restore(c);
      this.notice = { text: conflictText("conflict.restored", { value: lost }), failed: false };
    } catch (error) {
      this.notice = {
        text: conflictText("conflict.restoreFailed", { message: (error as Error).message }),
        failed: true,
      };
    }
  }
}

customElements.define("item-history", ItemHistory);

declare global {
  interface HTMLElementTagNameMap {
    "item-history": ItemHistory;
  }
}
