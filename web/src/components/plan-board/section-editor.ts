/** One section of the plan in edit mode: its heading, its tools (move, remove) and its rich-text body. */
import { html } from "lit";
import { type Section, updateSection } from "../../../../shared/boards/plan.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { t } from "../../i18n/i18n.js";
import "../rich-text/rich-text.js";
import { pt } from "./plan-texts.js";
import { fieldValue, type PlanEditView } from "./plan-view.js";
import { itemTools, moveKey } from "./reorder.js";

export function sectionEditor(view: PlanEditView, s: Section, index: number, ids: readonly string[]) {
  const name = s.heading || t("plan.heading");
  return html`<li
    class="card ${view.drag.classOf(s.id)}"
    data-section=${s.id}
    @keydown=${(e: KeyboardEvent) => moveKey(view, e, "sections", s.id)}
    @dragover=${(e: DragEvent) => view.drag.overItem(e, "sections", s.id, ids)}
    @drop=${(e: DragEvent) => view.drag.drop(e, "sections", s.id, ids)}
  >
    ${itemTools(view, "sections", { id: s.id, name, index, count: ids.length }, pt("planDoc.sectionTools", { title: name }))}
    <label
      >${t("plan.heading")}
      <input .value=${keepTyping(s.heading)} maxlength="200" required @change=${(e: Event) => {
        const heading = fieldValue(e).trim();
        if (heading) view.write(() => updateSection(view.doc, s.id, { heading }));
      }}
    /></label>
    <rich-text .fragment=${s.body ?? null} .awareness=${view.awareness} .editable=${true} .label=${name}></rich-text>
  </li>`;
}
