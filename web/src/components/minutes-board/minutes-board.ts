/**
 * A meeting's minutes (protokoll), recorded live by the convener while the others follow: the
 * meeting's details, attendance by organisation, and the agenda items numbered by § with notes,
 * decisions and action items — action items with a focus area become actions there, linked both
 * ways. Everything is written through shared/boards/minutes.ts. Observers, and everyone once the
 * minutes are closed (`locked`), see it all as text; the approval panel goes in the "approval" slot.
 */
import { html, LitElement, nothing, unsafeCSS } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { BoardInputError } from "../../../../shared/boards/access.js";
import { addActionItem, addAgendaItem, type NewActionItem, readMinutes } from "../../../../shared/boards/minutes.js";
import { get } from "../../api/client.js";
import type { Board } from "../../api/types.js";
import { BoardController } from "../../collab/board-controller.js";
import type { OpenBoard } from "../../collab/open-board.js";
import { boardUndo, step, UndoKeys, type UndoStep } from "../../collab/undo.js";
import { inputProblem, LocaleController, t } from "../../i18n/i18n.js";
import type { BoardTarget } from "../../router.js";
import { boardStatus } from "../board-status/board-status.js";
import { BoardTargetController, showTarget, targetHighlightCss } from "../board-target/board-target.js";
import type { Member } from "../focus-board/focus-board.js";
import { agendaItem } from "./agenda-item.js";
import { attendeeList } from "./attendee-list.js";
import { LinkError, linkToFocusArea } from "./link-action.js";
import { meetingDetails } from "./meeting-details.js";
import { meetingYear } from "./meeting-time.js";
import { minutesBoardStyles } from "./minutes-board.styles.js";
import type { MinutesView } from "./minutes-view.js";
import { nextNumber } from "./next-number.js";
import { Removal } from "./removal.js";

const LINK_REASONS = {
  timeout: "minutes.linkTimeout",
  "not-focus": "minutes.linkNotFocus",
  refused: "minutes.linkRefused",
} as const;

