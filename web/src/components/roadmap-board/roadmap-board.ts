/**
 * The roadmap (färdplan): a timeline of phases and milestones, the phases with their activities,
 * the milestones (linked to a meeting and a decision point), and each focus area's place in the
 * improvement cycle. Written through shared/boards/roadmap.ts; observers read it all. Loaded when
 * a roadmap is opened, with its texts (roadmap-texts.ts).
 */
import { html, LitElement, nothing, unsafeCSS } from "lit";
import type { DecisionPointView } from "../../../../shared/api/decision-points.js";
import { BoardInputError } from "../../../../shared/boards/access.js";
import {
  addMilestone,
  CYCLE_STEPS,
  type CycleStep,
  type Milestone,
  readRoadmap,
  removeRoadmapItem,
  setCycleStep,
  updateMilestone,
} from "../../../../shared/boards/roadmap.js";
import { get } from "../../api/client.js";
import type { Board } from "../../api/types.js";
import { BoardController } from "../../collab/board-controller.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import { type BoardTarget, paths } from "../../router.js";
import { formStyles, pageStyles, srOnly } from "../../styles/shared.js";
import { boardStatus, boardStatusStyles } from "../board-status/board-status.js";
import { BoardTargetController, showTarget, targetHighlightCss } from "../board-target/board-target.js";
import { dateField, formDate } from "../date-field/date-field.js";
import { phases } from "./phases.js";
import { roadmapStyles } from "./roadmap-styles.js";
import { tr } from "./roadmap-texts.js";
import { timeline, timelineStyles } from "./timeline.js";

