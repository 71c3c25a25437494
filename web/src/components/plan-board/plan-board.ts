/**
 * The local collaboration plan: its purpose and sections as co-edited rich text, the meeting
 * cadence, the partnership's goals (status, perspectives, comment) and the contact routes between
 * the organisations. Everything is written through shared/boards/plan.ts. Observers read it all.
 */
import { css, html, LitElement, nothing, unsafeCSS } from "lit";
import {
  addContact,
  addGoal,
  addSection,
  type Goal,
  readPlan,
  setPlanDetails,
  updateGoal,
  updateSection,
} from "../../../../shared/boards/plan.js";
import {
  GOAL_STATUSES,
  type GoalStatus,
  PERSPECTIVES,
  type Perspective,
} from "../../../../shared/boards/vocabulary.js";
import { BoardController } from "../../collab/board-controller.js";
import { LocaleController, t } from "../../i18n/i18n.js";
import type { BoardTarget } from "../../router.js";
import { formStyles, pageStyles } from "../../styles/shared.js";
import { boardStatus, boardStatusStyles } from "../board-status/board-status.js";
import { BoardTargetController, showTarget, targetHighlightCss } from "../board-target/board-target.js";
import "../rich-text/rich-text.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { goalCommentsButton } from "../comments/goal-comments-button.js";

