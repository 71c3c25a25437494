/**
 * A follow-up report's renderings from one hand-made report: the PDF's text has the goals, their
 * statuses and the indicator values with å/ä/ö; the Markdown says the same; the CSV has the same
 * values (BOM, `;`, formula-safe); the chart's geometry puts bars and the target line where the
 * values say, and its SVG names every value.
 */
import { describe, expect, it } from "vitest";
import { indicatorsCsv, renderReportPdf, reportMarkdown } from "../../server/reports/render.js";
import type { ReportView } from "../../shared/api/reports.js";
import { chartGeometry, chartSvg } from "../../shared/reports/chart.js";
import { pdfText } from "../helpers/pdf-text.js";

const report: ReportView = {
  id: "00000000-0000-4000-8000-000000000001",
  kind: "final",
  title: "Lekebergs äldreomsorg 2023",
  periodFrom: "2023-01-01",
  periodTo: "2023-12-31",
  version: 1,
  state: "draft",
  createdAt: "2024-01-10T09:00:00.000Z",
  frozenAt: null,
  pdfSha256: null,
  texts: {
    summary: "Ett år av förändring på Linden och i hemtjänsten.",
    goals: { "p:g2": { remaining: "Fortsätt med åtgärder för personalkontinuitet." } },
  },
  content: {
    partnership: "Lekebergs samverkan",
    periodFrom: "2023-01-01",
    periodTo: "2023-12-31",
    generatedAt: "2024-01-10T09:00:00.000Z",
    previous: null,
    goals: [
      {
        key: "p:g1",
        title: "Ökad delaktighet för de äldre",
        level: "effect",
        perspectives: ["citizen"],
        status: "partly_achieved",
        statusDate: "2023-12-31",
        previousStatus: "not_achieved",
        justification: "P-CAT ökade på Linden.",
        remaining: "",
      },
      {
        key: "p:g2",
        title: "Färre chefsbyten i hemtjänsten",
        level: "project",
        perspectives: ["staff"],
        status: "not_achieved",
        statusDate: null,
        previousStatus: null,
        justification: "Fyra chefer på ett år.",
        remaining: "",
      },
    ],
    actionsByFocusArea: [{ id: "f1", name: "Personcentrerad vård", done: 3, open: 2, overdue: 1 }],
    actionsByOrganization: [{ id: null, name: "", done: 3, open: 2, overdue: 1 }],
    decisions: [
      {
        paragraph: 12,
        itemTitle: "Slutrapport",
        text: "Godkänns och projektet avslutas.",
        meetingTitle: "Styrgrupp",
        meetingDate: "2024-01-20",
      },
    ],
    decisionPoints: [
      {
        title: "BP4 Uppföljningsrapport till styrgruppen",
        kind: "follow_up",
        body: "steering_group",
        bodyName: "",
        plannedOn: "2023-11-20",
        outcome: "approved_with_changes",
        decidedOn: "2023-11-20",
        note: "Rapporten godkänns; hemtjänstens mätning görs om våren 2024.",
        paragraph: 7,
        checklist: {
          yes: 1,
          no: 1,
          unanswered: 0,
          items: [
            { text: "Har projektmålen följts upp?", answer: "yes", comment: "" },
            { text: "Är mätningen gjord på alla enheter?", answer: "no", comment: "Bara på Linden i höstas." },
          ],
        },
      },
    ],
    indicators: [
      {
        key: "b:i1",
        name: "P-CAT personcentrering",
        unitLabel: "poäng",
        direction: "higher",
        target: 40,
        method: "P-CAT, 13 frågor, 13–52",
        rangeMin: 13,
        rangeMax: 52,
        units: [
          {
            name: "Linden",
            values: [
              { occasion: "Baslinje", date: "2023-04-01", value: 31.5, respondents: 12 },
              { occasion: "Uppföljning höst", date: "2023-10-01", value: 36, respondents: 4 },
            ],
          },
          {
            name: "Hemtjänsten Öst",
            values: [{ occasion: "Baslinje", date: "2023-04-01", value: 28, respondents: 9 }],
          },
        ],
      },
    ],
    roadmap: { phases: [{ title: "Höst 2023", term: "HT23", activities: 4, activitiesDone: 3 }], milestones: [] },
  },
};

