/**
 * One agenda item, headed "§ N Title": its number and title, notes as co-edited rich text, and
 * its decisions; its action items are in action-items.ts.
 */
import { html, nothing } from "lit";
import {
  type AgendaItem,
  addDecision,
  agendaNotes,
  removeAgendaItem,
  removeFromItem,
  updateAgendaItem,
  updateDecision,
} from "../../../../shared/boards/minutes.js";
import { t } from "../../i18n/i18n.js";
import "../rich-text/rich-text.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { actionItems } from "./action-items.js";
import { agendaHistory } from "./agenda-history.js";
import { agendaLastChanged } from "./agenda-last-changed.js";
import { decisionPointLink } from "./decision-point-link.js";
import { inputValue, type MinutesView } from "./minutes-view.js";

export const itemHeading = (item: Pick<AgendaItem, "number" | "title">) =>
  item.number === null ? item.title : `${t("minutes.paragraph", { number: item.number })} ${item.title}`;

export function agendaItem(view: MinutesView, item: AgendaItem) {
  const heading = itemHeading(item);
  // Item ids are 1–64 letters, digits, - or _ (shared/boards/fields.ts): safe in an id attribute.
  const id = `item-${item.id}`;
  // A field someone deleted is recreated by the next writer, never by a reader.
  const notes = item.notes ?? (view.readOnly ? null : agendaNotes(view.doc, item.id));
  return html`<section class="item" aria-labelledby="${id}-h">
    <h3 id="${id}-h">${heading}</h3>
    ${agendaLastChanged(view, item.id)}
    ${view.readOnly ? nothing : itemFields(view, item, heading)}
    <h4>${t("minutes.notes")}</h4>
    <rich-text
      .fragment=${notes}
      .awareness=${view.awareness}
      .editable=${!view.readOnly}
      .label=${t("minutes.notesFor", { item: heading })}
    ></rich-text>
    ${decisions(view, item)} ${actionItems(view, item)} ${agendaHistory(view, item.id)}
    ${
      // Under a § that decided something: the decision goes on as a decision point (beslutspunkt).
      view.decisionPointsOf && item.decisions.length > 0
        ? decisionPointLink(view.decisionPointsOf.workspaceId, view.decisionPointsOf.boardId, item)
        : nothing
    }
  </section>`;
}

function itemFields(view: MinutesView, item: AgendaItem, heading: string) {
  const setNumber = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const number = input.value === "" ? null : Number(input.value);
    if (number !== null && (!Number.isInteger(number) || number < 1 || number > 100_000)) {
      input.value = item.number === null ? "" : String(item.number);
      return;
    }
    view.write(() => updateAgendaItem(view.doc, item.id, { number }));
  };
  const setTitle = (e: Event) => {
    const title = inputValue(e).trim();
    if (title) view.write(() => updateAgendaItem(view.doc, item.id, { title }));
  };
  const remove = () =>
    view.confirmRemove("item", heading, { item: item.id }, () => removeAgendaItem(view.doc, item.id));
  return html`<div class="fields">
    <label class="number"
      >${t("minutes.number")}
      <input type="number" min="1" max="100000" step="1" .value=${keepTyping(item.number === null ? "" : String(item.number))} @change=${setNumber}
    /></label>
    <label class="grow"
      >${t("minutes.itemTitle")} <input .value=${keepTyping(item.title)} maxlength="300" required @change=${setTitle}
    /></label>
    ${
      // Deleting an item is for those who run the meeting (the server undoes anyone else's).
      view.governs
        ? html`<button type="button" class="danger" aria-label="${t("minutes.removeItem")}: ${heading}" @click=${remove}>
            ${t("minutes.removeItem")}
          </button>`
        : nothing
    }
  </div>`;
}

function decisions(view: MinutesView, item: AgendaItem) {
  const add = (e: SubmitEvent) => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem("decision") as HTMLInputElement;
    const text = input.value.trim();
    if (!text) return;
    view.write(() => addDecision(view.doc, item.id, text));
    input.value = "";
  };
  const list = item.decisions.map((d, index) => {
    const name = t("minutes.decision", { n: index + 1 });
    if (view.readOnly) return html`<li>${d.text}</li>`;
    const change = (e: Event) => {
      const text = inputValue(e).trim();
      if (text) view.write(() => updateDecision(view.doc, item.id, d.id, text));
    };
    return html`<li class="row" data-decision=${d.id}>
      <label class="grow">${name} <textarea maxlength="2000" rows="2" .value=${keepTyping(d.text)} @change=${change}></textarea></label>
      <button
        type="button"
        class="secondary"
        aria-label="${t("minutes.remove")}: ${name}"
        @click=${() =>
          view.removeNow(
            name,
            t("governance.removedDecision", { title: name }),
            { item: item.id, decision: d.id },
            () => removeFromItem(view.doc, item.id, "decisions", d.id),
          )}
      >
        ${t("minutes.remove")}
      </button>
    </li>`;
  });
  return html`<h4>${t("minutes.decisions")}</h4>
    ${item.decisions.length ? html`<ol class="decisions">${list}</ol>` : html`<p class="muted">${t("minutes.noneYet")}</p>`}
    ${
      view.readOnly
        ? nothing
        : html`<form class="inline" @submit=${add}>
            <label class="grow">${t("minutes.newDecision")} <input name="decision" maxlength="2000" required /></label>
            <button type="submit">${t("minutes.addDecision")}</button>
          </form>`
    }`;
}
