/**
 * The local collaboration plan (issue 21): a document to read by default (plan-read.ts, also what
 * is printed) and, for members, an edit mode (plan-edit.ts with the section, goal and contact
 * editors): multi-line fields that grow, sections, goals and contact routes moved by buttons,
 * Alt + arrows or drag (rank only), removed with "Ångra" for a while, and Ctrl+Z for one's own
 * last change (collab/undo.ts). Everything is written through shared/boards/plan.ts; observers
 * never see the edit mode (and the server refuses their writes).
 */
import { html, LitElement, nothing } from "lit";
import { BoardInputError } from "../../../../shared/boards/access.js";
import { type Goal, movePlanItem, readPlan, removePlanItem } from "../../../../shared/boards/plan.js";
import { BoardController } from "../../collab/board-controller.js";
import { boardUndo, step, UndoKeys } from "../../collab/undo.js";
import { inputProblem, LocaleController, t } from "../../i18n/i18n.js";
import type { BoardTarget } from "../../router.js";
import { boardStatus } from "../board-status/board-status.js";
import { BoardTargetController, showTarget } from "../board-target/board-target.js";
import { openThread } from "../comments/goal-comments-button.js";
import "../undo-toast/undo-toast.js";
import { goalExtras } from "./goal-extras.js";
import { planBoardStyles } from "./plan-board.styles.js";
import { planEdit } from "./plan-edit.js";
import { planRead } from "./plan-read.js";
import { pt } from "./plan-texts.js";
import type { PlanEditView, PlanList, PlanView } from "./plan-view.js";
import { ItemDrag } from "./reorder.js";

const REMOVED = {
  sections: "planDoc.removedSection",
  goals: "planDoc.removedGoal",
  contacts: "planDoc.removedContact",
} as const;
const KIND = { sections: "section", goals: "goal", contacts: "contact" } as const;

export class PlanBoard extends LitElement {
  static override styles = planBoardStyles;
  static override properties = {
    boardId: { attribute: false },
    canEdit: { attribute: false },
    target: { attribute: false },
    userId: { attribute: false },
    workspaceId: { attribute: false },
    editing: { state: true },
    announcement: { state: true },
    problem: { state: true },
  };
  declare boardId: string;
  declare canEdit: boolean;
  /** A deep link's target (`?goal=`, `?section=`): scrolled to, focused and highlighted once synced. */
  declare target: BoardTarget | null;
  /** Who is signed in and where: for "Mål över tid" (goal-history, loaded when opened). */
  declare userId: string;
  declare workspaceId: string;
  declare private editing: boolean;
  declare private announcement: string;
  declare private problem: string | null;
  /** Editing when printing started: the read view is printed, then editing goes on. */
  private editingBeforePrint = false;
  /** The item the toast offers to bring back. */
  private removed: { list: PlanList; id: string } | null = null;
  private readonly live = new BoardController(this, () => this.boardId);
  readonly goTo = new BoardTargetController(this, this.live, (target) => {
    const [kind, id] = target.goal ? (["goal", target.goal] as const) : (["section", target.section] as const);
    if (!id) return null;
    const found = this.renderRoot.querySelector<HTMLElement>(`[data-${kind}="${CSS.escape(id)}"]`);
    if (!found) return kind;
    showTarget(found);
    if (kind === "goal" && target.comment !== undefined) void this.showComments(id, target.comment);
    return null;
  });
  private readonly drag = new ItemDrag(
    (list, id, afterId) => this.place(list, id, afterId),
    () => this.requestUpdate(),
  );

  constructor() {
    super();
    new LocaleController(this);
    new UndoKeys(this, (what) => {
      const doc = this.live.board?.doc;
      if (!this.canEdit || !doc) return false;
      if (step(doc, what)) this.toast()?.stepped(what);
      return true;
    });
    this.boardId = "";
    this.canEdit = false;
    this.target = null;
    this.userId = "";
    this.workspaceId = "";
    this.editing = false;
    this.announcement = "";
    this.problem = null;
  }

  private readonly beforePrint = () => {
    this.editingBeforePrint = this.editing;
    this.editing = false;
  };
  private readonly afterPrint = () => {
    if (this.editingBeforePrint) this.editing = true;
    this.editingBeforePrint = false;
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener("beforeprint", this.beforePrint);
    window.addEventListener("afterprint", this.afterPrint);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("beforeprint", this.beforePrint);
    window.removeEventListener("afterprint", this.afterPrint);
  }

  private toast() {
    return this.renderRoot.querySelector("undo-toast");
  }

