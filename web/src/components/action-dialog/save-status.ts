/**
 * "Sparat" in the card dialog: a quiet status saying whether the server has stored the changes
 * made on this device since the dialog opened (the acknowledgements link-watch.ts counts) —
 * saving, saved, or kept here until the device is online again.
 */
import { html, LitElement, nothing } from "lit";
import type { OpenBoard } from "../../collab/open-board.js";
import { LocaleController, t } from "../../i18n/i18n.js";

export class CardSaveStatus extends LitElement {
  static override properties = { board: { attribute: false } };
  declare board: OpenBoard | null;
  /** A change was made here while the dialog was open (nothing to confirm before that). */
  private changed = false;
  private stop: (() => void) | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.board = null;
  }

  override updated(changed: Map<string, unknown>) {
    if (!changed.has("board")) return;
    this.stop?.();
    this.stop = this.board?.onProgress(() => this.requestUpdate()) ?? null;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.stop?.();
    this.stop = null;
  }

  private text(): string {
    const board = this.board;
    if (!board) return "";
    const unsent = board.unacknowledged() > 0;
    if (unsent) this.changed = true;
    if (!this.changed) return "";
    if (!unsent) return t("card.saved");
    const kind = board.state().kind;
    return kind === "offline" || kind === "refused" ? t("card.savedLater") : t("card.saving");
  }

  override render() {
    const text = this.text();
    return html`<p role="status" aria-live="polite">${text || nothing}</p>`;
  }
}

customElements.define("card-save-status", CardSaveStatus);
