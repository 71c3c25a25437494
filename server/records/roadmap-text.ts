/** A roadmap (färdplan) in Swedish Markdown for the partnership's data export; see board-text.ts. */
import type * as Y from "yjs";
import { type CycleStep, phaseSpan, readRoadmap } from "../../shared/boards/roadmap.js";

/** The improvement cycle's steps as Askersund's färdplan names them. */
export const CYCLE_STEP_SV: Record<CycleStep, string> = {
  identify: "Identifiera fokusområden",
  working_groups: "Arbetsgrupper",
  plan: "Planera aktiviteter",
  carry_out: "Genomföra",
  evaluate: "Utvärdera",
  improve: "Förbättra",
};

/** Board and people ids the roadmap names: the meetings of milestones and the focus areas in the cycle. */
export function roadmapBoardIds(doc: Y.Doc): string[] {
  const r = readRoadmap(doc);
  return [
    ...r.milestones.flatMap((m) => (m.meetingBoardId ? [m.meetingBoardId] : [])),
    ...r.cycle.map((c) => c.focusBoardId),
  ];
}

export function roadmapBody(
  doc: Y.Doc,
  boards: ReadonlyMap<string, string>,
  out: string[],
  md: (text: string, indent?: string) => string,
) {
  const r = readRoadmap(doc);
  out.push("", "## Faser", "");
  if (r.phases.length === 0) out.push("Inga faser.");
  for (const p of r.phases) {
    const span = phaseSpan(p);
    const when = [p.term, span ? `${span.start} – ${span.end}` : ""].filter(Boolean).join(", ");
    out.push("", `### ${md(p.title || "–")}${when ? ` (${md(when)})` : ""}`, "");
    if (p.description) out.push(md(p.description, ""), "");
    for (const a of p.activities) out.push(`- [${a.done ? "x" : " "}] ${md(a.text)}`);
  }
  out.push("", "## Milstolpar", "");
  if (r.milestones.length === 0) out.push("Inga milstolpar.");
  for (const m of r.milestones) {
    const meeting = m.meetingBoardId ? (boards.get(m.meetingBoardId) ?? "(okänt möte)") : null;
    out.push(
      `- [${m.done ? "x" : " "}] ${m.date ?? "(inget datum)"}: ${md(m.title)}${meeting ? ` – möte: ${md(meeting)}` : ""}`,
    );
  }
  out.push("", "## Förbättringscykeln", "");
  if (r.cycle.length === 0) out.push("Inga fokusområden placerade i cykeln.");
  for (const c of r.cycle)
    out.push(
      `- **${md(boards.get(c.focusBoardId) ?? "(okänt fokusområde)")}:** ${CYCLE_STEP_SV[c.step]}${c.note ? ` – ${md(c.note)}` : ""}`,
    );
}
