/**
 * One card's history, inside its dialog: every recorded change of the item, newest first, in
 * words with when it was made. Loaded when the reader opens it (the card dialog imports this
 * file on demand) and fetched when it is first shown for a card.
 */
import { css, html, LitElement, nothing } from "lit";
import type { ItemHistoryAnswer, People } from "../../../../shared/api/history.js";
import { ApiError, get } from "../../api/client.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import { describeChange } from "./describe.js";

export class ItemHistory extends LitElement {
  static override styles = css`
    ul {
      margin: 0.5rem 0;
      padding-left: 1.25rem;
    }
    li {
      margin-bottom: 0.25rem;
      overflow-wrap: anywhere;
    }
    time {
      color: var(--color-muted);
    }
  `;
  static override properties = {
    boardId: { attribute: false },
    itemId: { attribute: false },
    names: { attribute: false },
    answer: { state: true },
    problem: { state: true },
  };
  declare boardId: string;
  declare itemId: string;
  /** Names of the partnership's members (owners), by user id. */
  declare names: People;
  declare private answer: ItemHistoryAnswer | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.itemId = "";
    this.names = {};
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
      if (error instanceof ApiError && error.status === 404) this.answer = { entries: [], people: {} };
      else this.problem = (error as Error).message;
    }
  }

  override render() {
    if (this.problem) return html`<p role="alert">${t("error.generic", { message: this.problem })}</p>`;
    const answer = this.answer;
    if (!answer) return html`<p role="status">${t("history.loading")}</p>`;
    if (answer.entries.length === 0) return html`<p>${t("history.itemEmpty")}</p>`;
    const people = { ...this.names, ...answer.people };
    return html`<ul>
      ${answer.entries.map(
        (e) => html`<li>
          <time datetime=${e.at}>${formatDate(e.at, true)}</time>: ${describeChange(e.change, people)}
        </li>`,
      )}
    </ul>${nothing}`;
  }
}

customElements.define("item-history", ItemHistory);
