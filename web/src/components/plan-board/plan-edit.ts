/**
 * The plan in edit mode (members only): purpose, period and meeting cadence, then the sections,
 * goals and contact routes as lists of editors with their tools and a form to add one more.
 */
import { html } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { addContact, addGoal, addSection, type PlanContent, setPlanDetails } from "../../../../shared/boards/plan.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { t } from "../../i18n/i18n.js";
import "../rich-text/rich-text.js";
import { contactEditor } from "./contact-editor.js";
import { goalEditor } from "./goal-editor.js";
import { pt } from "./plan-texts.js";
import { fieldValue, type PlanEditView } from "./plan-view.js";
import { sectionEditor } from "./section-editor.js";

/** A form's named fields, trimmed; `add` runs when the required ones are filled, then the form empties. */
function submit(names: string[], add: (fields: Record<string, string>) => void) {
  return (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const fields = Object.fromEntries(
      names.map((n) => [n, ((form.elements.namedItem(n) as HTMLInputElement | null)?.value ?? "").trim()]),
    );
    add(fields);
    form.reset();
  };
}

export function planEdit(view: PlanEditView, plan: PlanContent) {
  const doc = view.doc;
  const ids = (items: { id: string }[]) => items.map((i) => i.id);
  const sectionIds = ids(plan.sections);
  const goalIds = ids(plan.goals);
  const contactIds = ids(plan.contacts);
  return html`<section aria-labelledby="purpose-h">
      <h2 id="purpose-h">${t("plan.purpose")}</h2>
      <rich-text .fragment=${plan.purpose ?? null} .awareness=${view.awareness} .editable=${true} .label=${t("plan.purpose")}></rich-text>
      <div class="fields">
        <label
          >${pt("planDoc.period")}
          <input maxlength="100" .value=${keepTyping(plan.period)} @change=${(e: Event) => view.write(() => setPlanDetails(doc, { period: fieldValue(e).trim() }))}
        /></label>
      </div>
      <label
        >${t("plan.cadence")}
        <textarea rows="2" maxlength="500" .value=${keepTyping(plan.meetingCadence)} @change=${(e: Event) =>
          view.write(() => setPlanDetails(doc, { meetingCadence: fieldValue(e).trim() }))}></textarea>
      </label>
    </section>
    <section aria-labelledby="sections-h">
      <h2 id="sections-h">${t("plan.sections")}</h2>
      <ol class="items">
        ${repeat(
          plan.sections,
          (s) => s.id,
          (s, i) => sectionEditor(view, s, i, sectionIds),
        )}
      </ol>
      <form class="add" @submit=${submit(["title"], ({ title }) => title && view.write(() => void addSection(doc, title)))}>
        <label>${t("plan.addSection")} <input name="title" maxlength="200" required /></label>
        <button type="submit">${t("board.add")}</button>
      </form>
    </section>
    <section aria-labelledby="goals-h">
      <h2 id="goals-h">${t("home.goals")}</h2>
      <ol class="items">
        ${repeat(
          plan.goals,
          (g) => g.id,
          (g, i) => goalEditor(view, g, i, goalIds),
        )}
      </ol>
      <form class="add" @submit=${submit(["title"], ({ title }) => title && view.write(() => void addGoal(doc, { title })))}>
        <label>${t("plan.addGoal")} <input name="title" maxlength="300" required /></label>
        <button type="submit">${t("board.add")}</button>
      </form>
    </section>
    <section aria-labelledby="contacts-h">
      <h2 id="contacts-h">${t("plan.contacts")}</h2>
      <ol class="items">
        ${repeat(
          plan.contacts,
          (c) => c.id,
          (c, i) => contactEditor(view, c, i, contactIds),
        )}
      </ol>
      <form
        class="add"
        aria-label=${t("plan.addContact")}
        @submit=${submit(["organizationName", "route", "purpose"], ({ organizationName = "", route = "", purpose }) => {
          if (organizationName && route) view.write(() => void addContact(doc, { organizationName, route, purpose }));
        })}
      >
        <label>${t("plan.contactOrganization")} <input name="organizationName" maxlength="200" required /></label>
        <label>${t("plan.contactRoute")} <input name="route" maxlength="300" required /></label>
        <label>${pt("planDoc.contactPurpose")} <input name="purpose" maxlength="500" /></label>
        <button type="submit">${t("plan.addContact")}</button>
      </form>
    </section>`;
}