  override render() {
    const board = this.live.board;
    if (!board || !this.live.ready) return html`<p role="status">${t("board.loading")}</p>`;
    const plan = readPlan(board.doc);
    const editing = this.editing && this.canEdit;
    const base: PlanView = {
      doc: board.doc,
      awareness: board.provider.awareness,
      goalExtras: (g: Goal) => goalExtras(this, board.doc, g),
    };
    return html`${boardStatus(this.live)}
      <div class="bar">
        ${
          !this.canEdit
            ? html`<p class="note">${t("board.readOnly")}</p>`
            : editing
              ? html`<p class="note">${pt("planDoc.editing")} <span class="hint">${pt("planDoc.moveHint")}</span></p>`
              : nothing
        }
        <button type="button" class="secondary" @click=${() => window.print()}>${pt("planDoc.print")}</button>
        ${
          this.canEdit
            ? html`<button type="button" class="mode" aria-pressed=${editing ? "true" : "false"} @click=${this.toggle}>
                ${pt("planDoc.edit")}
              </button>`
            : nothing
        }
      </div>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      ${editing ? planEdit(this.editView(base), plan) : planRead(base, plan)}
      <div class="sr-only" aria-live="polite">${this.announcement}</div>
      <undo-toast @undone=${this.undone}></undo-toast>`;
  }

  private async toggle() {
    this.editing = !this.editing;
    this.announcement = "";
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>("button.mode")?.focus();
  }

  private editView(base: PlanView): PlanEditView {
    return {
      ...base,
      write: (change) => void this.write(change),
      remove: (list, id, title) => this.removeItem(list, id, title),
      move: (list, id, by) => this.move(list, id, by),
      drag: this.drag,
    };
  }

  /** One undoable step; what does not fit the plan is said on the page. */
  private write(change: () => void) {
    const doc = this.live.board?.doc;
    if (!doc) return null;
    try {
      const step = boardUndo(doc).change(change);
      this.problem = null;
      return step;
    } catch (error) {
      if (!(error instanceof BoardInputError)) throw error;
      this.problem = pt("planDoc.invalid", { reason: inputProblem(error) });
      return null;
    }
  }

  private removeItem(list: PlanList, id: string, title: string) {
    const doc = this.live.board?.doc;
    if (!doc) return;
    const step = this.write(() => removePlanItem(doc, list, id));
    if (!step) return;
    this.removed = { list, id };
    void this.toast()?.offer(doc, step, pt(REMOVED[list], { title }), title);
  }

  /** After "Ångra": focus goes to the first field of the item that came back (the toast's button is gone). */
  /**
   * A link to a comment on a goal: the goal's thread opens with the comment focused; closing it
   * leaves focus on the goal's "Kommentarer" button, as if it had been opened from there.
   */
  private async showComments(goalId: string, commentId: string) {
    const doc = this.live.board?.doc;
    const goal = doc && readPlan(doc).goals.find((g) => g.id === goalId);
    if (!doc || !goal) return;
    this.renderRoot.querySelector<HTMLElement>(`button[data-comments="${CSS.escape(goalId)}"]`)?.focus();
    await openThread(this, doc, goal, commentId);
  }

  private async undone() {
    const removed = this.removed;
    this.removed = null;
    if (!removed) return;
    // The document has it back already; render now rather than with the next batched refresh.
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>(`[data-${KIND[removed.list]}="${CSS.escape(removed.id)}"] :is(input, textarea)`)
      ?.focus();
  }

  private items(list: PlanList) {
    const doc = this.live.board?.doc;
    return doc ? readPlan(doc)[list] : [];
  }

  private move(list: PlanList, id: string, by: -1 | 1) {
    const others = this.items(list).filter((i) => i.id !== id);
    const at = this.items(list).findIndex((i) => i.id === id) + by;
    if (at < 0 || at > others.length) return;
    void this.place(list, id, others[at - 1]?.id ?? null, by === -1 ? "up" : "down");
  }

  /** Moves, says where it went, and keeps focus on the item's tools (the same button when it is still usable). */
  private async place(list: PlanList, id: string, afterId: string | null, button: "up" | "down" = "up") {
    const doc = this.live.board?.doc;
    if (!doc) return;
    this.write(() => movePlanItem(doc, list, id, afterId));
    const items = this.items(list);
    const position = items.findIndex((i) => i.id === id) + 1;
    const item = items[position - 1];
    const title =
      item && ("heading" in item ? item.heading : "title" in item ? (item as Goal).title : item.organizationName);
    this.announcement = pt("planDoc.moved", { title: title ?? "", position, count: items.length });
    await this.updateComplete;
    const tools = this.renderRoot.querySelector(`[data-${KIND[list]}="${CSS.escape(id)}"] .tools`);
    const wanted = tools?.querySelector<HTMLButtonElement>(`button.${button}`);
    (wanted && !wanted.disabled ? wanted : tools?.querySelector<HTMLButtonElement>("button:not([disabled])"))?.focus();
  }
}

customElements.define("plan-board", PlanBoard);
