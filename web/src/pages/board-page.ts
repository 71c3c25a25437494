/** One board: its title, the way back to the partnership, and the board kind's view. */
import { html, LitElement } from "lit";
import { ApiError, get } from "../api/client.js";
import type { Board, Role } from "../api/types.js";
import type { Member } from "../components/focus-board/focus-board.js";
import "../components/focus-board/focus-board.js";
import "../components/minutes-approval/minutes-approval.js";
import type { MinutesStateEvent } from "../components/minutes-approval/minutes-approval.js";
import "../components/minutes-board/minutes-board.js";
import "../components/plan-board/plan-board.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { pageStyles } from "../styles/shared.js";

export class BoardPage extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    boardId: { attribute: false },
    board: { state: true },
    members: { state: true },
    problem: { state: true },
    locked: { state: true },
  };
  declare boardId: string;
  declare private board: (Board & { role: Role }) | null;
  declare private members: Member[];
  declare private problem: string | null;
  /**
   * Minutes only: closed for approval, approved or sealed, as the approval panel last read it.
   * Locked until it has said, so nothing is written to minutes that turn out to be closed.
   */
  declare private locked: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.board = null;
    this.members = [];
    this.problem = null;
    this.locked = true;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const { board } = await get<{ board: Board & { role: Role } }>(`/api/boards/${encodeURIComponent(this.boardId)}`);
      this.members = (await get<{ members: Member[] }>(`/api/workspaces/${board.workspaceId}/members`)).members;
      this.board = board;
    } catch (error) {
      this.problem = error instanceof ApiError && error.status === 404 ? t("error.notFound") : (error as Error).message;
    }
  }

  override render() {
    if (this.problem) return html`<h1 tabindex="-1">${t("app.name")}</h1><p role="alert">${this.problem}</p>`;
    const board = this.board;
    if (!board) return html`<p role="status">${t("board.loading")}</p>`;
    return html`<p><a href=${paths.workspace(board.workspaceId)}>← ${t("board.back")}</a></p>
      <h1 tabindex="-1">${board.title}</h1>
      <p class="muted">${t(`kind.${board.kind}`)}</p>
      ${
        board.kind === "focus"
          ? html`<focus-board .boardId=${board.id} .canEdit=${board.role !== "observer"} .members=${this.members}></focus-board>`
          : board.kind === "plan"
            ? html`<plan-board .boardId=${board.id} .canEdit=${board.role !== "observer"}></plan-board>`
            : board.kind === "minutes"
              ? html`<minutes-board
                  .boardId=${board.id}
                  .boardTitle=${board.title}
                  .workspaceId=${board.workspaceId}
                  .canEdit=${board.role !== "observer"}
                  .members=${this.members}
                  .locked=${this.locked}
                >
                  <minutes-approval
                    slot="approval"
                    .boardId=${board.id}
                    .workspaceId=${board.workspaceId}
                    .names=${new Map(this.members.map((m) => [m.userId, m.name]))}
                    @minutes-state=${(e: MinutesStateEvent) => {
                      this.locked = e.locked;
                    }}
                  ></minutes-approval>
                </minutes-board>`
              : html`<p>${t("board.unsupported")}</p>`
      }`;
  }
}

customElements.define("board-page", BoardPage);
