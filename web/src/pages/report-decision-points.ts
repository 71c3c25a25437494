/** The report's decision points (beslutspunkter): to whom, the decision and its date, the checklist's answers. */
import { html, nothing } from "lit";
import type { ReportDecisionPoint } from "../../../shared/api/reports.js";
import { td } from "./decision-points-texts.js";
import { tr } from "./report-texts.js";

export function reportDecisionPoints(points: ReportDecisionPoint[] | undefined) {
  if (!points?.length) return nothing;
  return html`<h3>${tr("reports.decisionPoints")}</h3>
    ${points.map((p) => {
      const body = p.body === "other" && p.bodyName ? p.bodyName : td(`dp.body.${p.body}`);
      const decided = p.outcome
        ? tr("reports.dpDecided", {
            outcome: td(`dp.outcome.${p.outcome}`),
            date: p.decidedOn ?? "–",
          }) + (p.paragraph !== null ? `, § ${p.paragraph}` : "")
        : tr("reports.dpPlanned", { date: p.plannedOn ?? "–" });
      const { yes, no, unanswered, items } = p.checklist;
      return html`<section class="card" aria-label=${p.title}>
        <h4>${p.title}</h4>
        <p>${tr("reports.dpTo", { body })} · <strong>${decided}</strong></p>
        ${p.note.trim() ? html`<p>${p.note}</p>` : nothing}
        ${
          items.length
            ? html`<p>${td("dp.checklist")}: ${tr("reports.dpCounts", { yes, no, unanswered })}</p>
              <ul>${items.map((i) => html`<li>${i.text}${/[?.!:]$/.test(i.text) ? "" : ":"} <strong>${td(`dp.answer.${i.answer}`)}</strong>${i.comment.trim() ? ` – ${i.comment}` : ""}</li>`)}</ul>`
            : nothing
        }
      </section>`;
    })}`;
}
