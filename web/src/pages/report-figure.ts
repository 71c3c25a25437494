/** An indicator's chart (shared/reports/chart.ts, inline SVG) with its caption and a warning for few respondents. */
import { html, nothing } from "lit";
import { unsafeSVG } from "lit/directives/unsafe-svg.js";
import type { ReportIndicator } from "../../../shared/api/reports.js";
import { chartGeometry, chartSvg } from "../../../shared/reports/chart.js";
import { tr } from "./report-texts.js";

export function indicatorFigure(i: ReportIndicator) {
  const target = tr("reports.target", { target: i.target ?? "" }).split(":")[0] ?? "";
  const few = i.units.some((u) => u.values.some((v) => v.respondents !== null && v.respondents < 5));
  return html`<figure>
    <figcaption><strong>${i.name}</strong>${i.unitLabel.trim() ? ` (${i.unitLabel})` : ""}${i.target !== null ? html` · ${tr("reports.target", { target: i.target })}` : nothing}</figcaption>
    ${i.units.length ? unsafeSVG(chartSvg(chartGeometry(i, target))) : nothing}
    ${few ? html`<p class="warning">${tr("reports.fewRespondents")}</p>` : nothing}
  </figure>`;
}
