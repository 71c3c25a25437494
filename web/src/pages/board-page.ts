/**
 * One board: its title, the way back to the partnership, and the board kind's view. The focus board
 * comes with this page (which the app root itself loads on demand); the plan, the minutes and their
 * approval panel are loaded when such a board is opened (`import()`), so a focus board never
 * downloads them. The board's details come from the device when the network does not answer.
 */
import { css, html, LitElement, nothing } from "lit";
import { ApiError, get } from "../api/client.js";
import type { Board, Role } from "../api/types.js";
import { BoardTargetMissingEvent, readTarget, type TargetKind } from "../components/board-target/board-target.js";
import type { Member } from "../components/focus-board/focus-board.js";
import { WorkspaceShownEvent } from "../events.js";
import "../components/focus-board/focus-board.js";
import type { MinutesStateEvent } from "../components/minutes-approval/minutes-approval.js";
import type { ServedGoal } from "../components/served-goals/served-goals.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { keepOnDevice, missingOffline, rememberBoard } from "../offline/device-store.js";
import { LazyParts } from "../offline/lazy.js";
import { type BoardTarget, paths } from "../router.js";
import { pageStyles } from "../styles/shared.js";
import { boardDetailsPath, take } from "./early-answers.js";

export class BoardPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .notice {
        display: flex;
        align-items: center;
        gap: var(--space-2);
        padding: var(--space-2) var(--space-3);
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        background: var(--color-surface);
      }
      .notice button {
        margin-left: auto;
        font: inherit;
        min-height: var(--touch);
        padding: 0 var(--space-4);
        background: var(--color-surface-raised);
        color: var(--color-primary);
        border: 1px solid var(--color-primary);
        border-radius: var(--radius);
        cursor: pointer;
      }
      /* The board's kind right under its title, as a subtitle. */
      h1 {
        margin-bottom: 0;
      }
      .kind {
        margin: 0 0 var(--space-3);
      }
      .links {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--space-2) var(--space-5);
      }
    `,
  ];
  static override properties = {
    boardId: { attribute: false },
    userId: { attribute: false },
    board: { state: true },
    members: { state: true },
    problem: { state: true },
    locked: { state: true },
    target: { state: true },
    missing: { state: true },
    served: { state: true },
  };
  declare boardId: string;
  /** The signed-in person: whether they run a meeting (its convener) decides what they may change in its minutes. */
  declare userId: string;
  declare private board: (Board & { role: Role }) | null;
  declare private members: Member[];
  declare private problem: string | null;
  /**
   * Minutes only: closed for approval, approved or sealed, as the approval panel last read it.
   * Locked until it has said, so nothing is written to minutes that turn out to be closed.
   */
  declare private locked: boolean;
  /** Where a deep link points on this board (the address's query and fragment); a new object per visit. */
  declare private target: BoardTarget | null;
  /** A deep link pointed at something no longer on the board: a quiet notice says so. */
  declare private missing: TargetKind | null;
  /** The goals a focus board serves (components/served-goals, loaded only when there are some). */
  declare private served: ServedGoal[];
  private readonly parts = new LazyParts(this);

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.userId = "";
    this.board = null;
    this.members = [];
    this.served = [];
    this.problem = null;
    this.locked = true;
    this.target = readTarget();
    this.missing = null;
  }

  /** Another link to this same board (from the search, say): the new target, handled afresh. */
  private readonly onPopState = () => {
    const url = new URL(location.href);
    if (url.pathname !== paths.board(this.boardId)) return;
    this.target = readTarget(url);
    this.missing = null;
  };

  /** Asks which goals name this focus area; their part of the page comes only when some do. */
  private async loadServedGoals(boardId: string) {
    try {
      const { goals } = await get<{ goals: ServedGoal[] }>(`/api/boards/${encodeURIComponent(boardId)}/goals`);
      if (goals.length === 0) return;
      await import("../components/served-goals/served-goals.js");
      this.served = goals;
    } catch {
      // Offline, or the part cannot be fetched: the board works without it.
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("popstate", this.onPopState);
  }

  override async connectedCallback() {
    super.connectedCallback();
    window.addEventListener("popstate", this.onPopState);
    this.addEventListener(BoardTargetMissingEvent.type, (e) => {
      this.missing = (e as BoardTargetMissingEvent).kind;
    });
    const boardPath = boardDetailsPath(this.boardId);
    try {
      const { board } = await take<{ board: Board & { role: Role } }>(boardPath);
      // The board shows at once (its content is on the device, or on its way); names follow.
      this.board = board;
      this.dispatchEvent(new WorkspaceShownEvent(board.workspaceId));
      rememberBoard(board.id);
      const membersPath = `/api/workspaces/${board.workspaceId}/members`;
      keepOnDevice([boardPath, membersPath]);
      if (board.kind === "focus") void this.loadServedGoals(board.id);
      this.members = (await get<{ members: Member[] }>(membersPath)).members;
    } catch (error) {
      // Without the board's details there is nothing to show; without its members, only names are missing.
      if (this.board) {
        console.error(error);
        return;
      }
      this.problem =
        error instanceof ApiError && error.status === 404
          ? t("error.notFound")
          : missingOffline(error)
            ? t("offline.boardMissing")
            : (error as Error).message;
    }
  }

  override render() {
    if (this.problem) return html`<h1 tabindex="-1">${t("app.name")}</h1><p role="alert">${this.problem}</p>`;
    const board = this.board;
    if (!board) return html`<p role="status">${t("board.loading")}</p>`;
    return html`<p class="links">
        <a href=${paths.workspace(board.workspaceId)}>← ${t("board.back")}</a>
        <a href=${paths.boardHistory(board.id)}>${t("history.link")}</a>
      </p>
      <h1 tabindex="-1">${board.title}</h1>
      <p class="muted kind">${t(`kind.${board.kind}`)}</p>
      ${
        this.missing
          ? html`<p class="notice" role="status">
              ${t(`target.missing.${this.missing}`)}
              <button type="button" @click=${() => (this.missing = null)}>${t("target.dismiss")}</button>
            </p>`
          : nothing
      }
      ${this.view(board)}`;
  }

  private view(board: Board & { role: Role }) {
    const canEdit = board.role !== "observer";
    switch (board.kind) {
      case "focus":
        return html`${this.served.length ? html`<served-goals .goals=${this.served}></served-goals>` : nothing}
          <focus-board .target=${this.target} .boardId=${board.id} .canEdit=${canEdit} .members=${this.members}></focus-board>`;
      case "plan":
        return this.parts.render(
          "plan-board",
          () => import("../components/plan-board/plan-board.js"),
          () =>
            html`<plan-board .target=${this.target} .boardId=${board.id} .canEdit=${canEdit} .userId=${this.userId} .workspaceId=${board.workspaceId}></plan-board>`,
        );
      case "minutes":
        return this.parts.render(
          "minutes-board",
          () =>
            Promise.all([
              import("../components/minutes-board/minutes-board.js"),
              import("../components/minutes-approval/minutes-approval.js"),
            ]),
          () => html`<minutes-board
            .target=${this.target}
            .boardId=${board.id}
            .boardTitle=${board.title}
            .workspaceId=${board.workspaceId}
            .canEdit=${canEdit}
            .runsMeetings=${board.role === "convener"}
            .userId=${this.userId}
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
          </minutes-board>`,
        );
      case "followup":
        return this.parts.render(
          "followup-board",
          () => import("../components/followup-board/followup-board.js"),
          () =>
            html`<followup-board .boardId=${board.id} .canEdit=${canEdit} .userId=${this.userId} .members=${this.members} .workspaceId=${board.workspaceId}></followup-board>`,
        );
      case "roadmap":
        return this.parts.render(
          "roadmap-board",
          () => import("../components/roadmap-board/roadmap-board.js"),
          () => html`<roadmap-board
            .target=${this.target}
            .boardId=${board.id}
            .workspaceId=${board.workspaceId}
            .canEdit=${canEdit}
          ></roadmap-board>`,
        );
      default:
        return html`<p>${t("board.unsupported")}</p>`;
    }
  }
}

customElements.define("board-page", BoardPage);
