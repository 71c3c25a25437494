/**
 * "Senast ändrad av Eva Sjuksköterska, 6 dec. 2026 14:32": the newest change of the card with an
 * author in the board history (GET …/items/:itemId/history), fetched when the dialog opens.
 * History is written when the board's log is compacted, so a change seconds old may not be there yet.
 */
import { html, LitElement, nothing } from "lit";
import type { ItemHistoryAnswer, People } from "../../../../shared/api/history.js";
import { get } from "../../api/client.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";

export class CardLastChanged extends LitElement {
  static override properties = {
    boardId: { attribute: false },
    itemId: { attribute: false },
    names: { attribute: false },
    last: { state: true },
  };
  declare boardId: string;
  declare itemId: string;
  /** Names of the partnership's members, by user id. */
  declare names: People;
  declare private last: { name: string; at: string } | null;

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.itemId = "";
    this.names = {};
    this.last = null;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has("boardId") || changed.has("itemId")) void this.load();
  }

  private async load() {
    this.last = null;
    if (!this.boardId || !this.itemId) return;
    const path = `/api/boards/${encodeURIComponent(this.boardId)}/items/${encodeURIComponent(this.itemId)}/history`;
    // No recorded change (404) or no connection: the line is simply left out.
    const answer = await get<ItemHistoryAnswer>(path).catch(() => null);
    const entry = answer?.entries.find((e) => e.change.by);
    const by = entry?.change.by;
    if (!answer || !entry || !by) return;
    const name = answer.people[by] ?? this.names[by];
    if (name) this.last = { name, at: entry.at };
  }

  override render() {
    const last = this.last;
    if (!last) return nothing;
    return html`<p>${t("card.lastChanged", { name: last.name, when: formatDate(last.at, true) })}</p>`;
  }
}

customElements.define("card-last-changed", CardLastChanged);
