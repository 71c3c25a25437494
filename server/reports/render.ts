/** A follow-up report as Markdown, as archival PDF (with vector charts) and its indicator data as CSV. */
import type { ReportView } from "../../shared/api/reports.js";
import { chartGeometry } from "../../shared/reports/chart.js";
import { outlineMarkdown } from "../minutes/render-markdown.js";
import { type ExtraBlock, renderOutlinePdf } from "../pdf/outline-pdf.js";
import { BOM, csvRow } from "../records/csv.js";
import { drawChart } from "./chart-pdf.js";
import { formatNumber, type ReportLocale, reportLabels } from "./labels.js";
import { reportOutline, reportTitle } from "./outline.js";

export function reportMarkdown(report: ReportView, locale: ReportLocale = "sv"): string {
  return outlineMarkdown(reportOutline(report, locale));
}

export async function renderReportPdf(report: ReportView, locale: ReportLocale = "sv"): Promise<Buffer> {
  const l = reportLabels(locale);
  const blocks = reportOutline(report, locale).map((b) => {
    if (b.kind !== "chart") return b;
    const geometry = chartGeometry(b.indicator, l.target);
    const block: ExtraBlock = {
      kind: "drawing",
      height: geometry.height * 0.9,
      alt: geometry.description,
      draw: (doc, x, y, width) => drawChart(doc, geometry, x, y, Math.min(width, geometry.width * 0.9)),
    };
    return block;
  });
  const title = reportTitle(report, l);
  return renderOutlinePdf(blocks, {
    title,
    author: report.content.partnership,
    subject: `${l.period} ${report.content.periodFrom} – ${report.content.periodTo}`,
    // The freezing instant (or generation for a draft): the same report renders to the same bytes.
    creationDate: new Date(report.frozenAt ?? report.content.generatedAt),
    lang: locale === "en" ? "en-GB" : "sv-SE",
    footer: title,
    page: l.page,
  });
}

/** Indicator values, one row per unit × occasion: UTF-8 with BOM, `;`, formula-safe cells, CRLF. */
export function indicatorsCsv(report: ReportView, locale: ReportLocale = "sv"): string {
  const l = reportLabels(locale);
  const lines = [csvRow(l.csv, ";")];
  for (const i of report.content.indicators ?? [])
    for (const u of i.units)
      for (const v of u.values)
        lines.push(
          csvRow(
            [
              i.name,
              i.unitLabel,
              i.target === null ? "" : formatNumber(i.target, locale),
              u.name,
              v.occasion,
              v.date,
              formatNumber(v.value, locale),
              v.respondents ?? "",
            ],
            ";",
          ),
        );
  return `${BOM}${lines.join("")}`;
}
