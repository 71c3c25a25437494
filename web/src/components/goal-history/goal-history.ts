/**
 * "Mål över tid" (issue 19): one goal's owner organisation, target date, its status follow-ups as
 * a timeline (status, as of which date, who set it, the justification and the areas for
 * development), a form for a new follow-up, and the focus areas and actions that serve the goal.
 * Reads and writes the plan's live document (shared/boards/goal-history.ts): what others record
 * shows at once. Observers read.
 */
import { css, html, LitElement, nothing } from "lit";
import type * as Y from "yjs";
import type { BoardInputError } from "../../../../shared/boards/access.js";
import { addGoalFollowUp, linkGoal, unlinkGoal } from "../../../../shared/boards/goal-history.js";
import { type Goal, readPlan, updateGoal } from "../../../../shared/boards/plan.js";
import { GOAL_STATUSES, type GoalStatus } from "../../../../shared/boards/vocabulary.js";
import { get } from "../../api/client.js";
import type { ActionRow, Board } from "../../api/types.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import { paths } from "../../router.js";
import { badgeStyles, formStyles, pageStyles } from "../../styles/shared.js";
import { dateField, formDate } from "../date-field/date-field.js";
import { tg, tgp } from "./goal-history-texts.js";

interface Person {
  userId: string;
  name: string;
  organization: { id: string; name: string } | null;
}

const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());

