/**
 * An agenda item's action items: title, owner, due date and focus area. One with a focus area is
 * added to that focus area as an action (link-action.ts) and shows the way there; each field change
 * writes the whole action item again (updateActionItem).
 */
import { html, nothing } from "lit";
import {
  type ActionItem,
  type ActionItemPatch,
  type AgendaItem,
  removeFromItem,
  updateActionItem,
} from "../../../../shared/boards/minutes.js";
import { readTypedDate } from "../../../../shared/time/typed-dates.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { formatDate, t } from "../../i18n/i18n.js";
import { paths } from "../../router.js";
import { dateField } from "../date-field/date-field.js";
import { inputValue, type MinutesView, memberName } from "./minutes-view.js";

const focusTitle = (view: MinutesView, id: string | null) =>
  id ? (view.focusBoards.find((b) => b.id === id)?.title ?? t("minutes.focusArea")) : undefined;

export function actionItems(view: MinutesView, item: AgendaItem) {
  return html`<h4>${t("minutes.actionItems")}</h4>
    ${
      item.actionItems.length
        ? html`<ul class="actions">
            ${item.actionItems.map((a) => html`<li>${view.readOnly ? actionText(view, a) : actionEditor(view, item, a)}</li>`)}
          </ul>`
        : html`<p class="muted">${t("minutes.noneYet")}</p>`
    }
    ${view.readOnly ? nothing : addForm(view, item)}`;
}

function actionText(view: MinutesView, a: ActionItem) {
  const facts = [
    [t("minutes.owner"), memberName(view, a.ownerId)],
    [t("minutes.dueDate"), a.dueDate ? formatDate(a.dueDate) : undefined],
    [t("minutes.focusArea"), focusTitle(view, a.focusBoardId)],
  ].filter((fact): fact is [string, string] => fact[1] !== undefined);
  return html`<strong>${a.title}</strong>
    ${facts.length ? html`<div class="muted">${facts.map(([k, v]) => `${k}: ${v}`).join(" · ")}</div>` : nothing}
    ${linkState(view, null, a)}`;
}

function actionEditor(view: MinutesView, item: AgendaItem, a: ActionItem) {
  const set = (patch: ActionItemPatch) => view.write(() => updateActionItem(view.doc, item.id, a.id, patch));
  const setFocus = (e: Event) => {
    set({ focusBoardId: inputValue(e) || null });
    if (inputValue(e)) view.link(item.id, a.id);
  };
  return html`<fieldset class="action" data-action=${a.id}>
    <legend>${a.title}</legend>
    <div class="fields">
      <label class="grow"
        >${t("minutes.actionTitle")}
        <input .value=${keepTyping(a.title)} maxlength="200" required @change=${(e: Event) => inputValue(e).trim() && set({ title: inputValue(e).trim() })}
      /></label>
      ${ownerSelect(view, a.ownerId, (e) => set({ ownerId: inputValue(e) || null }))}
      <label
        >${t("minutes.dueDate")}
        ${dateField({ value: a.dueDate ?? "", onChange: (value) => set({ dueDate: value || null }) })}</label
      >
      ${
        // Once the action is on a focus area it stays there: moving it is done on the focus boards.
        a.actionId
          ? html`<p class="fact"><strong>${t("minutes.focusArea")}:</strong> ${focusTitle(view, a.focusBoardId)}</p>`
          : focusSelect(view, a.focusBoardId, setFocus)
      }
    </div>
    <div class="row">
      ${linkState(view, item, a)}
      <button
        type="button"
        class="secondary"
        aria-label="${t("minutes.remove")}: ${a.title}"
        @click=${() => view.confirmRemove("action", a.title, { item: item.id, action: a.id }, () => removeFromItem(view.doc, item.id, "actionItems", a.id))}
      >
        ${t("minutes.remove")}
      </button>
    </div>
  </fieldset>`;
}

/** Where the action stands on its focus area: the link there, on its way, or why not (with a retry). */
function linkState(view: MinutesView, item: AgendaItem | null, a: ActionItem) {
  if (!a.focusBoardId) return nothing;
  if (a.actionId)
    return html`<a class="focus-link" href=${paths.boardAt(a.focusBoardId, { action: a.actionId })}>${t("minutes.showOnFocus")}</a>`;
  if (view.linking.has(a.id)) return html`<span role="status">${t("minutes.linking")}</span>`;
  const failure = view.linkFailures.get(a.id);
  const retry =
    item && !view.readOnly
      ? html`<button type="button" class="secondary" @click=${() => view.link(item.id, a.id)}>
          ${failure ? t("minutes.linkRetry") : t("minutes.linkNow")}
        </button>`
      : nothing;
  return html`<span role=${failure ? "alert" : nothing}
      >${failure ? t("minutes.linkFailed", { reason: failure }) : t("minutes.notLinked")}</span
    >
    ${retry}`;
}

function ownerSelect(view: MinutesView, ownerId: string | null, change: (e: Event) => void) {
  return html`<label
    >${t("minutes.owner")}
    <select name="owner" aria-label=${t("minutes.owner")} @change=${change}>
      <option value="">${t("minutes.nobody")}</option>
      ${view.members.map((m) => html`<option value=${m.userId} ?selected=${m.userId === ownerId}>${m.name}</option>`)}
    </select></label
  >`;
}

function focusSelect(view: MinutesView, focusBoardId: string | null, change: (e: Event) => void) {
  return html`<label
    >${t("minutes.focusArea")}
    <select name="focus" aria-label=${t("minutes.focusArea")} @change=${change}>
      <option value="">${t("minutes.noFocusArea")}</option>
      ${view.focusBoards.map((b) => html`<option value=${b.id} ?selected=${b.id === focusBoardId}>${b.title}</option>`)}
    </select></label
  >`;
}

function addForm(view: MinutesView, item: AgendaItem) {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    if (!field("title")) return;
    view.addActionItem(item.id, {
      title: field("title"),
      ownerId: field("owner") || null,
      dueDate: readTypedDate(field("due")),
      focusBoardId: field("focus") || null,
    });
    form.reset();
  };
  return html`<form class="action-form" aria-label=${t("minutes.newAction")} @submit=${submit}>
    <div class="fields">
      <label class="grow">${t("minutes.newAction")} <input name="title" maxlength="200" required /></label>
      ${ownerSelect(view, null, () => {})}
      <label>${t("minutes.dueDate")} ${dateField({ name: "due", value: "" })}</label>
      ${focusSelect(view, null, () => {})}
    </div>
    <button type="submit">${t("minutes.addAction")}</button>
  </form>`;
}