const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export class RoadmapBoard extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    srOnly,
    boardStatusStyles,
    unsafeCSS(targetHighlightCss),
    timelineStyles,
    roadmapStyles,
  ];
  static override properties = {
    boardId: { attribute: false },
    workspaceId: { attribute: false },
    canEdit: { attribute: false },
    target: { attribute: false },
    boards: { state: true },
    points: { state: true },
    problem: { state: true },
  };
  declare boardId: string;
  declare workspaceId: string;
  declare canEdit: boolean;
  /** A search hit's phase (`?section=`): scrolled to once synced. */
  declare target: BoardTarget | null;
  declare private boards: Board[];
  declare private points: DecisionPointView[];
  declare private problem: string | null;
  private readonly live = new BoardController(this, () => this.boardId);
  readonly goTo = new BoardTargetController(this, this.live, (target) => {
    if (!target.section) return null;
    const found = this.renderRoot.querySelector<HTMLElement>(`[data-section="${CSS.escape(target.section)}"]`);
    if (!found) return "section";
    showTarget(found);
    return null;
  });
  private loadedFor = "";

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.workspaceId = "";
    this.canEdit = false;
    this.target = null;
    this.boards = [];
    this.points = [];
    this.problem = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has("workspaceId") && this.workspaceId && this.workspaceId !== this.loadedFor) {
      this.loadedFor = this.workspaceId;
      const base = `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
      // Names for links and choices only: the roadmap shows without them (offline too).
      void get<{ boards: (Board & { archivedAt?: string | null })[] }>(`${base}/boards`)
        .then((r) => {
          this.boards = r.boards.filter((b) => !b.archivedAt);
        })
        .catch(() => {});
      void get<{ decisionPoints: DecisionPointView[] }>(`${base}/decision-points`)
        .then((r) => {
          this.points = r.decisionPoints;
        })
        .catch(() => {});
    }
  }

  /** Runs a write; what does not fit the board is said on the screen. */
  private write(change: () => void) {
    try {
      change();
      this.problem = null;
    } catch (error) {
      if (!(error instanceof BoardInputError)) throw error;
      this.problem = tr("rm.invalid", { problem: error.message });
    }
  }

  override render() {
    const board = this.live.board;
    if (!board || !this.live.ready) return html`<p role="status">${t("board.loading")}</p>`;
    const doc = board.doc;
    const roadmap = readRoadmap(doc);
    const view = {
      doc,
      canEdit: this.canEdit,
      write: (change: () => void) => this.write(change),
      refuse: (problem: string) => {
        this.problem = problem;
      },
    };
    return html`${boardStatus(this.live)}
      ${this.canEdit ? nothing : html`<p class="card">${t("board.readOnly")}</p>`}
      <div aria-live="polite">${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}</div>
      <section aria-labelledby="tl-h">
        <h2 id="tl-h">${tr("rm.timeline")}</h2>
        ${timeline(roadmap.phases, roadmap.milestones, today())}
      </section>
      ${phases(view, roadmap.phases)}
      ${this.milestones(roadmap.milestones)}
      ${this.cycle(roadmap.cycle)}`;
  }

  private milestones(list: Milestone[]) {
    const doc = this.live.board?.doc;
    if (!doc) return nothing;
    const meetings = this.boards.filter((b) => b.kind === "minutes");
    const title = (id: string | null, among: { id: string; title: string }[]) =>
      id ? (among.find((x) => x.id === id)?.title ?? "…") : null;
    return html`<section aria-labelledby="ms-h">
      <h2 id="ms-h">${tr("rm.milestones")}</h2>
      ${list.length === 0 ? html`<p>${tr("rm.noMilestones")}</p>` : nothing}
      <ul class="plain milestones">
        ${list.map((m) =>
          this.canEdit
            ? html`<li class="card milestone" data-milestone=${m.id}>
                <div class="fields">
                  <label class="grow">${tr("rm.title")}
                    <input .value=${keepTyping(m.title)} maxlength="200" required
                      @change=${(e: Event) => value(e).trim() && this.write(() => updateMilestone(doc, m.id, { title: value(e).trim() }))} />
                  </label>
                  <label>${tr("rm.date")}
                    ${dateField({ value: m.date ?? "", onChange: (day) => this.write(() => updateMilestone(doc, m.id, { date: day || null })) })}
                  </label>
                  <label class="check"><input type="checkbox" .checked=${m.done}
                    @change=${(e: Event) => this.write(() => updateMilestone(doc, m.id, { done: (e.target as HTMLInputElement).checked }))} />
                    ${tr("rm.done")}</label>
                </div>
                <div class="fields">
                  <label>${tr("rm.meeting")}
                    <select @change=${(e: Event) => this.write(() => updateMilestone(doc, m.id, { meetingBoardId: value(e) || null }))}>
                      <option value="">${tr("rm.noMeeting")}</option>
                      ${meetings.map((b) => html`<option value=${b.id} ?selected=${b.id === m.meetingBoardId}>${b.title}</option>`)}
                    </select>
                  </label>
                  <label>${tr("rm.decisionPoint")}
                    <select @change=${(e: Event) => this.write(() => updateMilestone(doc, m.id, { decisionPointId: value(e) || null }))}>
                      <option value="">${tr("rm.noDecisionPoint")}</option>
                      ${this.points.map((p) => html`<option value=${p.id} ?selected=${p.id === m.decisionPointId}>${p.title}</option>`)}
                    </select>
                  </label>
                  <button type="button" class="secondary" aria-label=${tr("rm.removeMilestone", { title: m.title })}
                    @click=${() => this.write(() => removeRoadmapItem(doc, "milestones", m.id))}>✕</button>
                </div>
                ${this.links(m, title)}
              </li>`
            : html`<li class="milestone" data-milestone=${m.id}>
                <strong>${m.date ? formatDate(m.date) : tr("rm.undated")}</strong> — ${m.title}
                <span class="muted">(${m.done ? tr("rm.done") : tr("rm.notDone")})</span>
                ${this.links(m, title)}
              </li>`,
        )}
      </ul>
      ${
        this.canEdit
          ? html`<form class="inline" @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              const form = e.currentTarget as HTMLFormElement;
              const field = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
              const date = formDate(form, "date");
              if (!field("title") || date === null) return;
              this.write(() => void addMilestone(doc, { title: field("title"), date: date || null }));
              form.reset();
            }}>
              <label class="grow">${tr("rm.addMilestone")} <input name="title" maxlength="200" required /></label>
              <label>${tr("rm.date")} ${dateField({ name: "date", value: "" })}</label>
              <button type="submit">${tr("rm.add")}</button>
            </form>`
          : nothing
      }
    </section>`;
  }

  private links(m: Milestone, title: (id: string | null, among: { id: string; title: string }[]) => string | null) {
    const meeting = title(m.meetingBoardId, this.boards);
    const point = title(m.decisionPointId, this.points);
    if (!meeting && !point) return nothing;
    return html`<div class="links">
      ${m.meetingBoardId && meeting ? html`<a href=${paths.board(m.meetingBoardId)}>${tr("rm.meeting")}: ${meeting}</a>` : nothing}
      ${
        m.decisionPointId && point
          ? html`<a href=${paths.decisionPoint(this.workspaceId, m.decisionPointId)}>${tr("rm.decisionPoint")}: ${point}</a>`
          : nothing
      }
    </div>`;
  }

  private cycle(entries: { focusBoardId: string; step: CycleStep; note: string }[]) {
    const doc = this.live.board?.doc;
    if (!doc) return nothing;
    const areas = this.boards.filter((b) => b.kind === "focus");
    const stepOf = (id: string) => entries.find((e) => e.focusBoardId === id);
    const name = (id: string) => areas.find((a) => a.id === id)?.title ?? "…";
    return html`<section aria-labelledby="cycle-h">
      <h2 id="cycle-h">${tr("rm.cycle")}</h2>
      <p class="muted">${tr("rm.cycleIntro")}</p>
      <ol class="cycle">
        ${CYCLE_STEPS.map(
          (step) => html`<li class="step">
            <strong>${tr(`rm.step.${step}`)}</strong>
            <ul>${entries.filter((e) => e.step === step).map((e) => html`<li><a href=${paths.board(e.focusBoardId)}>${name(e.focusBoardId)}</a>${e.note ? html` <span class="muted">– ${e.note}</span>` : nothing}</li>`)}</ul>
          </li>`,
        )}
      </ol>
      ${
        this.canEdit
          ? areas.length === 0
            ? html`<p>${tr("rm.cycleNone")}</p>`
            : html`<table>
                <thead><tr><th scope="col">${tr("rm.focusArea")}</th><th scope="col">${tr("rm.step")}</th><th scope="col">${tr("rm.note")}</th></tr></thead>
                <tbody>
                  ${areas.map((a) => {
                    const entry = stepOf(a.id);
                    return html`<tr>
                      <th scope="row">${a.title}</th>
                      <td><select aria-label=${tr("rm.stepFor", { area: a.title })}
                        @change=${(e: Event) =>
                          this.write(() =>
                            value(e)
                              ? setCycleStep(doc, a.id, value(e) as CycleStep)
                              : removeRoadmapItem(doc, "cycle", a.id),
                          )}>
                        <option value="" ?selected=${!entry}>${tr("rm.notPlaced")}</option>
                        ${CYCLE_STEPS.map((s) => html`<option value=${s} ?selected=${entry?.step === s}>${tr(`rm.step.${s}`)}</option>`)}
                      </select></td>
                      <td><input aria-label=${tr("rm.noteFor", { area: a.title })} maxlength="500" .value=${keepTyping(entry?.note ?? "")} ?disabled=${!entry}
                        @change=${(e: Event) => entry && this.write(() => setCycleStep(doc, a.id, entry.step, value(e)))} /></td>
                    </tr>`;
                  })}
                </tbody>
              </table>`
          : nothing
      }
    </section>`;
  }
}

customElements.define("roadmap-board", RoadmapBoard);

declare global {
  interface HTMLElementTagNameMap {
    "roadmap-board": RoadmapBoard;
  }
}
