/**
 * A focus area's actions as a kanban: a column per status, cards with owner, organisation and
 * due date, filters by owner and organisation. Cards move by drag and drop, by a compact "Move…"
 * menu (move-menu.ts), or with Alt + arrow keys, each move announced to screen readers; every move sets only
 * the card's status and rank (shared/boards/focus.ts). Observers see the same board without
 * any control that would fail. Below desktop width the columns scroll sideways (snapping), and a
 * row of column buttons with counts scrolls to a column and marks those in view (issue 21).
 */
import { html, LitElement, nothing, type ReactiveController } from "lit";
import type * as Y from "yjs";
import { type Action, addAction, getAction, moveAction, readFocus } from "../../../../shared/boards/focus.js";
import { ACTION_STATUSES, type ActionStatus } from "../../../../shared/boards/vocabulary.js";
import { BoardController } from "../../collab/board-controller.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import type { BoardTarget } from "../../router.js";
import { badgeStyles, srOnly } from "../../styles/shared.js";
import type { ActionDialog } from "../action-dialog/action-dialog.js";
import { boardStatus, boardStatusStyles } from "../board-status/board-status.js";
import { BoardTargetController, forgetAction } from "../board-target/board-target.js";
import type { RemovedCard } from "./card-focus.js";
import { focusBoardStyles } from "./focus-board.styles.js";
import { moveMenu } from "./move-menu.js";

export interface Member {
  userId: string;
  name: string;
  organization: { id: string; name: string } | null;
}

/** Undo comes with the first change: it is not part of the board's first download. */
const undo = () => import("../../collab/undo.js");

const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());

