/**
 * The roadmap as a timeline: one row per phase with a bar over its span (its dates, else its
 * term's), and a row of milestone markers; a year axis and today's line. HTML and CSS only, so it
 * prints and reflows; the bars' words are in the rows' labels, the markers' in the list beside.
 */
import { css, html, nothing } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import { type Milestone, type Phase, phaseSpan } from "../../../../shared/boards/roadmap.js";
import { formatDate } from "../../i18n/i18n.js";
import { tr } from "./roadmap-texts.js";

const DAY = 86_400_000;
const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The range shown: from the first start or milestone to the last end or milestone, in whole years. */
export function timelineRange(phases: Phase[], milestones: Milestone[]): { from: number; to: number } | null {
  const days = [
    ...phases.flatMap((p) => {
      const span = phaseSpan(p);
      return span ? [span.start, span.end] : [];
    }),
    ...milestones.flatMap((m) => (m.date ? [m.date] : [])),
  ].sort();
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return null;
  return { from: time(`${first.slice(0, 4)}-01-01`), to: time(`${Number(last.slice(0, 4)) + 1}-01-01`) };
}

export function timeline(phases: Phase[], milestones: Milestone[], today: string) {
  const range = timelineRange(phases, milestones);
  if (!range) return html`<p class="muted">${tr("rm.timelineEmpty")}</p>`;
  const at = (day: string) => ((time(day) - range.from) / (range.to - range.from)) * 100;
  const years: number[] = [];
  for (let y = new Date(range.from).getUTCFullYear(); time(`${y}-01-01`) < range.to; y++) years.push(y);
  const todayAt = at(today);
  const dated = milestones.filter((m) => m.date);
  return html`<figure class="timeline" aria-labelledby="timeline-h">
    <figcaption id="timeline-h" class="sr-only">${tr("rm.timeline")}</figcaption>
    <div class="tl-row tl-axis" aria-hidden="true">
      <span></span>
      <div class="tl-track">
        ${years.map((y) => html`<span class="tl-year" style=${styleMap({ left: `${at(`${y}-01-01`)}%` })}>${y}</span>`)}
        ${todayAt >= 0 && todayAt <= 100 ? html`<span class="tl-today ${todayAt > 85 ? "end" : ""}" style=${styleMap({ left: `${todayAt}%` })}>${tr("rm.today")}</span>` : nothing}
      </div>
    </div>
    <ol class="tl-phases">
      ${phases.map((p) => {
        const span = phaseSpan(p);
        const when = span ? `${formatDate(span.start)} – ${formatDate(span.end)}` : tr("rm.undated");
        return html`<li class="tl-row">
          <span class="tl-label"><strong>${p.title}</strong><span class="muted">${p.term ? `${p.term} · ` : ""}${when}</span></span>
          <div class="tl-track" aria-hidden="true">
            ${
              span
                ? html`<span
                    class="tl-bar"
                    style=${styleMap({ left: `${at(span.start)}%`, width: `${Math.max(0.8, ((time(span.end) + DAY - time(span.start)) / (range.to - range.from)) * 100)}%` })}
                  ></span>`
                : nothing
            }
          </div>
        </li>`;
      })}
      ${
        dated.length
          ? html`<li class="tl-row">
              <span class="tl-label"><strong>${tr("rm.milestones")}</strong></span>
              <div class="tl-track" aria-hidden="true">
                ${dated.map(
                  (m) =>
                    html`<span class="tl-milestone ${m.done ? "done" : ""}" title=${m.title} style=${styleMap({ left: `${at(m.date as string)}%` })}></span>`,
                )}
              </div>
            </li>`
          : nothing
      }
    </ol>
  </figure>`;
}

export const timelineStyles = css`
  .timeline {
    margin: 0 0 var(--space-4);
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    padding: var(--space-3);
    background: var(--color-surface);
  }
  .tl-phases {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .tl-row {
    display: grid;
    grid-template-columns: minmax(9rem, 14rem) 1fr;
    gap: var(--space-3);
    align-items: center;
    min-height: 2.75rem;
    border-top: 1px solid var(--color-border);
  }
  .tl-axis {
    border-top: 0;
    min-height: 1.75rem;
  }
  .tl-label {
    display: grid;
    font-size: var(--text-small);
  }
  .tl-track {
    position: relative;
    height: 1.75rem;
  }
  .tl-year {
    position: absolute;
    top: 0;
    padding-left: var(--space-1);
    border-left: 1px solid var(--color-muted);
    font-size: var(--text-small);
    color: var(--color-muted);
  }
  .tl-today {
    position: absolute;
    top: 0;
    height: 100%;
    border-left: 2px dashed var(--color-danger);
    padding-left: var(--space-1);
    font-size: 0.75rem;
    color: var(--color-danger);
    white-space: nowrap;
  }
  /* Near the right edge the label goes left of the line, so it is not cut off. */
  .tl-today.end {
    transform: translateX(-100%);
    border-left: 0;
    border-right: 2px dashed var(--color-danger);
    padding: 0 var(--space-1) 0 0;
  }
  .tl-bar {
    position: absolute;
    top: 0.35rem;
    height: 1.05rem;
    border-radius: var(--radius);
    background: var(--color-primary);
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
  }
  .tl-milestone {
    position: absolute;
    top: 0.45rem;
    width: 0.85rem;
    height: 0.85rem;
    margin-left: -0.425rem;
    transform: rotate(45deg);
    border: 2px solid var(--color-primary);
    background: var(--color-surface-raised);
    print-color-adjust: exact;
    -webkit-print-color-adjust: exact;
  }
  .tl-milestone.done {
    background: var(--color-primary);
  }
  @media (max-width: 40rem) {
    .tl-row {
      grid-template-columns: 1fr;
      gap: var(--space-1);
    }
    .tl-axis > span:first-child {
      display: none;
    }
  }
`;
