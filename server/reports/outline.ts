/**
 * A follow-up report as an outline: the one sequence of blocks that the Markdown and the PDF both
 * draw, so they never say different things. Edited texts replace the data's justification and
 * utvecklingsområden; indicator values are listed (and, in the PDF only, charted).
 */
import type {
  ReportDecisionPoint,
  ReportGoal,
  ReportIndicator,
  ReportTexts,
  ReportView,
} from "../../shared/api/reports.js";
import { GOAL_LEVELS } from "../../shared/boards/vocabulary.js";
import type { OutlineBlock } from "../minutes/render-markdown.js";
import { formatNumber, type ReportLabels, type ReportLocale, reportLabels } from "./labels.js";

export type ReportBlock = OutlineBlock | { kind: "chart"; indicator: ReportIndicator };

export function effectiveGoalTexts(goal: ReportGoal, texts: ReportTexts) {
  const edited = texts.goals[goal.key];
  return {
    justification: edited?.justification?.trim() ? edited.justification : goal.justification,
    remaining: edited?.remaining?.trim() ? edited.remaining : goal.remaining,
  };
}

export function reportTitle(report: Pick<ReportView, "kind" | "title">, l: ReportLabels): string {
  return `${l.kinds[report.kind]}: ${report.title}`;
}

export function reportOutline(report: ReportView, locale: ReportLocale = "sv"): ReportBlock[] {
  const l = reportLabels(locale);
  const c = report.content;
  const blocks: ReportBlock[] = [
    { kind: "heading", level: 1, text: reportTitle(report, l) },
    { kind: "field", label: l.partnership, value: c.partnership },
    { kind: "field", label: l.period, value: `${c.periodFrom} – ${c.periodTo}` },
    { kind: "field", label: l.version, value: String(report.version) },
    ...(c.previous
      ? [
          {
            kind: "field" as const,
            label: l.previous,
            value: `${c.previous.title} (${l.version.toLowerCase()} ${c.previous.version}, ${c.previous.periodTo})`,
          },
        ]
      : []),
    {
      kind: "small",
      text: report.state === "frozen" && report.frozenAt ? l.frozen(report.frozenAt.slice(0, 10)) : l.draft,
    },
  ];
  if (report.texts.summary.trim()) {
    blocks.push({ kind: "heading", level: 2, text: l.summary }, { kind: "paragraph", text: report.texts.summary });
  }
  blocks.push({ kind: "heading", level: 2, text: l.goals });
  for (const level of GOAL_LEVELS) {
    const goals = c.goals.filter((g) => g.level === level);
    if (goals.length === 0) continue;
    blocks.push({ kind: "heading", level: 3, text: l.levels[level] });
    for (const g of goals) blocks.push(...goalBlocks(g, report.texts, l));
  }
  if (c.goals.length === 0) blocks.push({ kind: "paragraph", text: l.none });

  blocks.push({ kind: "heading", level: 2, text: l.actions }, { kind: "heading", level: 3, text: l.byFocusArea });
  for (const a of c.actionsByFocusArea)
    blocks.push({
      kind: "list_item",
      depth: 0,
      ordinal: null,
      text: `${a.name}: ${l.actionCounts(a.done, a.open, a.overdue)}`,
    });
  if (c.actionsByFocusArea.length === 0) blocks.push({ kind: "paragraph", text: l.none });
  blocks.push({ kind: "heading", level: 3, text: l.byOrganization });
  for (const a of c.actionsByOrganization)
    blocks.push({
      kind: "list_item",
      depth: 0,
      ordinal: null,
      text: `${a.name || l.noOrganization}: ${l.actionCounts(a.done, a.open, a.overdue)}`,
    });
  if (c.actionsByOrganization.length === 0) blocks.push({ kind: "paragraph", text: l.none });

  blocks.push({ kind: "heading", level: 2, text: l.decisions });
  for (const d of c.decisions) {
    const where = [d.meetingTitle, d.meetingDate].filter(Boolean).join(", ");
    const paragraph = d.paragraph === null ? "" : `§ ${d.paragraph} `;
    blocks.push({
      kind: "list_item",
      depth: 0,
      ordinal: null,
      text: `${paragraph}${d.itemTitle}: ${d.text} (${where})`,
    });
  }
  if (c.decisions.length === 0) blocks.push({ kind: "paragraph", text: l.none });
  if (c.decisionPoints?.length) {
    blocks.push({ kind: "heading", level: 3, text: l.decisionPoints });
    for (const p of c.decisionPoints) blocks.push(...decisionPointBlocks(p, l));
  }

  if (c.indicators) {
    blocks.push({ kind: "heading", level: 2, text: l.indicators });
    for (const i of c.indicators) blocks.push(...indicatorBlocks(i, l, locale));
  }
  if (c.roadmap) {
    blocks.push({ kind: "heading", level: 2, text: l.roadmap });
    for (const p of c.roadmap.phases)
      blocks.push({
        kind: "list_item",
        depth: 0,
        ordinal: null,
        text: `${p.title}${p.term ? ` (${p.term})` : ""}: ${l.phaseProgress(p.activitiesDone, p.activities)}`,
      });
    for (const m of c.roadmap.milestones)
      blocks.push({
        kind: "list_item",
        depth: 0,
        ordinal: null,
        text: `${m.date ?? "–"} ${m.title}: ${m.done ? l.milestoneDone : l.milestoneOpen}`,
      });
  }
  return blocks;
}

