/**
 * The comments on a goal of the plan, in a modal dialog of their own (the plan board shows a
 * "Kommentarer (n)" button per goal and imports this on the first click). Focus stays inside,
 * Escape closes, focus returns to the button. The partnership's members (names and the mention
 * list) are fetched the first time it opens.
 */
import { css, html, LitElement, nothing } from "lit";
import type * as Y from "yjs";
import { get } from "../../api/client.js";
import { LocaleController } from "../../i18n/i18n.js";
import { dialogHead, dialogStyles } from "../../styles/dialog.js";
import { formStyles } from "../../styles/shared.js";
import "./comment-thread.js";
import { tc } from "./comment-texts.js";
import type { Person } from "./mention-picker.js";

export class GoalComments extends LitElement {
  static override styles = [
    formStyles,
    dialogStyles,
    css`
      dialog {
        max-width: min(40rem, calc(100vw - 2 * var(--space-4)));
      }
    `,
  ];
  static override properties = {
    goal: { state: true },
    members: { state: true },
  };
  declare private goal: { id: string; title: string } | null;
  declare private members: Person[];
  private doc: Y.Doc | null = null;
  private canWrite = false;
  private opener: HTMLElement | null = null;
  private membersOf: string | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.goal = null;
    this.members = [];
  }

  /** Opens the thread; with `comment` (a link to it), focus goes to that comment instead of the close button. */
  async open(options: {
    doc: Y.Doc;
    boardId: string;
    goal: { id: string; title: string };
    canWrite: boolean;
    comment?: string | undefined;
  }) {
    // The focused element itself, however deep in shadow roots: focus goes back to it on close.
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    this.opener = active instanceof HTMLElement ? active : null;
    this.doc = options.doc;
    this.canWrite = options.canWrite;
    this.goal = options.goal;
    void this.loadMembers(options.boardId);
    await this.updateComplete;
    this.renderRoot.querySelector("dialog")?.showModal();
    if (options.comment !== undefined) await this.renderRoot.querySelector("comment-thread")?.show(options.comment);
  }

  private async loadMembers(boardId: string) {
    if (this.membersOf === boardId) return;
    try {
      const { board } = await get<{ board: { workspaceId: string } }>(`/api/boards/${encodeURIComponent(boardId)}`);
      this.members = (await get<{ members: Person[] }>(`/api/workspaces/${board.workspaceId}/members`)).members;
      this.membersOf = boardId;
    } catch {
      // Without them only names are missing: the thread still shows and takes comments.
    }
  }

  private closed() {
    this.goal = null;
    this.opener?.focus();
  }

  override render() {
    const goal = this.goal;
    return html`<dialog aria-labelledby="goal-comments-title" @close=${this.closed}>
      ${
        goal
          ? html`${dialogHead(
              "goal-comments-title",
              tc("comments.dialogTitle", { title: goal.title }),
              tc("comments.close"),
              () => this.renderRoot.querySelector("dialog")?.close(),
            )}
              <comment-thread
                .doc=${this.doc}
                .targetId=${goal.id}
                .canWrite=${this.canWrite}
                .members=${this.members}
                .headingLevel=${3}
              ></comment-thread>`
          : nothing
      }
    </dialog>`;
  }
}

customElements.define("goal-comments", GoalComments);
