/**
 * The steering view (/workspaces/:id/steering): read-only, for the steering group and observers,
 * made for the projector: large type, every goal's status and its trend over the follow-ups,
 * indicators against their targets (the report's chart), overdue actions per organisation.
 * Live: a value entered on the follow-up board or a goal's status changed on the plan shows within a
 * couple of seconds (steering-live.ts); everything else is read again every 30 s.
 */
import { css, html, LitElement, nothing } from "lit";
import type { SteeringGoal, SteeringView } from "../../../shared/api/reports.js";
import { GOAL_LEVELS } from "../../../shared/boards/vocabulary.js";
import { ApiError, get } from "../api/client.js";
import type { Workspace } from "../api/types.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { pageStyles } from "../styles/shared.js";
import { indicatorFigure } from "./report-figure.js";
import { reportStyles } from "./report-styles.js";
import { tr, trp } from "./report-texts.js";
import { type LiveWatch, refreshAfterChange, watchSteeringBoards } from "./steering-live.js";

/** How often the steering view reads the partnership again while it is shown (what the boards it watches do not cover, e.g. overdue actions). */
const REFRESH_MS = 30_000;

/* Read on a projector: the app's type scale, a step larger (badges too, so a status reads from the back). */
const steeringStyles = css`
  :host {
    font-size: var(--text-h2);
  }
  h1 {
    font-size: calc(var(--text-h1) * 1.2);
  }
  h2 {
    font-size: calc(var(--text-h2) * 1.28);
  }
  .badge {
    font-size: 0.875em;
  }
  .goals {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr));
    gap: var(--space-4);
    list-style: none;
    padding: 0;
  }
  .goals li {
    margin: 0;
  }
  .goals h4 {
    margin: 0 0 var(--space-2);
    font-size: var(--text-h2);
  }
  ol.trend {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-1) var(--space-2);
    list-style: none;
    padding: 0;
    margin: var(--space-2) 0 0;
    font-size: var(--text-base);
  }
  .indicators {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 30rem), 1fr));
    gap: var(--space-4);
  }
  figure {
    margin: 0;
  }
`;

export class SteeringPage extends LitElement {
  static override styles = [pageStyles, reportStyles, steeringStyles];
  static override properties = {
    workspaceId: { attribute: false },
    workspace: { state: true },
    view: { state: true },
    problem: { state: true },
  };
  declare workspaceId: string;
  declare private workspace: Workspace | null;
  declare private view: SteeringView | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.workspace = null;
    this.view = null;
    this.problem = null;
  }

  private timer: ReturnType<typeof setInterval> | undefined;
  private watch: LiveWatch | null = null;
  private refresh: ReturnType<typeof refreshAfterChange> | null = null;
  /** The view as last read, to tell whether a read after a change brought anything new. */
  private shown = "";

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
    const refresh = refreshAfterChange(() => this.load());
    this.refresh = refresh;
    this.watch = watchSteeringBoards(this.workspaceId, () => refresh.changed());
    // Left on the projector through a meeting: read again now and then while shown.
    this.timer = setInterval(() => {
      if (document.visibilityState === "visible") void this.load();
    }, REFRESH_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.refresh?.stop();
    this.refresh = null;
    this.watch?.stop();
    this.watch = null;
  }

  /** Reads the partnership; whether the view differs from the one shown. */
  private async load(): Promise<boolean> {
    const base = `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
    try {
      const [ws, view] = await Promise.all([
        get<{ workspace: Workspace }>(base),
        get<SteeringView>(`${base}/steering`),
      ]);
      this.workspace = ws.workspace;
      this.problem = null;
      const read = JSON.stringify(view);
      if (read === this.shown) return false;
      this.shown = read;
      this.view = view;
      return true;
    } catch (error) {
      this.problem = error instanceof ApiError && error.status === 404 ? t("error.notFound") : (error as Error).message;
      return false;
    }
  }

  override render() {
    const v = this.view;
    if (!v)
      return this.problem
        ? html`<h1 tabindex="-1">${tr("steering.title")}</h1><p role="alert">${this.problem}</p>`
        : html`<p role="status">${t("app.loading")}</p>`;
    return html`<h1 tabindex="-1">${tr("steering.title")}${this.workspace ? html`: ${this.workspace.name}` : nothing}</h1>
      <p>${tr("steering.intro", { date: v.today })}</p>
      <p class="screen-only"><a href=${paths.workspace(this.workspaceId)}>${tr("reports.back")}</a> ·
        <a href=${paths.reports(this.workspaceId)}>${tr("reports.title")}</a></p>
      <h2>${tr("reports.goals")}</h2>
      ${v.goals.length === 0 ? html`<p>${tr("reports.noGoals")}</p>` : nothing}
      ${GOAL_LEVELS.map((level) => {
        const goals = v.goals.filter((g) => g.level === level);
        return goals.length
          ? html`<h3>${tr(`reports.level.${level}`)}</h3><ul class="goals">${goals.map((g) => this.goal(g))}</ul>`
          : nothing;
      })}
      <h2>${tr("reports.indicators")}</h2>
      ${v.indicators?.length ? html`<div class="indicators">${v.indicators.map(indicatorFigure)}</div>` : html`<p>${tr("steering.noIndicators")}</p>`}
      <h2>${tr("steering.overdue")}</h2>
      ${
        v.overdueByOrganization.length === 0
          ? html`<p>${tr("steering.noOverdue")}</p>`
          : html`<ul>${v.overdueByOrganization.map((o) => html`<li><strong>${o.name || tr("reports.noOrganization")}</strong>: ${trp("steering.overdueCount", o.overdue)}</li>`)}</ul>`
      }`;
  }

  private goal(g: SteeringGoal) {
    return html`<li class="card">
      <h4>${g.title}</h4>
      <span class=${`badge ${g.status}`}>${tr(`status.${g.status}`)}</span>
      ${
        g.trend.length
          ? html`<ol class="trend" aria-label=${tr("steering.trend")}>${g.trend.map((s, i) => html`<li>${i > 0 ? "→ " : ""}${s.date}: ${tr(`status.${s.status}`)}</li>`)}</ol>`
          : html`<p class="muted">${tr("steering.noTrend")}</p>`
      }
    </li>`;
  }
}

customElements.define("steering-page", SteeringPage);