export class PlanBoard extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    boardStatusStyles,
    unsafeCSS(targetHighlightCss),
    css`
      section {
        margin: 1.5rem 0;
      }
      .goal {
        display: grid;
        gap: 0.5rem;
      }
      fieldset {
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
      }
      .inline {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        align-items: end;
      }
    `,
  ];
  static override properties = {
    boardId: { attribute: false },
    canEdit: { attribute: false },
    target: { attribute: false },
    userId: { attribute: false },
    workspaceId: { attribute: false },
  };
  declare boardId: string;
  declare canEdit: boolean;
  /** A deep link's target (`?goal=`, `?section=`): scrolled to, focused and highlighted once synced. */
  declare target: BoardTarget | null;
  /** Who is signed in and where: for "Mål över tid" (goal-history, loaded when opened). */
  declare userId: string;
  declare workspaceId: string;
  private readonly live = new BoardController(this, () => this.boardId);
  readonly goTo = new BoardTargetController(this, this.live, (target) => {
    const [kind, id] = target.goal ? (["goal", target.goal] as const) : (["section", target.section] as const);
    if (!id) return null;
    const found = this.renderRoot.querySelector<HTMLElement>(`[data-${kind}="${CSS.escape(id)}"]`);
    if (!found) return kind;
    showTarget(found);
    return null;
  });

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.canEdit = false;
    this.target = null;
    this.userId = "";
    this.workspaceId = "";
  }

  override render() {
    const board = this.live.board;
    if (!board || !this.live.ready) return html`<p role="status">${t("board.loading")}</p>`;
    const doc = board.doc;
    const plan = readPlan(doc);
    const awareness = board.provider.awareness;
    const value = (e: Event) => (e.target as HTMLInputElement).value;
    return html`${boardStatus(this.live)}
      ${this.canEdit ? nothing : html`<p class="card">${t("board.readOnly")}</p>`}
      <section aria-labelledby="purpose-h">
        <h2 id="purpose-h">${t("plan.purpose")}</h2>
        <rich-text
          .fragment=${plan.purpose ?? null}
          .awareness=${awareness}
          .editable=${this.canEdit}
          .label=${t("plan.purpose")}
        ></rich-text>
        ${
          this.canEdit
            ? html`<label
                >${t("plan.cadence")}
                <input .value=${keepTyping(plan.meetingCadence)} maxlength="500" @change=${(e: Event) => setPlanDetails(doc, { meetingCadence: value(e) })}
              /></label>`
            : html`<p><strong>${t("plan.cadence")}:</strong> ${plan.meetingCadence || "–"}</p>`
        }
      </section>
      <section aria-labelledby="sections-h">
        <h2 id="sections-h">${t("plan.sections")}</h2>
        ${plan.sections.map(
          (s) => html`<div class="card" data-section=${s.id}>
            ${
              this.canEdit
                ? html`<label
                    >${t("plan.heading")}
                    <input .value=${keepTyping(s.heading)} maxlength="200" @change=${(e: Event) => value(e).trim() && updateSection(doc, s.id, { heading: value(e).trim() })}
                  /></label>`
                : html`<h3>${s.heading}</h3>`
            }
            <rich-text .fragment=${s.body ?? null} .awareness=${awareness} .editable=${this.canEdit} .label=${s.heading}></rich-text>
          </div>`,
        )}
        ${
          this.canEdit
            ? this.addForm("plan.addSection", (title) => {
                addSection(doc, title);
              })
            : nothing
        }
      </section>
      <section aria-labelledby="goals-h">
        <h2 id="goals-h">${t("home.goals")}</h2>
        <ul class="plain">
          ${plan.goals.map((g) => html`<li class="card goal" data-goal=${g.id}>${this.canEdit ? this.goalEditor(g) : this.goalReader(g)}${this.historyButton(g)}${goalCommentsButton(this, doc, g)}</li>`)}
        </ul>
        ${this.canEdit ? this.addForm("plan.addGoal", (title) => void addGoal(doc, { title })) : nothing}
      </section>
      <section aria-labelledby="contacts-h">
        <h2 id="contacts-h">${t("plan.contacts")}</h2>
        ${
          plan.contacts.length === 0
            ? html`<p>${t("home.none")}</p>`
            : html`<ul>
                ${plan.contacts.map((c) => html`<li><strong>${c.organizationName}</strong>: ${c.route}${c.purpose ? ` — ${c.purpose}` : ""}</li>`)}
              </ul>`
        }
        ${
          this.canEdit
            ? html`<form class="inline" aria-label=${t("plan.addContact")} @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                const form = e.currentTarget as HTMLFormElement;
                const field = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
                if (!field("organizationName") || !field("route")) return;
                addContact(doc, { organizationName: field("organizationName"), route: field("route") });
                form.reset();
              }}>
                <label>${t("plan.contactOrganization")} <input name="organizationName" maxlength="200" required /></label>
                <label>${t("plan.contactRoute")} <input name="route" maxlength="300" required /></label>
                <button type="submit">${t("plan.addContact")}</button>
              </form>`
            : nothing
        }
      </section>`;
  }

  private addForm(label: "plan.addSection" | "plan.addGoal", add: (title: string) => void) {
    return html`<form class="inline" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const input = (e.currentTarget as HTMLFormElement).elements.namedItem("title") as HTMLInputElement;
      if (!input.value.trim()) return;
      add(input.value.trim());
      input.value = "";
    }}>
      <label>${t(label)} <input name="title" maxlength="300" required /></label>
      <button type="submit">${t("board.add")}</button>
    </form>`;
  }

  private goalEditor(g: Goal) {
    const doc = this.live.board?.doc;
    if (!doc) return nothing;
    const toggle = (p: Perspective, on: boolean) =>
      updateGoal(doc, g.id, { perspectives: PERSPECTIVES.filter((x) => (x === p ? on : g.perspectives.includes(x))) });
    return html`<label
        >${t("plan.goalTitle")}
        <input .value=${keepTyping(g.title)} maxlength="300" @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value.trim();
          if (v) updateGoal(doc, g.id, { title: v });
        }}
      /></label>
      <label
        >${t("card.status")}
        <select aria-label="${t("card.status")}: ${g.title}" ?disabled=${g.history.length > 0} title=${g.history.length > 0 ? t("plan.statusByFollowUp") : ""} @change=${(e: Event) => updateGoal(doc, g.id, { status: (e.target as HTMLSelectElement).value as GoalStatus })}>
          ${GOAL_STATUSES.map((s) => html`<option value=${s} ?selected=${s === g.status}>${t(`goal.${s}`)}</option>`)}
        </select></label
      >
      <fieldset class="checks">
        <legend>${t("plan.perspectives")}</legend>
        ${PERSPECTIVES.map(
          (p) => html`<label
            ><input type="checkbox" .checked=${g.perspectives.includes(p)} @change=${(e: Event) => toggle(p, (e.target as HTMLInputElement).checked)} />
            ${t(`perspective.${p}`)}</label
          >`,
        )}
      </fieldset>
      <label
        >${t("plan.comment")}
        <textarea maxlength="2000" .value=${keepTyping(g.comment)} @change=${(e: Event) => updateGoal(doc, g.id, { comment: (e.target as HTMLTextAreaElement).value })}></textarea
      ></label>`;
  }

  /** Opens "Mål över tid" for the goal (web/src/components/goal-history, loaded on demand). */
  private historyButton(g: Goal) {
    const open = async (e: Event) => {
      const opener = e.currentTarget as HTMLElement;
      const doc = this.live.board?.doc;
      if (!doc) return;
      const { openGoalHistory } = await import("../goal-history/goal-history-dialog.js");
      openGoalHistory(
        { doc, goalId: g.id, canEdit: this.canEdit, userId: this.userId, workspaceId: this.workspaceId },
        opener,
      );
    };
    return html`<div><button type="button" class="goal-history" aria-label="${t("plan.goalHistory")}: ${g.title}" @click=${open}>${t("plan.goalHistory")}</button></div>`;
  }

  private goalReader(g: Goal) {
    return html`<strong>${g.title}</strong>
      <div>${t("card.status")}: ${t(`goal.${g.status}`)}</div>
      ${g.perspectives.length ? html`<div>${t("plan.perspectives")}: ${g.perspectives.map((p) => t(`perspective.${p}`)).join(", ")}</div>` : nothing}
      ${g.comment ? html`<p>${g.comment}</p>` : nothing}`;
  }
}

customElements.define("plan-board", PlanBoard);
