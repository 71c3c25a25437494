/**
 * A partnership's decision points (/workspaces/:id/decision-points): the list, and a form for a new
 * one — pre-filled with the minutes § it is recorded from when opened from an agenda item
 * (`?board=…&item=…&paragraph=…`). One point (/decision-points/:pointId) is shown by
 * <decision-point-detail>. Observers read; members prepare; conveners decide (the server decides).
 */
import { html, LitElement, nothing } from "lit";
import {
  DECISION_BODIES,
  DECISION_POINT_KINDS,
  type DecisionBody,
  type DecisionPointView,
} from "../../../shared/api/decision-points.js";
import { ApiError, get, post } from "../api/client.js";
import type { Workspace } from "../api/types.js";
import { dateField, formDate } from "../components/date-field/date-field.js";
import { formatDate, LocaleController, t } from "../i18n/i18n.js";
import { navigate, paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { decisionPointStyles, paragraphLabel, statusText } from "./decision-point-detail.js";
import { problemText, td, tdp } from "./decision-points-texts.js";

export class DecisionPointsPage extends LitElement {
  static override styles = [pageStyles, formStyles, decisionPointStyles];
  static override properties = {
    workspaceId: { attribute: false },
    pointId: { attribute: false },
    query: { attribute: false },
    workspace: { state: true },
    points: { state: true },
    problem: { state: true },
    body: { state: true },
    sourceLabel: { state: true },
  };
  declare workspaceId: string;
  declare pointId: string | null;
  declare query: string;
  declare private workspace: Workspace | null;
  declare private points: DecisionPointView[] | null;
  declare private problem: string | null;
  declare private body: DecisionBody;
  declare private sourceLabel: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.pointId = null;
    this.query = "";
    this.workspace = null;
    this.points = null;
    this.problem = null;
    this.body = "steering_group";
    this.sourceLabel = null;
  }

  private get base() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
  }

  /** The minutes § to record a new point from, if the page was opened from an agenda item. */
  private get source(): { boardId: string; itemId: string; paragraph: string | null } | null {
    const q = new URLSearchParams(this.query);
    const boardId = q.get("board");
    const itemId = q.get("item");
    return boardId && itemId ? { boardId, itemId, paragraph: q.get("paragraph") } : null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.workspace = (await get<{ workspace: Workspace }>(this.base)).workspace;
      if (this.pointId) return;
      this.points = (await get<{ decisionPoints: DecisionPointView[] }>(`${this.base}/decision-points`)).decisionPoints;
      const source = this.source;
      if (source) {
        const { board } = await get<{ board: { title: string } }>(`/api/boards/${encodeURIComponent(source.boardId)}`);
        this.sourceLabel = source.paragraph
          ? td("dp.paragraph", { number: source.paragraph, meeting: board.title })
          : board.title;
      }
    } catch (error) {
      this.problem = error instanceof ApiError && error.status === 404 ? t("error.notFound") : problemText(error);
    }
  }

  override render() {
    const heading = html`<h1 tabindex="-1">${td("dp.title")}${this.workspace ? html`: ${this.workspace.name}` : nothing}</h1>`;
    if (this.pointId)
      return html`<p class="screen-only"><a href=${paths.decisionPoints(this.workspaceId)}>← ${td("dp.backToList")}</a></p>
        <decision-point-detail
          .workspaceId=${this.workspaceId}
          .pointId=${this.pointId}
          .role=${this.workspace?.role ?? "observer"}
        ></decision-point-detail>`;
    return html`${heading}
      <p>${td("dp.intro")}</p>
      <p class="screen-only"><a href=${paths.workspace(this.workspaceId)}>${td("dp.back")}</a></p>
      ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      ${this.points === null ? (this.problem ? nothing : html`<p role="status">${t("app.loading")}</p>`) : this.list(this.points)}
      ${this.workspace && this.workspace.role !== "observer" ? this.form() : nothing}`;
  }

  private list(points: DecisionPointView[]) {
    if (points.length === 0) return html`<p>${td("dp.none")}</p>`;
    return html`<ul class="points">
      ${points.map((p) => {
        const answered = p.checklist.filter((i) => i.answer !== "unanswered").length;
        return html`<li class="card">
          <a href=${paths.decisionPoint(this.workspaceId, p.id)}><strong>${p.title}</strong></a>
          <div class="muted">
            ${td(`dp.kind.${p.kind}`)} · ${p.body === "other" ? p.bodyName : td(`dp.body.${p.body}`)} ·
            ${p.plannedOn ? td("dp.planned", { date: formatDate(p.plannedOn) }) : td("dp.notPlanned")}
            ${p.source ? html` · ${paragraphLabel(p.source)}` : nothing}
          </div>
          <div class="row">
            <span class="badge ${p.outcome ? "info" : "neutral"}">${statusText(p)}</span>
            ${p.checklist.length ? html`<span>${tdp("dp.answered", answered, { total: p.checklist.length })}</span>` : nothing}
          </div>
        </li>`;
      })}
    </ul>`;
  }

  private form() {
    const source = this.source;
    return html`<section aria-labelledby="new-h">
      <h2 id="new-h">${td("dp.new")}</h2>
      ${source && this.sourceLabel ? html`<p role="status">${td("dp.fromParagraph", { where: this.sourceLabel })}</p>` : nothing}
      <form class="wide" @submit=${this.create}>
        <label>${td("dp.field.title")}
          <input name="title" required maxlength="200" />
          <span class="hint">${td("dp.field.titleHint")}</span>
        </label>
        <div class="row">
          <label>${td("dp.field.kind")}
            <select name="kind">
              ${DECISION_POINT_KINDS.map((k) => html`<option value=${k}>${td(`dp.kind.${k}`)}</option>`)}
            </select>
          </label>
          <label>${td("dp.field.body")}
            <select name="body" @change=${(e: Event) => (this.body = (e.target as HTMLSelectElement).value as DecisionBody)}>
              ${DECISION_BODIES.map((b) => html`<option value=${b} ?selected=${b === this.body}>${td(`dp.body.${b}`)}</option>`)}
            </select>
          </label>
          ${
            this.body === "other"
              ? html`<label>${td("dp.field.bodyName")} <input name="bodyName" required maxlength="200" /></label>`
              : nothing
          }
          <label>${td("dp.field.plannedOn")} ${dateField({ name: "plannedOn", value: "" })}</label>
        </div>
        <label>${td("dp.field.checklist")}
          <textarea name="checklist" rows="4"></textarea>
        </label>
        <div><button type="submit">${td("dp.create")}</button></div>
      </form>
    </section>`;
  }

  private async create(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const source = this.source;
    const plannedOn = formDate(form, "plannedOn");
    if (plannedOn === null) return;
    try {
      const { decisionPoint } = await post<{ decisionPoint: DecisionPointView }>(`${this.base}/decision-points`, {
        title: text("title"),
        kind: text("kind"),
        body: text("body"),
        ...(this.body === "other" ? { bodyName: text("bodyName") } : {}),
        plannedOn: plannedOn || null,
        checklist: text("checklist")
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean),
        source: source ? { boardId: source.boardId, itemId: source.itemId } : null,
      });
      navigate(paths.decisionPoint(this.workspaceId, decisionPoint.id));
    } catch (error) {
      this.problem = problemText(error);
    }
  }
}

customElements.define("decision-points-page", DecisionPointsPage);

declare global {
  interface HTMLElementTagNameMap {
    "decision-points-page": DecisionPointsPage;
  }
}
