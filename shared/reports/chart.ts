/**
 * One indicator chart, computed once as geometry and drawn twice: as inline SVG on the report page
 * and the steering view (chartSvg), and as pdfkit vector drawing in the PDF (server/reports/pdf.ts).
 * Grouped bars: one group per organisational unit, one bar per occasion (baseline first), and a
 * dashed line at the target. No dependencies, so the web page can import it.
 */
import type { ReportIndicator } from "../api/reports.js";

export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 52, left: 44 };
/** Bar fills per occasion index: the baseline grey, follow-ups in the app's blues (contrast ≥ 3:1 on white). */
export const OCCASION_COLOURS = [
  "#6b7280",
  "#1d4ed8",
  "#0f766e",
  "#7c3aed",
  "#b45309",
  "#be123c",
  "#0369a1",
  "#4d7c0f",
];

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
  label: string;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** The value axis: ticks with their y and text. */
  ticks: { y: number; text: string }[];
  plot: { left: number; top: number; right: number; bottom: number };
  bars: ChartBar[];
  groups: { x: number; label: string }[];
  target: { y: number; text: string } | null;
  legend: { colour: string; text: string }[];
  /** What the chart shows, in words, for screen readers and the PDF's alternative text. */
  description: string;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1)).replace(".", ",");

/** A round step (1, 2, 2.5 or 5 × 10^k) of about a quarter of `top`: whole numbers for small counts. */
function niceStep(top: number): number {
  const rough = Math.max(top, 1e-9) / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= rough) return Math.max(m * power, top <= 4 ? 1 : 0);
  return 10 * power;
}

/** A label cut to about `width` units at 10 px type; the whole name stays in the bars' titles. */
function shorten(label: string, width: number): string {
  const max = Math.max(4, Math.floor(width / 5.8));
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

export function chartGeometry(indicator: ReportIndicator, targetLabel = "Mål"): ChartGeometry {
  const occasions: string[] = [];
  for (const u of indicator.units)
    for (const v of u.values) if (!occasions.includes(v.occasion)) occasions.push(v.occasion);
  const values = indicator.units.flatMap((u) => u.values.map((v) => v.value));
  const min = Math.min(0, indicator.rangeMin ?? 0, ...values);
  // The scale's own top (P-CAT 52, 100 %) in quarters when every value fits under it, else round steps.
  const top = Math.max(indicator.target ?? 0, ...values);
  const ownScale = indicator.rangeMax !== null && indicator.rangeMax >= top;
  const step = ownScale ? ((indicator.rangeMax as number) - min) / 4 : niceStep(top - min);
  const max = ownScale ? (indicator.rangeMax as number) : min + step * Math.max(1, Math.ceil((top - min) / step));
  const plot = { left: PAD.left, top: PAD.top, right: CHART_WIDTH - PAD.right, bottom: CHART_HEIGHT - PAD.bottom };
  const y = (v: number) => plot.bottom - ((v - min) / (max - min || 1)) * (plot.bottom - plot.top);
  const groupWidth = (plot.right - plot.left) / Math.max(1, indicator.units.length);
  const barWidth = Math.min(28, (groupWidth * 0.8) / Math.max(1, occasions.length));
  const bars: ChartBar[] = [];
  const groups: ChartGeometry["groups"] = [];
  indicator.units.forEach((unit, g) => {
    const centre = plot.left + groupWidth * (g + 0.5);
    groups.push({ x: centre, label: shorten(unit.name, groupWidth) });
    const start = centre - (barWidth * occasions.length) / 2;
    for (const v of unit.values) {
      const o = occasions.indexOf(v.occasion);
      const top = y(Math.max(v.value, 0));
      bars.push({
        x: start + o * barWidth + 1,
        y: top,
        width: barWidth - 2,
        height: Math.max(0.5, y(Math.min(v.value, 0)) - top),
        colour: OCCASION_COLOURS[o % OCCASION_COLOURS.length] ?? "#1d4ed8",
        label: `${unit.name}, ${v.occasion}: ${fmt(v.value)}`,
      });
    }
  });
  const ticks: ChartGeometry["ticks"] = [];
  for (let v = min; v <= max + step / 1000; v += step) ticks.push({ y: y(v), text: fmt(Math.round(v * 10) / 10) });
  const target =
    indicator.target === null ? null : { y: y(indicator.target), text: `${targetLabel} ${fmt(indicator.target)}` };
  const description = [
    indicator.unitLabel.trim() ? `${indicator.name} (${indicator.unitLabel})` : indicator.name,
    ...indicator.units.map((u) => `${u.name}: ${u.values.map((v) => `${v.occasion} ${fmt(v.value)}`).join(", ")}`),
    ...(target ? [target.text] : []),
  ].join(". ");
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    ticks,
    plot,
    bars,
    groups,
    target,
    legend: occasions.map((o, i) => ({ colour: OCCASION_COLOURS[i % OCCASION_COLOURS.length] ?? "#1d4ed8", text: o })),
    description,
  };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The chart as an SVG element's markup (role img, with a title naming every value). */
export function chartSvg(g: ChartGeometry): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${g.width} ${g.height}" role="img" aria-label="${esc(g.description)}" class="chart">`,
    `<title>${esc(g.description)}</title>`,
  ];
  for (const t of g.ticks)
    parts.push(
      `<line x1="${g.plot.left}" x2="${g.plot.right}" y1="${t.y}" y2="${t.y}" stroke="#d1d5db" stroke-width="0.5"/>`,
      `<text x="${g.plot.left - 4}" y="${t.y + 3}" font-size="9" text-anchor="end" fill="#374151">${esc(t.text)}</text>`,
    );
  for (const b of g.bars)
    parts.push(
      `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${b.colour}"><title>${esc(b.label)}</title></rect>`,
    );
  for (const gr of g.groups)
    parts.push(
      `<text x="${gr.x}" y="${g.plot.bottom + 12}" font-size="10" text-anchor="middle" fill="#111827">${esc(gr.label)}</text>`,
    );
  if (g.target)
    parts.push(
      `<line x1="${g.plot.left}" x2="${g.plot.right}" y1="${g.target.y}" y2="${g.target.y}" stroke="#b91c1c" stroke-width="1.5" stroke-dasharray="6 3"/>`,
      `<text x="${g.plot.right}" y="${g.target.y - 3}" font-size="9" text-anchor="end" fill="#b91c1c">${esc(g.target.text)}</text>`,
    );
  g.legend.forEach((l, i) => {
    const x = g.plot.left + i * 110;
    parts.push(
      `<rect x="${x}" y="${g.height - 18}" width="10" height="10" fill="${l.colour}"/>`,
      `<text x="${x + 14}" y="${g.height - 9}" font-size="9" fill="#111827">${esc(l.text)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("");
}
