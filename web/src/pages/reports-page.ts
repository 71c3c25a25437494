/**
 * A partnership's follow-up reports (/workspaces/:id/reports): the list with version and state,
 * and for conveners a form that compiles a draft for a period. Loaded on demand, texts beside it.
 */
import { html, LitElement, nothing } from "lit";
import type { ReportSummary } from "../../../shared/api/reports.js";
import { ApiError, get, post } from "../api/client.js";
import type { Workspace } from "../api/types.js";
import { dateField, formDate } from "../components/date-field/date-field.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { navigate, paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { reportStyles } from "./report-styles.js";
import { tr } from "./report-texts.js";

export class ReportsPage extends LitElement {
  static override styles = [pageStyles, formStyles, reportStyles];
  static override properties = {
    workspaceId: { attribute: false },
    workspace: { state: true },
    reports: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  declare workspaceId: string;
  declare private workspace: Workspace | null;
  declare private reports: ReportSummary[] | null;
  declare private problem: string | null;
  declare private busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.workspace = null;
    this.reports = null;
    this.problem = null;
    this.busy = false;
  }

  private get base() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const [ws, list] = await Promise.all([
        get<{ workspace: Workspace }>(this.base),
        get<{ reports: ReportSummary[] }>(`${this.base}/reports`),
      ]);
      this.workspace = ws.workspace;
      this.reports = list.reports;
    } catch (error) {
      this.problem = error instanceof ApiError && error.status === 404 ? t("error.notFound") : (error as Error).message;
    }
  }

  private async create(event: Event) {
    event.preventDefault();
    const element = event.target as HTMLFormElement;
    const form = new FormData(element);
    const [periodFrom, periodTo] = [formDate(element, "from"), formDate(element, "to")];
    if (periodFrom === null || periodTo === null) return;
    this.busy = true;
    this.problem = null;
    try {
      const answer = await post<{ report: ReportSummary }>(`${this.base}/reports`, {
        kind: form.get("kind"),
        title: form.get("title"),
        periodFrom,
        periodTo,
      });
      navigate(paths.report(this.workspaceId, answer.report.id));
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const year = new Date().getFullYear();
    return html`<h1 tabindex="-1">${tr("reports.title")}${this.workspace ? html`: ${this.workspace.name}` : nothing}</h1>
      <p>${tr("reports.intro")}</p>
      <p><a href=${paths.workspace(this.workspaceId)}>${tr("reports.back")}</a> ·
        <a href=${paths.steering(this.workspaceId)}>${tr("steering.title")}</a></p>
      ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      ${this.reports === null ? (this.problem ? nothing : html`<p role="status">${t("app.loading")}</p>`) : this.list(this.reports)}
      ${
        this.workspace?.role === "convener"
          ? html`<section aria-labelledby="new-h">
            <h2 id="new-h">${tr("reports.new")}</h2>
            <form @submit=${this.create}>
              <label>${tr("reports.kind")}
                <select name="kind">
                  <option value="followup">${tr("reports.kind.followup")}</option>
                  <option value="final">${tr("reports.kind.final")}</option>
                </select></label>
              <label>${tr("reports.reportTitle")} <input name="title" required maxlength="200" /></label>
              <label>${tr("reports.from")} ${dateField({ name: "from", required: true, value: `${year}-01-01` })}</label>
              <label>${tr("reports.to")} ${dateField({ name: "to", required: true, value: `${year}-12-31` })}</label>
              <button type="submit" ?disabled=${this.busy}>${tr("reports.create")}</button>
            </form>
          </section>`
          : nothing
      }`;
  }

  private list(reports: ReportSummary[]) {
    if (reports.length === 0) return html`<p>${tr("reports.none")}</p>`;
    return html`<ul class="plain">
      ${reports.map(
        (r) => html`<li class="card">
          <a href=${paths.report(this.workspaceId, r.id)}>${tr(`reports.kind.${r.kind}`)}: ${r.title}</a>
          <div class="muted">${tr("reports.period", { from: r.periodFrom, to: r.periodTo })} ·
            ${tr("reports.version", { version: r.version })} · ${tr(`reports.state.${r.state}`)}</div>
        </li>`,
      )}
    </ul>`;
  }
}

customElements.define("reports-page", ReportsPage);