describe("follow-up report renderings", () => {
  it("puts goals, statuses, texts and indicator values with å/ä/ö in the PDF", async () => {
    const pdf = await renderReportPdf(report, "sv");
    expect(new TextDecoder().decode(pdf.subarray(0, 8))).toBe("%PDF-1.7");
    const text = await pdfText(pdf);
    for (const s of [
      "Slutrapport: Lekebergs äldreomsorg 2023",
      "Effektmål",
      "Projektmål",
      "Ökad delaktighet för de äldre",
      "delvis uppnått (2023-12-31)",
      "inte uppnått → delvis uppnått",
      "Fortsätt med åtgärder för personalkontinuitet.",
      "P-CAT personcentrering (poäng)",
      "Hemtjänsten Öst: Baslinje 2023-04-01: 28 (9 svarande)",
      "Uppföljning höst 2023-10-01: 36 (4 svarande, färre än 5 svarande)",
      "31,5",
      "§ 12 Slutrapport",
      "3 av 4 aktiviteter klara",
      "Beslutspunkter",
      "BP4 Uppföljningsrapport till styrgruppen",
      "godkänd med ändringar (2023-11-20), § 7",
      "1 ja, 1 nej",
      "Är mätningen gjord på alla enheter? nej – Bara på Linden i höstas.",
    ])
      expect(text).toContain(s);
  });

  it("says the same in Markdown, and the CSV carries the same values", () => {
    const md = reportMarkdown(report, "sv");
    expect(md).toContain("# Slutrapport: Lekebergs äldreomsorg 2023");
    expect(md).toContain("#### Färre chefsbyten i hemtjänsten");
    expect(md).toContain("- **Status:** inte uppnått");
    expect(md).toContain("- **Utvecklingsområden:** Fortsätt med åtgärder för personalkontinuitet.");
    expect(md).toContain("- Linden: Baslinje 2023-04-01: 31,5 (12 svarande); Uppföljning höst 2023-10-01: 36");
    expect(md).toContain("### Beslutspunkter");
    expect(md).toContain("#### BP4 Uppföljningsrapport till styrgruppen");
    expect(md).toContain("- **Till:** styrgruppen");
    expect(md).toContain("- **Beslut:** godkänd med ändringar (2023-11-20), § 7");
    expect(md).toContain("- **Kontrollfrågor:** 1 ja, 1 nej");
    expect(md).toContain("- Har projektmålen följts upp? ja");
    expect(md).toContain("Rapporten godkänns; hemtjänstens mätning görs om våren 2024.");
    expect(reportMarkdown(report, "en")).toContain("- **Decision:** approved with changes (2023-11-20), § 7");
    const csv = indicatorsCsv(report, "sv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = csv
      .slice(1)
      .trimEnd()
      .split("\r\n")
      .map((r) => r.split(";"));
    expect(rows[0]).toEqual([
      "Indikator",
      "Enhet (mått)",
      "Mål",
      "Organisatorisk enhet",
      "Tillfälle",
      "Datum",
      "Värde",
      "Svarande",
    ]);
    expect(rows.slice(1)).toEqual([
      ["P-CAT personcentrering", "poäng", "40", "Linden", "Baslinje", "2023-04-01", "31,5", "12"],
      ["P-CAT personcentrering", "poäng", "40", "Linden", "Uppföljning höst", "2023-10-01", "36", "4"],
      ["P-CAT personcentrering", "poäng", "40", "Hemtjänsten Öst", "Baslinje", "2023-04-01", "28", "9"],
    ]);
    // Every value in the CSV is in the Markdown too.
    for (const r of rows.slice(1)) expect(md).toContain(`${r[4]} ${r[5]}: ${r[6]}`);
    const en = indicatorsCsv(report, "en");
    expect(en).toContain("31.5");
  });

  it("keeps formulas out of the CSV", () => {
    const evil = structuredClone(report);
    const i = evil.content.indicators?.[0];
    if (i) i.name = '=HYPERLINK("x")';
    expect(indicatorsCsv(evil, "sv")).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("draws bars in proportion and the target line at the target, the same geometry for SVG and PDF", () => {
    const i = report.content.indicators?.[0];
    if (!i) throw new Error("no indicator");
    const g = chartGeometry(i);
    expect(g.bars).toHaveLength(3);
    const [linden0, linden1, ost] = g.bars;
    // Heights are proportional to the values over a zero baseline.
    expect((linden1?.height ?? 0) / (linden0?.height ?? 1)).toBeCloseTo(36 / 31.5, 5);
    expect((ost?.height ?? 0) / (linden0?.height ?? 1)).toBeCloseTo(28 / 31.5, 5);
    const zero = g.plot.bottom;
    const perUnit = (linden0?.height ?? 0) / 31.5;
    expect(g.target?.y).toBeCloseTo(zero - 40 * perUnit, 5);
    expect(g.legend.map((l) => l.text)).toEqual(["Baslinje", "Uppföljning höst"]);
    const svg = chartSvg(g);
    expect(svg).toContain('role="img"');
    expect(svg).toContain("Linden, Uppföljning höst: 36");
    expect(svg).toContain("Hemtjänsten Öst");
    expect(svg).toContain('stroke-dasharray="6 3"');
  });
});

describe("chart scale and labels", () => {
  const base = {
    key: "k",
    name: "Träningsgrupper",
    unitLabel: "antal per vecka",
    direction: "higher" as const,
    method: "",
    rangeMin: 0,
    rangeMax: null,
  };
  it("steps small counts by whole numbers and cuts long unit names to their group", () => {
    const g = chartGeometry({
      ...base,
      target: 3,
      units: Array.from({ length: 10 }, (_, u) => ({
        name: `Björkhagens vård- och omsorgsboende ${u}`,
        values: [{ occasion: "Baslinje", date: "2026-03-01", value: u % 4, respondents: null }],
      })),
    });
    expect(g.ticks.map((t) => t.text)).toEqual(["0", "1", "2", "3"]);
    for (const group of g.groups) expect(group.label.length).toBeLessThanOrEqual(8);
    expect(g.groups[0]?.label.endsWith("…")).toBe(true);
    expect(g.bars[3]?.label).toBe("Björkhagens vård- och omsorgsboende 3, Baslinje: 3");
  });
});
