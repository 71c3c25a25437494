/** One contact route in edit mode: organisation, route and purpose (growing with its text), and its tools. */
import { html } from "lit";
import { type Contact, updateContact } from "../../../../shared/boards/plan.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { t } from "../../i18n/i18n.js";
import { pt } from "./plan-texts.js";
import { fieldValue, type PlanEditView } from "./plan-view.js";
import { itemTools, moveKey } from "./reorder.js";

export function contactEditor(view: PlanEditView, c: Contact, index: number, ids: readonly string[]) {
  const name = c.organizationName || t("plan.contactOrganization");
  const update = (patch: Partial<Omit<Contact, "id">>) => view.write(() => updateContact(view.doc, c.id, patch));
  const required = (field: "organizationName" | "route") => (e: Event) => {
    const v = fieldValue(e).trim();
    if (v) update({ [field]: v });
  };
  return html`<li
    class="card ${view.drag.classOf(c.id)}"
    data-contact=${c.id}
    @keydown=${(e: KeyboardEvent) => moveKey(view, e, "contacts", c.id)}
    @dragover=${(e: DragEvent) => view.drag.overItem(e, "contacts", c.id, ids)}
    @drop=${(e: DragEvent) => view.drag.drop(e, "contacts", c.id, ids)}
  >
    ${itemTools(view, "contacts", { id: c.id, name, index, count: ids.length }, pt("planDoc.contactTools", { title: name }))}
    <div class="fields">
      <label
        >${t("plan.contactOrganization")}
        <input maxlength="200" required .value=${keepTyping(c.organizationName)} @change=${required("organizationName")}
      /></label>
      <label
        >${t("plan.contactRoute")}
        <textarea rows="1" maxlength="300" required .value=${keepTyping(c.route)} @change=${required("route")}></textarea>
      </label>
    </div>
    <label
      >${pt("planDoc.contactPurpose")}
      <textarea rows="2" maxlength="500" .value=${keepTyping(c.purpose)} @change=${(e: Event) => update({ purpose: fieldValue(e).trim() })}></textarea>
    </label>
  </li>`;
}