export class GoalHistory extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    badgeStyles,
    css`
      :host {
        display: block;
      }
      ol.timeline {
        list-style: none;
        padding: 0;
        margin: 0;
        border-left: 3px solid var(--color-border);
      }
      ol.timeline > li {
        position: relative;
        padding: 0 0 var(--space-4) var(--space-4);
      }
      ol.timeline > li::before {
        content: "";
        position: absolute;
        left: -0.55rem;
        top: 0.3rem;
        width: 0.8rem;
        height: 0.8rem;
        border-radius: 50%;
        background: var(--color-primary);
      }
      .muted {
        color: var(--color-muted);
        font-size: var(--text-small);
      }
      .grid {
        display: grid;
        gap: var(--space-2);
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      }
      .error {
        color: var(--color-danger);
      }
    `,
  ];
  static override properties = {
    doc: { attribute: false },
    goalId: { attribute: false },
    canEdit: { attribute: false },
    userId: { attribute: false },
    workspaceId: { attribute: false },
    people: { state: true },
    focusBoards: { state: true },
    actions: { state: true },
    error: { state: true },
    saved: { state: true },
    chosenBoard: { state: true },
  };
  declare doc: Y.Doc | null;
  declare goalId: string;
  declare canEdit: boolean;
  declare userId: string;
  declare workspaceId: string;
  declare private people: Person[];
  declare private focusBoards: Board[];
  declare private actions: ActionRow[];
  declare private error: { field: string; message: string } | null;
  declare private saved: boolean;
  declare private chosenBoard: string;
  private readonly refresh = () => this.requestUpdate();
  private watched: Y.Doc | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.doc = null;
    this.goalId = "";
    this.canEdit = false;
    this.userId = "";
    this.workspaceId = "";
    this.people = [];
    this.focusBoards = [];
    this.actions = [];
    this.error = null;
    this.saved = false;
    this.chosenBoard = "";
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.watched?.off("update", this.refresh);
    this.watched = null;
  }

  override willUpdate() {
    if (this.doc !== this.watched) {
      this.watched?.off("update", this.refresh);
      this.doc?.on("update", this.refresh);
      this.watched = this.doc;
    }
  }

  private async load() {
    if (!this.workspaceId) return;
    try {
      const [members, boards, actions] = await Promise.all([
        get<{ members: Person[] }>(`/api/workspaces/${this.workspaceId}/members`),
        get<{ boards: Board[] }>(`/api/workspaces/${this.workspaceId}/boards`),
        get<{ actions: ActionRow[] }>(`/api/workspaces/${this.workspaceId}/actions`),
      ]);
      this.people = members.members;
      this.focusBoards = boards.boards.filter((b) => b.kind === "focus");
      this.actions = actions.actions;
    } catch (error) {
      // Names and link choices are missing; the goal and its history still show.
      console.error(error);
    }
  }

  private goal(): Goal | undefined {
    return this.doc ? readPlan(this.doc).goals.find((g) => g.id === this.goalId) : undefined;
  }

  override render() {
    const goal = this.goal();
    if (!goal || !this.doc) return html`<p role="status">${t("board.loading")}</p>`;
    const organizations = new Map(
      this.people.flatMap((p) => (p.organization ? [[p.organization.id, p.organization.name] as const] : [])),
    );
    const newestFirst = [...goal.history].reverse();
    return html`<h2 id="gh-heading">${goal.title}</h2>
      <p class="muted">${tg(`gh.level.${goal.level}`)}${
        goal.perspectives.length ? html` · ${goal.perspectives.map((p) => t(`perspective.${p}`)).join(", ")}` : nothing
      }</p>
      ${this.details(goal, organizations)}
      <p><strong>${tg("gh.current")}:</strong> <span class="badge ${goal.status}">${t(`goal.${goal.status}`)}</span></p>
      <section aria-labelledby="gh-timeline">
        <h3 id="gh-timeline">${tg("gh.timeline")} <span class="muted">(${tgp("gh.entries", goal.history.length)})</span></h3>
        ${
          newestFirst.length === 0
            ? html`<p>${tg("gh.none")}</p>`
            : html`<ol class="timeline">
                ${newestFirst.map(
                  (h) => html`<li data-entry=${h.id}>
                    <div>
                      <time datetime=${h.date}>${formatDate(h.date)}</time> —
                      <span class="badge ${h.status}">${t(`goal.${h.status}`)}</span>
                      ${h.example ? html`<span class="badge neutral">${tg("gh.example")}</span>` : nothing}
                    </div>
                    <div class="muted">${tg("gh.by", { name: this.nameOf(h.by), at: formatDate(h.at, true) })}</div>
                    ${h.justification ? html`<p><strong>${tg("gh.justification")}:</strong> ${h.justification}</p>` : nothing}
                    ${h.remaining ? html`<p><strong>${tg("gh.remaining")}:</strong> ${h.remaining}</p>` : nothing}
                  </li>`,
                )}
              </ol>`
        }
      </section>
      ${this.canEdit ? this.newFollowUp(goal) : nothing} ${this.links(goal)}`;
  }

  private nameOf(userId: string | null): string {
    if (userId === null) return tg("gh.server");
    return this.people.find((p) => p.userId === userId)?.name ?? tg("gh.unknown");
  }

  private details(goal: Goal, organizations: Map<string, string>) {
    const doc = this.doc as Y.Doc;
    if (!this.canEdit)
      return html`<dl class="grid">
        <div><dt>${tg("gh.owner")}</dt><dd>${(goal.organizationId && organizations.get(goal.organizationId)) || "–"}</dd></div>
        <div><dt>${tg("gh.targetDate")}</dt><dd>${goal.targetDate ? formatDate(goal.targetDate) : "–"}</dd></div>
      </dl>`;
    return html`<div class="grid">
      <label>${tg("gh.owner")}
        <select @change=${(e: Event) => updateGoal(doc, goal.id, { organizationId: (e.target as HTMLSelectElement).value || null })}>
          <option value="" ?selected=${goal.organizationId === null}>${tg("gh.noOwner")}</option>
          ${[...organizations].map(([id, name]) => html`<option value=${id} ?selected=${goal.organizationId === id}>${name}</option>`)}
        </select>
      </label>
      <label>${tg("gh.targetDate")}
        ${dateField({ value: goal.targetDate ?? "", onChange: (day) => updateGoal(doc, goal.id, { targetDate: day || null }) })}
      </label>
    </div>`;
  }

  private newFollowUp(goal: Goal) {
    const problem = (field: string) =>
      this.error?.field === field
        ? html`<span class="error" id="gh-err-${field}">${this.error.message}</span>`
        : nothing;
    const described = (field: string) => (this.error?.field === field ? `gh-err-${field}` : "");
    return html`<form aria-labelledby="gh-new" @submit=${(e: SubmitEvent) => this.submit(e, goal)}>
      <h3 id="gh-new">${tg("gh.new")}</h3>
      <div class="grid">
        <label>${tg("gh.status")}
          <select name="status">
            ${GOAL_STATUSES.map((s) => html`<option value=${s} ?selected=${s === goal.status}>${t(`goal.${s}`)}</option>`)}
          </select>
        </label>
        <label>${tg("gh.date")}
          ${dateField({ name: "date", required: true, value: today(), invalid: this.error?.field === "date", describedBy: described("date") })}
          ${problem("date")}
        </label>
      </div>
      <label>${tg("gh.justification")}
        <textarea name="justification" maxlength="4000" aria-describedby=${described("justification")}></textarea>
        ${problem("justification")}
      </label>
      <label>${tg("gh.remaining")}
        <textarea name="remaining" maxlength="4000" aria-describedby=${described("remaining")}></textarea>
        ${problem("remaining")}
      </label>
      <button type="submit">${tg("gh.save")}</button>
      <span role="status">${this.saved ? tg("gh.saved") : ""}</span>
    </form>`;
  }

  private submit(e: SubmitEvent, goal: Goal) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const field = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value;
    // Text that is no date: the field says so itself.
    const date = formDate(form, "date");
    if (date === null) return;
    this.saved = false;
    try {
      addGoalFollowUp(this.doc as Y.Doc, goal.id, {
        status: field("status") as GoalStatus,
        date,
        by: this.userId,
        justification: field("justification").trim(),
        remaining: field("remaining").trim(),
      });
    } catch (error) {
      const refused = error as BoardInputError;
      this.error = {
        field: refused.field,
        message:
          refused.field === "date"
            ? tg("gh.invalidDate")
            : refused.issue?.maximum !== undefined
              ? tg("gh.tooLong", { max: refused.issue.maximum })
              : refused.message,
      };
      return;
    }
    this.error = null;
    this.saved = true;
    (form.elements.namedItem("justification") as HTMLTextAreaElement).value = "";
    (form.elements.namedItem("remaining") as HTMLTextAreaElement).value = "";
  }

  private links(goal: Goal) {
    const doc = this.doc as Y.Doc;
    const boardName = (id: string) => this.focusBoards.find((b) => b.id === id)?.title ?? tg("gh.unknown");
    const actionName = (id: string | null) =>
      id === null ? tg("gh.wholeArea") : (this.actions.find((a) => a.id === id)?.title ?? tg("gh.unknown"));
    const chosenActions = this.actions.filter((a) => a.boardId === this.chosenBoard);
    return html`<section aria-labelledby="gh-links">
      <h3 id="gh-links">${tg("gh.links")}</h3>
      ${
        goal.links.length === 0
          ? html`<p>${tg("gh.noLinks")}</p>`
          : html`<ul>
              ${goal.links.map((l) => {
                const name = `${boardName(l.boardId)} — ${actionName(l.actionId)}`;
                const href = l.actionId ? paths.boardAt(l.boardId, { action: l.actionId }) : paths.board(l.boardId);
                return html`<li><a href=${href}>${name}</a>
                  ${
                    this.canEdit
                      ? html`<button type="button" aria-label=${tg("gh.unlink", { name })} @click=${() => unlinkGoal(doc, goal.id, l.id)}>×</button>`
                      : nothing
                  }</li>`;
              })}
            </ul>`
      }
      ${
        this.canEdit && this.focusBoards.length > 0
          ? html`<form class="grid" aria-label=${tg("gh.link")} @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              if (!this.chosenBoard) return;
              const action = (e.currentTarget as HTMLFormElement).elements.namedItem("action") as HTMLSelectElement;
              linkGoal(doc, goal.id, { boardId: this.chosenBoard, actionId: action.value || null });
            }}>
              <label>${tg("gh.focusArea")}
                <select name="board" required @change=${(e: Event) => {
                  this.chosenBoard = (e.target as HTMLSelectElement).value;
                }}>
                  <option value=""></option>
                  ${this.focusBoards.map((b) => html`<option value=${b.id}>${b.title}</option>`)}
                </select>
              </label>
              <label>${tg("gh.action")}
                <select name="action">
                  <option value="">${tg("gh.wholeArea")}</option>
                  ${chosenActions.map((a) => html`<option value=${a.id}>${a.title}</option>`)}
                </select>
              </label>
              <div><button type="submit">${tg("gh.link")}</button></div>
            </form>`
          : nothing
      }
    </section>`;
  }
}

customElements.define("goal-history", GoalHistory);
