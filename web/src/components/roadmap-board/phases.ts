/** The roadmap's phases: each with its term or dates, description and activities; editable or read. */
import { html, nothing } from "lit";
import type * as Y from "yjs";
import {
  addActivity,
  addPhase,
  type Phase,
  phaseSpan,
  removeActivity,
  removeRoadmapItem,
  TERM,
  updateActivity,
  updatePhase,
} from "../../../../shared/boards/roadmap.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { formatDate } from "../../i18n/i18n.js";
import { dateField } from "../date-field/date-field.js";
import { tr, trp } from "./roadmap-texts.js";

export interface PhasesView {
  doc: Y.Doc;
  canEdit: boolean;
  /** Runs a write; what does not fit is said on the screen, not thrown. */
  write(change: () => void): void;
  /** Says a problem found before writing. */
  refuse(problem: string): void;
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLTextAreaElement).value;

export function phases(view: PhasesView, list: Phase[]) {
  return html`<section aria-labelledby="phases-h">
    <h2 id="phases-h">${tr("rm.phases")}</h2>
    ${list.length === 0 ? html`<p>${tr("rm.noPhases")}</p>` : nothing}
    <ol class="phases">
      ${list.map((p) => html`<li class="card phase" data-section=${p.id}>${view.canEdit ? editor(view, p) : reader(p)}</li>`)}
    </ol>
    ${view.canEdit ? addForm(view) : nothing}
  </section>`;
}

function progress(p: Phase) {
  if (p.activities.length === 0) return nothing;
  const done = p.activities.filter((a) => a.done).length;
  return html`<p class="muted">${trp("rm.progress", p.activities.length, { done })}</p>`;
}

function reader(p: Phase) {
  const span = phaseSpan(p);
  return html`<h3>${p.title}</h3>
    <p class="muted">${[p.term, span ? `${formatDate(span.start)} – ${formatDate(span.end)}` : ""].filter(Boolean).join(" · ")}</p>
    ${p.description ? html`<p>${p.description}</p>` : nothing}
    ${progress(p)}
    ${
      p.activities.length
        ? html`<ul>${p.activities.map((a) => html`<li>${a.done ? "✓ " : ""}${a.text}${a.done ? html` <span class="muted">(${tr("rm.done")})</span>` : nothing}</li>`)}</ul>`
        : nothing
    }`;
}

function setTerm(view: PhasesView, p: Phase, term: string) {
  if (term !== "" && !TERM.test(term)) return view.refuse(tr("rm.badTerm"));
  view.write(() => updatePhase(view.doc, p.id, { term }));
}

function setDate(view: PhasesView, p: Phase, key: "startDate" | "endDate", day: string) {
  const next = { startDate: p.startDate, endDate: p.endDate, [key]: day || null };
  if (next.startDate && next.endDate && next.endDate < next.startDate) return view.refuse(tr("rm.badSpan"));
  view.write(() => updatePhase(view.doc, p.id, { [key]: day || null }));
}

function editor(view: PhasesView, p: Phase) {
  const doc = view.doc;
  return html`<h3 class="sr-only">${p.title}</h3>
    <div class="fields">
      <label class="grow">${tr("rm.title")}
        <input .value=${keepTyping(p.title)} maxlength="200" required
          @change=${(e: Event) => value(e).trim() && view.write(() => updatePhase(doc, p.id, { title: value(e).trim() }))} />
      </label>
      <label>${tr("rm.term")}
        <input class="term" .value=${keepTyping(p.term)} maxlength="20" placeholder="HT 2023" aria-describedby="term-hint"
          @change=${(e: Event) => setTerm(view, p, value(e).trim())} />
      </label>
      <label>${tr("rm.start")} ${dateField({ value: p.startDate ?? "", onChange: (day) => setDate(view, p, "startDate", day) })}</label>
      <label>${tr("rm.end")} ${dateField({ value: p.endDate ?? "", onChange: (day) => setDate(view, p, "endDate", day) })}</label>
    </div>
    <label>${tr("rm.description")}
      <textarea maxlength="2000" rows="2" .value=${keepTyping(p.description)}
        @change=${(e: Event) => view.write(() => updatePhase(doc, p.id, { description: value(e) }))}></textarea>
    </label>
    <h4>${tr("rm.activities")}</h4>
    ${progress(p)}
    <ul class="activities">
      ${p.activities.map(
        (a) => html`<li>
          <label class="check"><input type="checkbox" .checked=${a.done}
            aria-label=${tr("rm.activityDone", { text: a.text })}
            @change=${(e: Event) => view.write(() => updateActivity(doc, p.id, a.id, { done: (e.target as HTMLInputElement).checked }))} />
            <span>${a.text}</span></label>
          <button type="button" class="secondary small" aria-label=${tr("rm.removeActivity", { text: a.text })}
            @click=${() => view.write(() => removeActivity(doc, p.id, a.id))}>✕</button>
        </li>`,
      )}
    </ul>
    <form class="inline" @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const input = (e.currentTarget as HTMLFormElement).elements.namedItem("text") as HTMLInputElement;
      const text = input.value.trim();
      if (!text) return;
      view.write(() => void addActivity(doc, p.id, text));
      input.value = "";
    }}>
      <label class="grow">${tr("rm.addActivity")} <input name="text" maxlength="300" required /></label>
      <button type="submit" class="secondary">${tr("rm.add")}</button>
    </form>
    <p><button type="button" class="danger" @click=${() => view.write(() => removeRoadmapItem(doc, "phases", p.id))}>
      ${tr("rm.removePhase")}: ${p.title}</button></p>`;
}

function addForm(view: PhasesView) {
  return html`<form class="inline" aria-labelledby="add-phase-h" @submit=${(e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const field = (n: string) => (form.elements.namedItem(n) as HTMLInputElement).value.trim();
    const title = field("title");
    const term = field("term").toUpperCase();
    if (!title) return;
    if (term && !TERM.test(term)) return view.refuse(tr("rm.badTerm"));
    view.write(() => void addPhase(view.doc, { title, term }));
    form.reset();
  }}>
    <h3 id="add-phase-h" class="sr-only">${tr("rm.addPhase")}</h3>
    <label class="grow">${tr("rm.addPhase")} <input name="title" maxlength="200" required /></label>
    <label>${tr("rm.term")} <input name="term" maxlength="20" placeholder="HT 2023" aria-describedby="term-hint" /></label>
    <button type="submit">${tr("rm.add")}</button>
    <p id="term-hint" class="hint">${tr("rm.termHint")}</p>
  </form>`;
}