function goalBlocks(g: ReportGoal, texts: ReportTexts, l: ReportLabels): ReportBlock[] {
  const { justification, remaining } = effectiveGoalTexts(g, texts);
  const status = `${l.statuses[g.status]}${g.statusDate ? ` (${g.statusDate})` : ""}`;
  const change =
    g.previousStatus === null
      ? null
      : g.previousStatus === g.status
        ? l.unchanged
        : `${l.statuses[g.previousStatus]} → ${l.statuses[g.status]}`;
  return [
    { kind: "heading", level: 4, text: g.title },
    { kind: "field", label: l.status, value: status },
    ...(g.perspectives.length
      ? [
          {
            kind: "field" as const,
            label: l.perspective,
            value: g.perspectives.map((p) => l.perspectives[p]).join(", "),
          },
        ]
      : []),
    ...(change ? [{ kind: "field" as const, label: l.change, value: change }] : []),
    ...(justification.trim() ? [{ kind: "field" as const, label: l.justification, value: justification }] : []),
    ...(remaining.trim() ? [{ kind: "field" as const, label: l.remaining, value: remaining }] : []),
  ];
}

function decisionPointBlocks(p: ReportDecisionPoint, l: ReportLabels): ReportBlock[] {
  const body = p.body === "other" && p.bodyName ? p.bodyName : l.bodies[p.body];
  const decision = p.outcome
    ? `${l.outcomes[p.outcome]}${p.decidedOn ? ` (${p.decidedOn})` : ""}${p.paragraph !== null ? `, § ${p.paragraph}` : ""}`
    : l.planned(p.plannedOn ?? "–");
  const { yes, no, unanswered, items } = p.checklist;
  return [
    { kind: "heading", level: 4, text: p.title },
    { kind: "field", label: l.to, value: body },
    { kind: "field", label: l.decision, value: decision },
    ...(p.note.trim() ? [{ kind: "paragraph" as const, text: p.note }] : []),
    ...(items.length
      ? [{ kind: "field" as const, label: l.checklist, value: l.checklistCounts(yes, no, unanswered) }]
      : []),
    ...items.map(
      (i): ReportBlock => ({
        kind: "list_item",
        depth: 0,
        ordinal: null,
        text: `${i.text}${/[?.!:]$/.test(i.text) ? "" : ":"} ${l.answers[i.answer]}${i.comment.trim() ? ` – ${i.comment}` : ""}`,
      }),
    ),
  ];
}

function indicatorBlocks(i: ReportIndicator, l: ReportLabels, locale: ReportLocale): ReportBlock[] {
  const blocks: ReportBlock[] = [
    { kind: "heading", level: 3, text: i.unitLabel.trim() ? `${i.name} (${i.unitLabel})` : i.name },
    ...(i.method ? [{ kind: "field" as const, label: l.method, value: i.method }] : []),
    ...(i.target !== null ? [{ kind: "field" as const, label: l.target, value: formatNumber(i.target, locale) }] : []),
  ];
  if (i.units.some((u) => u.values.length > 0)) blocks.push({ kind: "chart", indicator: i });
  for (const u of i.units) {
    const values = u.values.map((v) => {
      const few = v.respondents !== null && v.respondents < 5 ? `, ${l.fewRespondents}` : "";
      const n = v.respondents !== null ? ` (${v.respondents} ${l.respondents}${few})` : "";
      return `${v.occasion} ${v.date}: ${formatNumber(v.value, locale)}${n}`;
    });
    blocks.push({ kind: "list_item", depth: 0, ordinal: null, text: `${u.name}: ${values.join("; ")}` });
  }
  return blocks;
}