export class MinutesBoard extends LitElement {
  static override styles = [...minutesBoardStyles, unsafeCSS(targetHighlightCss)];
  static override properties = {
    boardId: { attribute: false },
    boardTitle: { attribute: false },
    workspaceId: { attribute: false },
    canEdit: { attribute: false },
    runsMeetings: { attribute: false },
    userId: { attribute: false },
    members: { attribute: false },
    locked: { attribute: false },
    target: { attribute: false },
    focusBoards: { state: true },
    linking: { state: true },
    linkFailures: { state: true },
    problem: { state: true },
    adding: { state: true },
  };
  declare boardId: string;
  declare boardTitle: string;
  declare workspaceId: string;
  declare canEdit: boolean;
  /** A convener of the partnership: runs every meeting. */
  declare runsMeetings: boolean;
  /** The signed-in person (the meeting's own convener runs it too). */
  declare userId: string;
  declare members: Member[];
  /** Closed, approved or sealed minutes: shown read-only to everyone. */
  declare locked: boolean;
  /** A deep link's target (`?item=`, `#§7`): scrolled to and focused once the minutes have synced. */
  declare target: BoardTarget | null;
  declare private focusBoards: Board[];
  declare private linking: ReadonlySet<string>;
  declare private linkFailures: ReadonlyMap<string, string>;
  declare private problem: string | null;
  declare private adding: boolean;
  private readonly live = new BoardController(this, () => this.boardId);
  readonly goTo = new BoardTargetController(this, this.live, (target) => {
    if (!target.item && !target.paragraph) return null;
    const items = this.live.board ? readMinutes(this.live.board.doc).items : [];
    // By id; a § number alone (or an item since removed whose § is still there) finds it by number.
    const item =
      items.find((i) => i.id === target.item) ??
      (target.paragraph ? items.find((i) => i.number === target.paragraph) : undefined);
    const section = item && this.renderRoot.querySelector<HTMLElement>(`section[aria-labelledby="item-${item.id}-h"]`);
    if (!section) return "item";
    showTarget(section, section.querySelector<HTMLElement>("h3") ?? section);
    return null;
  });
  private readonly removal = new Removal(this, (change) => this.write(change));
  readonly undoKeys = new UndoKeys(this, (what) => {
    const doc = this.live.board?.doc;
    if (this.readOnly || !doc) return false;
    if (step(doc, what)) this.renderRoot.querySelector("undo-toast")?.stepped(what);
    return true;
  });
  private loadedBoardsOf = "";

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.boardTitle = "";
    this.workspaceId = "";
    this.canEdit = false;
    this.runsMeetings = false;
    this.userId = "";
    this.members = [];
    this.locked = false;
    this.target = null;
    this.focusBoards = [];
    this.linking = new Set();
    this.linkFailures = new Map();
    this.problem = null;
    this.adding = false;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has("workspaceId") && this.workspaceId && this.workspaceId !== this.loadedBoardsOf) {
      this.loadedBoardsOf = this.workspaceId;
      void this.loadFocusBoards(this.workspaceId);
    }
  }

  private async loadFocusBoards(workspaceId: string) {
    try {
      const { boards } = await get<{ boards: (Board & { archivedAt?: string | null })[] }>(
        `/api/workspaces/${encodeURIComponent(workspaceId)}/boards`,
      );
      this.focusBoards = boards.filter((b) => b.kind === "focus" && !b.archivedAt);
    } catch {
      // Offline: focus areas cannot be chosen now; those already chosen are named generically.
    }
  }

  /** Locked as the page was told, or as the server just said when it refused a change. */
  private get isLocked() {
    return this.locked || this.live.lockedChangesDropped;
  }

  private get readOnly() {
    return !this.canEdit || this.isLocked;
  }

  override render() {
    const board = this.live.board;
    if (!board || !this.live.ready) {
      return html`<slot name="approval"></slot>
        <p role="status">${t("board.loading")}</p>`;
    }
    const minutes = readMinutes(board.doc);
    const view = this.view(board, minutes.meeting.convenerId);
    return html`${boardStatus(this.live)}
      <slot name="approval"></slot>
      ${
        this.live.lockedChangesDropped
          ? html`<p role="alert" class="note">${t("minutes.lockedChangesDropped")}</p>`
          : nothing
      }
      ${
        this.isLocked
          ? html`<p class="note">${t("minutes.locked", { title: this.boardTitle || t("kind.minutes") })}</p>`
          : this.canEdit
            ? nothing
            : html`<p class="note">${t("board.readOnly")}</p>`
      }
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      ${meetingDetails(view, minutes.meeting)} ${attendeeList(view, minutes.attendees)}
      <section aria-labelledby="agenda-h">
        <h2 id="agenda-h">${t("minutes.agenda")}</h2>
        ${minutes.items.length === 0 ? html`<p>${t("minutes.noItems")}</p>` : nothing}
        ${view.readOnly || view.governs ? nothing : html`<p class="hint">${t("governance.readOnlyAgenda")}</p>`}
        ${repeat(
          minutes.items,
          (item) => item.id,
          (item) => agendaItem(view, item),
        )}
        ${this.readOnly ? nothing : this.addItemForm()}
      </section>
      ${this.removal.render()}`;
  }

  private view(board: OpenBoard, convenerId: string | null): MinutesView {
    return {
      doc: board.doc,
      boardId: this.boardId,
      readOnly: this.readOnly,
      members: this.members,
      governs: this.runsMeetings || (this.userId !== "" && convenerId === this.userId),
      confirmRemove: (kind, title, at, remove) =>
        void this.removal.ask(
          board.doc,
          title,
          t(kind === "item" ? "governance.confirmItem" : "governance.confirmAction", { title }),
          t(kind === "item" ? "governance.removedItem" : "governance.removedAction", { title }),
          remove,
          at,
        ),
      removeNow: (title, done, at, remove) => this.removal.now(board.doc, title, done, remove, at),
      focusBoards: this.focusBoards,
      awareness: board.provider.awareness,
      write: (change) => this.write(change),
      linking: this.linking,
      linkFailures: this.linkFailures,
      addActionItem: (itemId, input) => this.addActionItem(itemId, input),
      link: (itemId, actionItemId) => void this.link(itemId, actionItemId),
      decisionPointsOf:
        this.canEdit && this.workspaceId ? { workspaceId: this.workspaceId, boardId: this.boardId } : null,
    };
  }

  /** One undoable step of this person's (Ctrl+Z outside text fields takes it back); null when refused. */
  private write(change: () => void): UndoStep | null {
    const doc = this.live.board?.doc;
    if (!doc) return null;
    try {
      const step = boardUndo(doc).change(change);
      this.problem = null;
      return step;
    } catch (error) {
      if (!(error instanceof BoardInputError)) throw error;
      this.problem = t("minutes.invalid", { reason: inputProblem(error) });
      return null;
    }
  }

  private addItemForm() {
    return html`<form class="inline add-item" @submit=${this.addItem}>
      <label class="grow">${t("minutes.newItem")} <input name="title" maxlength="300" required /></label>
      <button type="submit" ?disabled=${this.adding}>${t("minutes.addItem")}</button>
    </form>`;
  }

  private async addItem(event: SubmitEvent) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem("title") as HTMLInputElement;
    const title = input.value.trim();
    const doc = this.live.board?.doc;
    if (!title || !doc || this.adding) return;
    this.adding = true;
    try {
      const minutes = readMinutes(doc);
      const year = meetingYear(minutes.meeting.startsAt);
      // Asked at the last moment: another meeting this year may have used numbers meanwhile.
      const at = { workspaceId: this.workspaceId, boardId: this.boardId, year };
      const number = await nextNumber(
        at,
        minutes.items.map((i) => i.number),
      );
      // Numbers used here while we waited (someone else added an item) count too.
      const usedNow = readMinutes(doc).items.map((i) => i.number ?? 0);
      this.write(() => addAgendaItem(doc, { title, number: Math.max(number, ...usedNow.map((n) => n + 1)) }));
      input.value = "";
    } finally {
      this.adding = false;
    }
  }

  private addActionItem(itemId: string, input: NewActionItem) {
    const doc = this.live.board?.doc;
    if (!doc) return;
    let id: string | null = null;
    this.write(() => {
      id = addActionItem(doc, itemId, input);
    });
    if (id && input.focusBoardId) void this.link(itemId, id);
  }

  private async link(itemId: string, actionItemId: string) {
    const doc = this.live.board?.doc;
    if (!doc || this.linking.has(actionItemId)) return;
    this.linking = new Set([...this.linking, actionItemId]);
    const failures = new Map(this.linkFailures);
    failures.delete(actionItemId);
    this.linkFailures = failures;
    try {
      await linkToFocusArea({ minutesDoc: doc, minutesBoardId: this.boardId, itemId, actionItemId });
    } catch (error) {
      const reason =
        error instanceof LinkError
          ? t(LINK_REASONS[error.reason])
          : error instanceof Error
            ? error.message
            : String(error);
      this.linkFailures = new Map(this.linkFailures).set(actionItemId, reason);
    } finally {
      const linking = new Set(this.linking);
      linking.delete(actionItemId);
      this.linking = linking;
    }
  }
}

customElements.define("minutes-board", MinutesBoard);
