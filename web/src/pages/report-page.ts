/**
 * One follow-up report (/workspaces/:id/reports/:reportId): the report as a page that prints well
 * (goals by level with status, change and texts; actions; decisions; indicators with their charts;
 * the roadmap), its texts editable in a draft by members, freezing and new versions for conveners,
 * and the PDF/A, Markdown and CSV downloads. Observers read.
 */
import { html, LitElement, nothing } from "lit";
import type { ReportActionGroup, ReportGoal, ReportView } from "../../../shared/api/reports.js";
import { GOAL_LEVELS } from "../../../shared/boards/vocabulary.js";
import { ApiError, api, get, post } from "../api/client.js";
import type { Workspace } from "../api/types.js";
import { formatDate, LocaleController, locale, t } from "../i18n/i18n.js";
import { navigate, paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { reportDecisionPoints } from "./report-decision-points.js";
import { indicatorFigure } from "./report-figure.js";
import { reportStyles } from "./report-styles.js";
import { tr } from "./report-texts.js";

export class ReportPage extends LitElement {
  static override styles = [pageStyles, formStyles, reportStyles];
  static override properties = {
    workspaceId: { attribute: false },
    reportId: { attribute: false },
    workspace: { state: true },
    report: { state: true },
    problem: { state: true },
    notice: { state: true },
  };
  declare workspaceId: string;
  declare reportId: string;
  declare private workspace: Workspace | null;
  declare private report: ReportView | null;
  declare private problem: string | null;
  declare private notice: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.reportId = "";
    this.workspace = null;
    this.report = null;
    this.problem = null;
    this.notice = null;
  }

  private get base() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}/reports/${encodeURIComponent(this.reportId)}`;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const [ws, r] = await Promise.all([
        get<{ workspace: Workspace }>(`/api/workspaces/${encodeURIComponent(this.workspaceId)}`),
        get<{ report: ReportView }>(this.base),
      ]);
      this.workspace = ws.workspace;
      this.report = r.report;
    } catch (error) {
      this.problem = error instanceof ApiError && error.status === 404 ? t("error.notFound") : (error as Error).message;
    }
  }

  private get editable() {
    return this.report?.state === "draft" && this.workspace !== null && this.workspace.role !== "observer";
  }

  private async save(event: Event) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const goals: Record<string, { justification: string; remaining: string }> = {};
    for (const g of this.report?.content.goals ?? [])
      goals[g.key] = {
        justification: String(form.get(`j:${g.key}`) ?? ""),
        remaining: String(form.get(`r:${g.key}`) ?? ""),
      };
    await this.act(async () => {
      const r = await api<{ report: ReportView }>("PATCH", this.base, {
        summary: String(form.get("summary") ?? ""),
        goals,
      });
      this.report = r.report;
      this.notice = tr("reports.saved");
    });
  }

  private async act(run: () => Promise<void>) {
    this.problem = null;
    this.notice = null;
    try {
      await run();
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  private freeze() {
    if (!window.confirm(tr("reports.freezeConfirm"))) return;
    void this.act(async () => {
      this.report = (await post<{ report: ReportView }>(`${this.base}/freeze`)).report;
    });
  }

  private newVersion() {
    void this.act(async () => {
      const r = (await post<{ report: ReportView }>(`${this.base}/versions`)).report;
      navigate(paths.report(this.workspaceId, r.id));
    });
  }

  override render() {
    const r = this.report;
    if (!r)
      return this.problem
        ? html`<h1 tabindex="-1">${tr("reports.title")}</h1><p role="alert">${this.problem}</p>`
        : html`<p role="status">${t("app.loading")}</p>`;
    const c = r.content;
    const lang = new URLSearchParams({ lang: locale() });
    const convener = this.workspace?.role === "convener";
    return html`<h1 tabindex="-1">${tr(`reports.kind.${r.kind}`)}: ${r.title}</h1>
      <p>${c.partnership} · ${tr("reports.period", { from: c.periodFrom, to: c.periodTo })} · ${tr("reports.version", { version: r.version })}</p>
      <p class="muted">${r.state === "frozen" && r.frozenAt ? tr("reports.frozenAt", { date: formatDate(r.frozenAt) }) : tr("reports.draftNote", { date: formatDate(c.generatedAt, true) })}</p>
      ${c.previous ? html`<p class="muted">${tr("reports.previous", { title: c.previous.title, version: c.previous.version })}</p>` : nothing}
      ${r.pdfSha256 ? html`<p class="muted"><small>${tr("reports.hash", { hash: r.pdfSha256 })}</small></p>` : nothing}
      <div class="toolbar screen-only">
        <a href=${paths.reports(this.workspaceId)}>${tr("reports.backToList")}</a>
        <a href=${`${this.base}/report.pdf?${lang}`} download>${tr("reports.pdf")}</a>
        <a href=${`${this.base}/report.md?${lang}`} download>${tr("reports.markdown")}</a>
        ${c.indicators ? html`<a href=${`${this.base}/indicators.csv?${lang}`} download>${tr("reports.csv")}</a>` : nothing}
        <button type="button" class="secondary" @click=${() => window.print()}>${tr("reports.print")}</button>
        ${convener && r.state === "draft" ? html`<button type="button" @click=${this.freeze}>${tr("reports.freeze")}</button>` : nothing}
        ${convener && r.state === "frozen" ? html`<button type="button" @click=${this.newVersion}>${tr("reports.newVersion")}</button>` : nothing}
      </div>
      ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      <p role="status">${this.notice ?? ""}</p>
      <form @submit=${this.save}>
        <h2>${tr("reports.summary")}</h2>
        ${
          this.editable
            ? html`<textarea name="summary" aria-label=${tr("reports.summary")} maxlength="20000" .value=${r.texts.summary}></textarea>`
            : html`<p style="white-space: pre-wrap">${r.texts.summary || "–"}</p>`
        }
        <h2>${tr("reports.goals")}</h2>
        ${c.goals.length === 0 ? html`<p>${tr("reports.noGoals")}</p>` : nothing}
        ${GOAL_LEVELS.map((level) => {
          const goals = c.goals.filter((g) => g.level === level);
          return goals.length
            ? html`<h3>${tr(`reports.level.${level}`)}</h3>${goals.map((g) => this.goal(g, r))}`
            : nothing;
        })}
        ${this.editable ? html`<button type="submit">${tr("reports.save")}</button>` : nothing}
      </form>
      <h2>${tr("reports.actions")}</h2>
      <h3>${tr("reports.byFocusArea")}</h3>
      ${this.actionTable(c.actionsByFocusArea)}
      <h3>${tr("reports.byOrganization")}</h3>
      ${this.actionTable(c.actionsByOrganization)}
      <h2>${tr("reports.decisions")}</h2>
      ${
        c.decisions.length === 0
          ? html`<p>${tr("reports.noDecisions")}</p>`
          : html`<ul>${c.decisions.map((d) => html`<li>${d.paragraph !== null ? `§ ${d.paragraph} ` : ""}${d.itemTitle}: ${d.text} <span class="muted">(${[d.meetingTitle, d.meetingDate].filter(Boolean).join(", ")})</span></li>`)}</ul>`
      }
      ${reportDecisionPoints(c.decisionPoints)}
      ${c.indicators ? html`<h2>${tr("reports.indicators")}</h2>${c.indicators.map(indicatorFigure)}` : nothing}
      ${
        c.roadmap
          ? html`<h2>${tr("reports.roadmap")}</h2><ul>${c.roadmap.phases.map((p) => html`<li>${tr("reports.phase", { title: p.title, done: p.activitiesDone, all: p.activities })}</li>`)}</ul>`
          : nothing
      }`;
  }

  private goal(g: ReportGoal, r: ReportView) {
    const edited = r.texts.goals[g.key] ?? {};
    const justification = edited.justification?.trim() ? edited.justification : g.justification;
    const remaining = edited.remaining?.trim() ? edited.remaining : g.remaining;
    const change =
      g.previousStatus === null
        ? null
        : g.previousStatus === g.status
          ? tr("reports.unchanged")
          : `${tr(`status.${g.previousStatus}`)} → ${tr(`status.${g.status}`)}`;
    return html`<div class="goal">
      <h4>${g.title}</h4>
      <dl class="facts">
        <dt>${tr("reports.status")}</dt>
        <dd><span class=${`badge ${g.status}`}>${tr(`status.${g.status}`)}</span>${g.statusDate ? ` (${g.statusDate})` : ""}</dd>
        ${change ? html`<dt>${tr("reports.change")}</dt><dd>${change}</dd>` : nothing}
        ${
          this.editable
            ? nothing
            : html`<dt>${tr("reports.justification")}</dt><dd>${justification || "–"}</dd>
          <dt>${tr("reports.remaining")}</dt><dd>${remaining || "–"}</dd>`
        }
      </dl>
      ${
        this.editable
          ? html`<label class="block">${tr("reports.justification")}
            <textarea name=${`j:${g.key}`} maxlength="20000" .value=${edited.justification ?? g.justification}></textarea></label>
          <label class="block">${tr("reports.remaining")}
            <textarea name=${`r:${g.key}`} maxlength="20000" .value=${edited.remaining ?? g.remaining}></textarea></label>`
          : nothing
      }
    </div>`;
  }

  private actionTable(rows: ReportActionGroup[]) {
    if (rows.length === 0) return html`<p>–</p>`;
    return html`<table>
      <thead><tr><th scope="col">${tr("reports.col.name")}</th><th scope="col" class="num">${tr("reports.col.done")}</th>
        <th scope="col" class="num">${tr("reports.col.open")}</th><th scope="col" class="num">${tr("reports.col.overdue")}</th></tr></thead>
      <tbody>${rows.map((a) => html`<tr><td>${a.name || tr("reports.noOrganization")}</td><td class="num">${a.done}</td><td class="num">${a.open}</td><td class="num">${a.overdue}</td></tr>`)}</tbody>
    </table>`;
  }
}

customElements.define("report-page", ReportPage);
