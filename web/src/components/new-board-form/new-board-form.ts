/**
 * Conveners start a board: a focus area, the plan, or a meeting's minutes — a meeting can carry
 * over the previous one's open action items and undecided agenda items as its draft agenda.
 * Opens the new board when it is created.
 */
import { html, LitElement, nothing } from "lit";
import { ApiError, post } from "../../api/client.js";
import type { Board } from "../../api/types.js";
import { LocaleController, t } from "../../i18n/i18n.js";
import { navigate, paths } from "../../router.js";
import { formStyles, pageStyles } from "../../styles/shared.js";

const KINDS = ["focus", "minutes", "plan", "followup", "roadmap"] as const;

export class NewBoardForm extends LitElement {
  static override styles = [pageStyles, formStyles];
  static override properties = {
    workspaceId: { attribute: false },
    boards: { attribute: false },
    kind: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  declare workspaceId: string;
  /** The partnership's boards: earlier meetings to carry over from. */
  declare boards: Board[];
  declare private kind: (typeof KINDS)[number];
  declare private problem: string | null;
  declare private busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.boards = [];
    this.kind = "focus";
    this.problem = null;
    this.busy = false;
  }

  private async create(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const carryOverFrom = String(data.get("carryOverFrom") ?? "");
    this.busy = true;
    this.problem = null;
    try {
      const { board } = await post<{ board: Board }>(`/api/workspaces/${encodeURIComponent(this.workspaceId)}/boards`, {
        kind: this.kind,
        title: String(data.get("title") ?? ""),
        ...(this.kind === "minutes" && carryOverFrom ? { carryOverFrom } : {}),
      });
      navigate(paths.board(board.id));
    } catch (error) {
      this.problem =
        error instanceof ApiError && error.code === "validation_failed"
          ? t("newBoard.invalid")
          : (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const meetings = this.boards.filter((b) => b.kind === "minutes");
    return html`<form @submit=${this.create} aria-labelledby="new-board-h">
      <h2 id="new-board-h">${t("newBoard.heading")}</h2>
      <label
        >${t("newBoard.kind")}
        <select
          name="kind"
          @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as (typeof KINDS)[number])}
        >
          ${KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === this.kind}>${t(`kind.${kind}`)}</option>`)}
        </select>
      </label>
      <label>${t("newBoard.title")} <input name="title" required maxlength="200" /></label>
      ${
        this.kind === "minutes" && meetings.length > 0
          ? html`<label
              >${t("newBoard.carryOver")}
              <select name="carryOverFrom">
                <option value="">${t("newBoard.noCarryOver")}</option>
                ${meetings.map((m) => html`<option value=${m.id}>${m.title}</option>`)}
              </select>
            </label>
            <p class="muted">${t("newBoard.carryOverHint")}</p>`
          : nothing
      }
      ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      <button type="submit" ?disabled=${this.busy}>${t("newBoard.create")}</button>
    </form>`;
  }
}

customElements.define("new-board-form", NewBoardForm);
