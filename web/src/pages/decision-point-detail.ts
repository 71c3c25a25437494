/**
 * One decision point: its facts (editable until decided), the checklist answered yes / no with a
 * comment, and the decision — recorded by a convener, after which the point is locked until a
 * convener reopens it with a reason. Every change goes to the server, which audits it.
 */
import { css, html, LitElement, nothing } from "lit";
import {
  CHECKLIST_ANSWERS,
  type ChecklistAnswer,
  DECISION_BODIES,
  DECISION_OUTCOMES,
  DECISION_POINT_KINDS,
  type DecisionBody,
  type DecisionPointView,
} from "../../../shared/api/decision-points.js";
import { ApiError, api, get, post } from "../api/client.js";
import type { Role } from "../api/types.js";
import { dateField, formDate } from "../components/date-field/date-field.js";
import { formatDate, LocaleController, t } from "../i18n/i18n.js";
import { navigate, paths } from "../router.js";
import { badgeStyles, formStyles, pageStyles } from "../styles/shared.js";
import { problemText, td, tdp } from "./decision-points-texts.js";

/** "§ 7, Styrgruppsmöte 12 dec" for a point's source. */
export function paragraphLabel(source: DecisionPointView["source"]): string {
  if (!source) return "";
  const meeting = [source.meetingTitle, source.meetingStartsAt ? formatDate(source.meetingStartsAt) : ""]
    .filter(Boolean)
    .join(" ");
  return source.paragraph !== null ? td("dp.paragraph", { number: source.paragraph, meeting }) : meeting;
}

export function statusText(p: DecisionPointView): string {
  if (!p.outcome) return td("dp.status.open");
  return td("dp.status.decided", {
    date: p.decidedOn ? formatDate(p.decidedOn) : "",
    outcome: td(`dp.outcome.${p.outcome}`),
  });
}

export const decisionPointStyles = [
  badgeStyles,
  css`
  .points {
    display: grid;
    gap: var(--space-3);
    padding: 0;
    list-style: none;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2) var(--space-4);
    align-items: end;
  }
  form.wide {
    max-width: 44rem;
  }
  @media print {
    form,
    button,
    .screen-only {
      display: none !important;
    }
  }
`,
];

/** Today in Sweden, YYYY-MM-DD: the decision's default date. */
const today = () => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());

