/**
 * The indicator chart in the PDF: pdfkit vector drawing of the same geometry the web page draws as
 * SVG (shared/reports/chart.ts), scaled to the width given. Text in DejaVu Sans (embedded).
 */
import type { ChartGeometry } from "../../shared/reports/chart.js";

export function drawChart(doc: PDFKit.PDFDocument, g: ChartGeometry, x: number, y: number, width: number): void {
  const k = width / g.width;
  const X = (v: number) => x + v * k;
  const Y = (v: number) => y + v * k;
  const text = (
    s: string,
    tx: number,
    ty: number,
    size: number,
    colour: string,
    align: "left" | "center" | "right",
  ) => {
    doc
      .font("DejaVuSans")
      .fontSize(size * k)
      .fillColor(colour);
    const w = 120 * k;
    const left = align === "left" ? tx : align === "right" ? tx - w : tx - w / 2;
    doc.text(s, left, ty - size * k * 0.9, { width: w, align, lineBreak: false });
  };
  doc.save();
  for (const t of g.ticks) {
    doc
      .moveTo(X(g.plot.left), Y(t.y))
      .lineTo(X(g.plot.right), Y(t.y))
      .lineWidth(0.5 * k)
      .strokeColor("#d1d5db")
      .stroke();
    text(t.text, X(g.plot.left - 4), Y(t.y + 3), 9, "#374151", "right");
  }
  for (const b of g.bars)
    doc
      .rect(X(b.x), Y(b.y), b.width * k, b.height * k)
      .fillColor(b.colour)
      .fill();
  for (const gr of g.groups) text(gr.label, X(gr.x), Y(g.plot.bottom + 12), 10, "#111827", "center");
  if (g.target) {
    doc
      .moveTo(X(g.plot.left), Y(g.target.y))
      .lineTo(X(g.plot.right), Y(g.target.y))
      .lineWidth(1.5 * k)
      .dash(6 * k, { space: 3 * k })
      .strokeColor("#b91c1c")
      .stroke()
      .undash();
    text(g.target.text, X(g.plot.right), Y(g.target.y - 3), 9, "#b91c1c", "right");
  }
  g.legend.forEach((l, i) => {
    const lx = g.plot.left + i * 110;
    doc
      .rect(X(lx), Y(g.height - 18), 10 * k, 10 * k)
      .fillColor(l.colour)
      .fill();
    text(l.text, X(lx + 14), Y(g.height - 9), 9, "#111827", "left");
  });
  doc.restore();
}