export class FocusBoard extends LitElement {
  static override styles = [boardStatusStyles, badgeStyles, focusBoardStyles, srOnly];
  static override properties = {
    boardId: { attribute: false },
    canEdit: { attribute: false },
    members: { attribute: false },
    target: { attribute: false },
    ownerFilter: { state: true },
    organizationFilter: { state: true },
    announcement: { state: true },
    dropStatus: { state: true },
    menuFor: { state: true },
    inView: { state: true },
    toast: { state: true },
  };
  declare boardId: string;
  declare canEdit: boolean;
  declare members: Member[];
  /** A deep link's target (`?action=`): its card dialog opens once the board has synced. */
  declare target: BoardTarget | null;
  declare private ownerFilter: string;
  declare private organizationFilter: string;
  declare private announcement: string;
  declare private dropStatus: ActionStatus | null;
  /** The card whose move menu is open. */
  declare private menuFor: string | null;
  declare private inView: ActionStatus[];
  /** The undo toast is on the page (its module is loaded on the first deletion or Ctrl+Z). */
  declare private toast: boolean;
  private keys: ReactiveController | undefined;
  private observer: IntersectionObserver | undefined;
  private readonly live = new BoardController(this, () => this.boardId);
  readonly goTo = new BoardTargetController(this, this.live, (target) => {
    if (!target.action) return null;
    if (!this.doc || !getAction(this.doc, target.action)) return "action";
    void this.dialog().then((d) => d?.open(target.action as string, target.comment));
    return null;
  });

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.canEdit = false;
    this.members = [];
    this.target = null;
    this.ownerFilter = "";
    this.organizationFilter = "";
    this.announcement = "";
    this.dropStatus = null;
    this.menuFor = null;
    this.inView = [];
    this.toast = false;
  }

  /** One undoable step of this person's (Ctrl+Z takes it back); written without undo if that cannot load. */
  private async write(change: (doc: Y.Doc) => void) {
    const doc = this.doc;
    if (!doc) return;
    const loaded = await undo().catch(() => null);
    if (!loaded) return change(doc);
    loaded.boardUndo(doc).change(() => change(doc));
    this.listenForUndo(loaded);
  }

  /** Ctrl+Z from this person's first change on (before it there is nothing of theirs to undo). */
  private listenForUndo(loaded: typeof import("../../collab/undo.js")) {
    this.keys ??= new loaded.UndoKeys(this, (what) => {
      if (!this.canEdit || !this.doc) return false;
      if (loaded.step(this.doc, what)) void this.undoToast().then((toast) => toast?.stepped(what));
      return true;
    });
  }

  /** The toast, loaded and placed on first use: not part of the board's first download. */
  private async undoToast() {
    await import("../undo-toast/undo-toast.js");
    this.toast = true;
    await this.updateComplete;
    return this.renderRoot.querySelector("undo-toast");
  }

  private async removed(e: CustomEvent<RemovedCard>) {
    const [{ removedText }, { cardFocus }] = await Promise.all([
      import("../undo-toast/undo-toast.js"),
      import("./card-focus.js"),
    ]);
    this.listenForUndo(await undo());
    const toast = await this.undoToast();
    const { step, title } = e.detail;
    if (this.doc) await toast?.offer(this.doc, step, removedText(title), title, true, cardFocus(this, e.detail));
  }

  private readonly outside = (e: PointerEvent) => {
    const menu = this.renderRoot.querySelector(".move.open");
    if (menu && !e.composedPath().includes(menu)) this.menuFor = null;
  };

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener("pointerdown", this.outside);
    // Fetched as soon as someone reaches for the board, so that their first change waits for nothing.
    for (const type of ["pointerdown", "focusin"])
      this.addEventListener(type, () => void undo().catch(() => {}), { once: true });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener("pointerdown", this.outside);
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Watches which columns are (mostly) in view in the sideways-scrolling row. */
  override updated() {
    const root = this.renderRoot.querySelector(".columns");
    if (!root || this.observer?.root === root) return;
    this.observer?.disconnect();
    const seen = new Set<string>();
    this.observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const s = (e.target as HTMLElement).dataset.status ?? "";
          if (e.intersectionRatio >= 0.6) seen.add(s);
          else seen.delete(s);
        }
        this.inView = ACTION_STATUSES.filter((s) => seen.has(s));
      },
      { root, threshold: [0.6] },
    );
    for (const el of root.querySelectorAll("section")) this.observer.observe(el);
  }

  private show(status: ActionStatus) {
    this.renderRoot
      .querySelector(`section[data-status="${status}"]`)
      ?.scrollIntoView({ behavior: "smooth", block: "nearest", inline: "start" });
  }

  private get doc() {
    return this.live.board?.doc ?? null;
  }

  private organizations() {
    const byId = new Map<string, string>();
    for (const m of this.members) if (m.organization) byId.set(m.organization.id, m.organization.name);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "sv"));
  }

  override render() {
    const doc = this.doc;
    if (!doc || !this.live.ready) return html`<p role="status">${t("board.loading")}</p>`;
    const all = readFocus(doc).actions;
    const shown = all.filter(
      (a) =>
        (!this.ownerFilter || a.ownerId === this.ownerFilter) &&
        (!this.organizationFilter || a.organizationId === this.organizationFilter),
    );
    return html`${boardStatus(this.live)}
      ${this.canEdit ? nothing : html`<p class="note">${t("board.readOnly")}</p>`}
      <div class="filters">
        <label
          >${t("board.filterOwner")}
          <select aria-label=${t("board.filterOwner")} @change=${(e: Event) => (this.ownerFilter = (e.target as HTMLSelectElement).value)}>
            <option value="">${t("board.all")}</option>
            ${this.members.map((m) => html`<option value=${m.userId} ?selected=${m.userId === this.ownerFilter}>${m.name}</option>`)}
          </select></label
        >
        <label
          >${t("board.filterOrganization")}
          <select aria-label=${t("board.filterOrganization")} @change=${(e: Event) => (this.organizationFilter = (e.target as HTMLSelectElement).value)}>
            <option value="">${t("board.all")}</option>
            ${this.organizations().map((o) => html`<option value=${o.id} ?selected=${o.id === this.organizationFilter}>${o.name}</option>`)}
          </select></label
        >
      </div>
      ${this.canEdit ? html`<p id="move-hint" class="muted">${t("board.moveHint")}</p>` : nothing}
      <nav class="switcher" aria-label=${t("tabletBoard.columns")}>${ACTION_STATUSES.map(
        (s) =>
          html`<button type="button" aria-current=${this.inView.includes(s) ? "true" : "false"} @click=${() => this.show(s)}>
            ${t(`status.${s}`)} <span class="count">${shown.filter((a) => a.status === s).length}</span>
          </button>`,
      )}</nav>
      <div class="columns">${ACTION_STATUSES.map((status) =>
        this.column(
          status,
          shown.filter((a) => a.status === status),
        ),
      )}</div>
      <div class="sr-only" aria-live="polite">${this.announcement}</div>
      ${this.toast ? html`<undo-toast></undo-toast>` : nothing}
      <action-dialog @card-closed=${forgetAction} @action-removed=${this.removed} .boardId=${this.boardId} .board=${this.live.board} .doc=${doc} .awareness=${this.live.board?.provider.awareness ?? null} .canEdit=${this.canEdit} .members=${this.members} .organizations=${this.organizations()}></action-dialog>`;
  }

  private column(status: ActionStatus, cards: Action[]) {
    return html`<section
      class="column ${this.dropStatus === status ? "drop-target" : ""}"
      data-status=${status}
      aria-labelledby="col-${status}"
      @dragover=${(e: DragEvent) => this.dragOver(e, status)}
      @dragleave=${() => (this.dropStatus = null)}
      @drop=${(e: DragEvent) => this.drop(e, status)}
    >
      <h2 id="col-${status}">${t(`status.${status}`)} <span class="muted">(${cards.length})</span></h2>
      <ol>
        ${cards.map((card) => this.card(card))}
      </ol>
      ${
        status === "idea" && this.canEdit
          ? html`<form class="add" @submit=${this.add}>
              <input name="title" aria-label=${t("board.addCardLabel")} placeholder=${t("board.addCard")} maxlength="200" required />
              <button type="submit">${t("board.add")}</button>
            </form>`
          : nothing
      }
    </section>`;
  }

  private card(card: Action) {
    const owner = this.members.find((m) => m.userId === card.ownerId)?.name;
    const organization = this.organizations().find((o) => o.id === card.organizationId)?.name;
    const overdue = card.dueDate !== null && card.dueDate < today() && card.status !== "done";
    return html`<li
      class="card"
      data-id=${card.id}
      draggable=${this.canEdit ? "true" : "false"}
      @dragstart=${(e: DragEvent) => e.dataTransfer?.setData("text/plain", card.id)}
    >
      <button
        class="open"
        aria-label=${t("board.open", { title: card.title })}
        aria-describedby=${this.canEdit ? "move-hint" : nothing}
        @click=${() => void this.dialog().then((d) => d?.open(card.id))}
        @keydown=${(e: KeyboardEvent) => this.key(e, card)}
      >
        ${card.title}
      </button>
      <div class="meta">
        ${[owner, organization].filter(Boolean).join(" · ")}
        ${card.dueDate ? html`<div class=${overdue ? "overdue" : ""}>${t("board.due", { date: formatDate(card.dueDate) })}</div>` : nothing}
      </div>
      ${
        overdue || card.pdsaPhase
          ? html`<div class="badges">
              ${overdue ? html`<span class="badge danger">${t("board.overdue")}</span>` : nothing}
              ${card.pdsaPhase ? html`<span class="badge info">${t("card.pdsaPhase")}: ${t(`pdsa.${card.pdsaPhase}`)}</span>` : nothing}
            </div>`
          : nothing
      }
      ${
        this.canEdit
          ? moveMenu(card, {
              open: this.menuFor === card.id,
              toggle: () => void this.toggleMenu(card.id),
              close: () => (this.menuFor = null),
              pick: (s) => {
                this.menuFor = null;
                this.moveTo(card, s);
              },
            })
          : nothing
      }
    </li>`;
  }

  private async toggleMenu(id: string) {
    this.menuFor = this.menuFor === id ? null : id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(".move.open [role=menuitem]")?.focus();
  }

  /** The card dialog, whose code comes with the first card opened (not needed for the board's first paint). */
  private async dialog(): Promise<ActionDialog | null> {
    await import("../action-dialog/action-dialog.js");
    return this.renderRoot.querySelector<ActionDialog>("action-dialog");
  }

  private add(event: SubmitEvent) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem("title") as HTMLInputElement;
    const title = input.value.trim();
    if (!title || !this.doc) return;
    void this.write((doc) => void addAction(doc, { title, status: "idea" }));
    input.value = "";
  }

  /** The full column (filters ignored: places are among all cards) without `except`. */
  private columnOf(status: ActionStatus, except?: string): Action[] {
    return this.doc ? readFocus(this.doc).actions.filter((a) => a.status === status && a.id !== except) : [];
  }

  private async place(card: Action, status: ActionStatus, afterId: string | null) {
    await this.write((doc) => moveAction(doc, card.id, status, afterId));
    const column = this.columnOf(status);
    const position = column.findIndex((a) => a.id === card.id) + 1;
    this.announcement = t("board.moved", {
      title: card.title,
      status: t(`status.${status}`),
      position,
      count: column.length,
    });
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`li[data-id="${CSS.escape(card.id)}"] button.open`)?.focus(),
    );
  }

  private moveTo(card: Action, status: ActionStatus) {
    if (status === card.status) return;
    void this.place(card, status, this.columnOf(status, card.id).at(-1)?.id ?? null);
  }

  private key(event: KeyboardEvent, card: Action) {
    if (!this.canEdit || !event.altKey) return;
    const column = this.columnOf(card.status);
    const index = column.findIndex((a) => a.id === card.id);
    const statusIndex = ACTION_STATUSES.indexOf(card.status);
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      const next = ACTION_STATUSES[statusIndex + (event.key === "ArrowRight" ? 1 : -1)];
      if (!next) return;
      event.preventDefault();
      this.moveTo(card, next);
    } else if (event.key === "ArrowUp" && index > 0) {
      event.preventDefault();
      void this.place(card, card.status, column[index - 2]?.id ?? null);
    } else if (event.key === "ArrowDown" && index < column.length - 1) {
      event.preventDefault();
      void this.place(card, card.status, column[index + 1]?.id ?? null);
    }
  }

  private dragOver(event: DragEvent, status: ActionStatus) {
    if (!this.canEdit) return;
    event.preventDefault();
    this.dropStatus = status;
  }

  private drop(event: DragEvent, status: ActionStatus) {
    this.dropStatus = null;
    if (!this.canEdit || !this.doc) return;
    event.preventDefault();
    const id = event.dataTransfer?.getData("text/plain");
    const card = id ? readFocus(this.doc).actions.find((a) => a.id === id) : undefined;
    if (!card) return;
    // Dropped on a card: in front of it; elsewhere in the column: last.
    const target = (event.composedPath().find((el) => el instanceof HTMLLIElement) as HTMLLIElement | undefined)
      ?.dataset.id;
    const column = this.columnOf(status, card.id);
    const at = target ? column.findIndex((a) => a.id === target) : -1;
    void this.place(card, status, at === -1 ? (column.at(-1)?.id ?? null) : (column[at - 1]?.id ?? null));
  }
}

customElements.define("focus-board", FocusBoard);