export class DecisionPointDetail extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    decisionPointStyles,
    css`
      .question {
        display: grid;
        gap: var(--space-2);
        padding: var(--space-3) 0;
        border-bottom: 1px solid var(--color-border);
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-1) var(--space-4);
      }
      fieldset label {
        display: inline-flex;
        align-items: center;
        gap: var(--space-2);
        font-weight: 400;
        min-height: var(--touch);
      }
      /* The answer given reads at a glance, also when the questions are locked (a greyed radio alone does not). */
      fieldset label:has(input:checked) {
        font-weight: var(--weight-strong);
      }
      legend {
        font-weight: var(--weight-strong);
      }
      .decision {
        margin-top: var(--space-5);
      }
    `,
  ];
  static override properties = {
    workspaceId: { attribute: false },
    pointId: { attribute: false },
    role: { attribute: false },
    point: { state: true },
    problem: { state: true },
    notice: { state: true },
    body: { state: true },
  };
  declare workspaceId: string;
  declare pointId: string;
  declare role: Role;
  declare private point: DecisionPointView | null;
  declare private problem: string | null;
  declare private notice: string | null;
  declare private body: DecisionBody | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.pointId = "";
    this.role = "observer";
    this.point = null;
    this.problem = null;
    this.notice = null;
    this.body = null;
  }

  private get url() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}/decision-points/${encodeURIComponent(this.pointId)}`;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.point = (await get<{ decisionPoint: DecisionPointView }>(this.url)).decisionPoint;
    } catch (error) {
      this.problem = error instanceof ApiError && error.status === 404 ? t("error.notFound") : problemText(error);
    }
  }

  /** Sends a change; the answer is the point as it now is. */
  private async send(method: string, path: string, body: unknown) {
    this.problem = null;
    this.notice = null;
    try {
      const answer = await api<{ decisionPoint: DecisionPointView }>(method, `${this.url}${path}`, body);
      this.point = answer.decisionPoint;
      this.notice = td("dp.saved");
      return true;
    } catch (error) {
      this.problem = problemText(error);
      return false;
    }
  }

  override render() {
    const p = this.point;
    if (!p)
      return this.problem
        ? html`<p role="alert" class="error">${this.problem}</p>`
        : html`<p role="status">${t("app.loading")}</p>`;
    const writes = this.role !== "observer" && !p.outcome;
    return html`<h1 tabindex="-1">${p.title}</h1>
      <p class="muted">
        ${td(`dp.kind.${p.kind}`)} · ${p.body === "other" ? p.bodyName : td(`dp.body.${p.body}`)} ·
        ${p.plannedOn ? td("dp.planned", { date: formatDate(p.plannedOn) }) : td("dp.notPlanned")}
      </p>
      ${
        p.source
          ? html`<p>${td("dp.source")}:
              <a href=${paths.boardAt(p.source.boardId, { item: p.source.itemId, paragraph: p.source.paragraph })}
                >${paragraphLabel(p.source)}</a
              ></p>`
          : nothing
      }
      <p><span class="badge ${p.outcome ? "info" : "neutral"}">${statusText(p)}</span></p>
      ${this.role === "observer" ? html`<p class="card">${td("dp.readOnly")}</p>` : nothing}
      <div aria-live="polite">
        ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
        ${this.notice && !this.problem ? html`<p class="muted">${this.notice}</p>` : nothing}
      </div>
      ${writes ? this.factsForm(p) : nothing}
      ${this.checklist(p, writes)}
      ${this.decision(p)}`;
  }

  private factsForm(p: DecisionPointView) {
    const body = this.body ?? p.body;
    return html`<details class="screen-only">
      <summary>${td("dp.edit")}</summary>
      <form class="wide" @submit=${(e: Event) => this.saveFacts(e)}>
        <label>${td("dp.field.title")} <input name="title" required maxlength="200" .value=${p.title} /></label>
        <div class="row">
          <label>${td("dp.field.kind")}
            <select name="kind">
              ${DECISION_POINT_KINDS.map((k) => html`<option value=${k} ?selected=${k === p.kind}>${td(`dp.kind.${k}`)}</option>`)}
            </select>
          </label>
          <label>${td("dp.field.body")}
            <select name="body" @change=${(e: Event) => (this.body = (e.target as HTMLSelectElement).value as DecisionBody)}>
              ${DECISION_BODIES.map((b) => html`<option value=${b} ?selected=${b === body}>${td(`dp.body.${b}`)}</option>`)}
            </select>
          </label>
          ${
            body === "other"
              ? html`<label>${td("dp.field.bodyName")} <input name="bodyName" required maxlength="200" .value=${p.bodyName} /></label>`
              : nothing
          }
          <label>${td("dp.field.plannedOn")} ${dateField({ name: "plannedOn", value: p.plannedOn ?? "" })}</label>
        </div>
        <div class="row">
          <button type="submit">${td("dp.save")}</button>
          <button type="button" class="danger" @click=${() => this.removePoint(p)}>${td("dp.remove")}</button>
        </div>
      </form>
    </details>`;
  }

  private async saveFacts(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const body = text("body") as DecisionBody;
    const plannedOn = formDate(form, "plannedOn");
    if (plannedOn === null) return;
    await this.send("PATCH", "", {
      title: text("title"),
      kind: text("kind"),
      body,
      ...(body === "other" ? { bodyName: text("bodyName") } : {}),
      plannedOn: plannedOn || null,
    });
  }

  private async removePoint(p: DecisionPointView) {
    if (!confirm(td("dp.removeConfirm", { title: p.title }))) return;
    try {
      await api("DELETE", this.url);
      navigate(paths.decisionPoints(this.workspaceId));
    } catch (error) {
      this.problem = problemText(error);
    }
  }

  private checklist(p: DecisionPointView, writes: boolean) {
    const answered = p.checklist.filter((i) => i.answer !== "unanswered").length;
    return html`<section aria-labelledby="checklist-h">
      <h2 id="checklist-h">${td("dp.checklist")}</h2>
      ${p.checklist.length ? html`<p class="muted">${tdp("dp.answered", answered, { total: p.checklist.length })}</p>` : html`<p>${td("dp.checklistNone")}</p>`}
      ${p.checklist.map(
        (item, index) => html`<div class="question" data-question=${item.id}>
          <fieldset ?disabled=${!writes}>
            <legend>${index + 1}. ${item.text}</legend>
            ${CHECKLIST_ANSWERS.map(
              (answer) => html`<label
                ><input
                  type="radio"
                  name=${`answer-${item.id}`}
                  value=${answer}
                  .checked=${item.answer === answer}
                  @change=${() => this.send("PATCH", `/checklist/${item.id}`, { answer: answer as ChecklistAnswer })}
                />${td(`dp.answer.${answer}`)}</label
              >`,
            )}
          </fieldset>
          ${
            writes
              ? html`<div class="row">
                  <label>${td("dp.commentFor", { question: item.text })}
                    <input maxlength="2000" .value=${item.comment}
                      @change=${(e: Event) => this.send("PATCH", `/checklist/${item.id}`, { comment: (e.target as HTMLInputElement).value.trim() })} />
                  </label>
                  <button type="button" class="secondary" aria-label=${td("dp.removeQuestion", { question: item.text })}
                    @click=${() => this.send("DELETE", `/checklist/${item.id}`, undefined)}>✕</button>
                </div>`
              : item.comment
                ? html`<p>${td("dp.comment")}: ${item.comment}</p>`
                : nothing
          }
        </div>`,
      )}
      ${
        writes
          ? html`<form class="screen-only" @submit=${(e: Event) => this.addQuestion(e)}>
              <label>${td("dp.addQuestion")} <input name="text" required maxlength="500" /></label>
              <div><button type="submit" class="secondary">${td("dp.add")}</button></div>
            </form>`
          : nothing
      }
    </section>`;
  }

  private async addQuestion(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const text = String(new FormData(form).get("text") ?? "").trim();
    if (text && (await this.send("POST", "/checklist", { text }))) form.reset();
  }

  private decision(p: DecisionPointView) {
    const convener = this.role === "convener";
    if (p.outcome)
      return html`<section class="decision card" aria-labelledby="decision-h">
        <h2 id="decision-h">${td("dp.decision")}</h2>
        <p><strong>${td(`dp.outcome.${p.outcome}`)}</strong>${p.decidedOn ? html` — ${formatDate(p.decidedOn)}` : nothing}</p>
        ${p.decisionNote ? html`<p>${p.decisionNote}</p>` : nothing}
        ${p.decidedBy ? html`<p class="muted">${td("dp.decidedBy", { name: p.decidedBy.name })}</p>` : nothing}
        <p class="muted">${td("dp.locked")}</p>
        ${
          convener
            ? html`<form class="screen-only" @submit=${(e: Event) => this.reopen(e)}>
                <label>${td("dp.reopenReason")} <input name="reason" required maxlength="1000" /></label>
                <div><button type="submit" class="secondary">${td("dp.reopen")}</button></div>
              </form>`
            : nothing
        }
      </section>`;
    return html`<section class="decision" aria-labelledby="decision-h">
      <h2 id="decision-h">${td("dp.decision")}</h2>
      ${
        convener
          ? html`<form class="wide" @submit=${(e: Event) => this.decide(e)}>
              <fieldset>
                <legend>${td("dp.decision")}</legend>
                ${DECISION_OUTCOMES.map(
                  (o, i) =>
                    html`<label><input type="radio" name="outcome" value=${o} ?checked=${i === 0} />${td(`dp.outcome.${o}`)}</label>`,
                )}
              </fieldset>
              <label>${td("dp.decidedOn")} ${dateField({ name: "decidedOn", required: true, value: today() })}</label>
              <label>${td("dp.note")} <textarea name="note" rows="3" maxlength="2000"></textarea></label>
              <p class="hint">${td("dp.decideHint")}</p>
              <div><button type="submit">${td("dp.decide")}</button></div>
            </form>`
          : html`<p class="muted">${td("dp.decideHint")}</p>`
      }
    </section>`;
  }

  private async decide(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const decidedOn = formDate(form, "decidedOn");
    if (decidedOn === null) return;
    await this.send("POST", "/decide", {
      outcome: String(data.get("outcome")),
      decidedOn,
      note: String(data.get("note") ?? "").trim(),
    });
  }

  private async reopen(event: Event) {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get("reason") ?? "").trim();
    await post(`${this.url}/reopen`, { reason }).then(
      (answer) => {
        this.point = (answer as { decisionPoint: DecisionPointView }).decisionPoint;
      },
      (error: unknown) => {
        this.problem = problemText(error);
      },
    );
  }
}

customElements.define("decision-point-detail", DecisionPointDetail);

declare global {
  interface HTMLElementTagNameMap {
    "decision-point-detail": DecisionPointDetail;
  }
}
