/**
 * One goal of the plan in edit mode: title, level (effektmål/projektmål), status, perspectives and
 * a comment that grows with its text; its tools (move, remove); then `view.goalExtras` (e.g. its
 * comment thread). Other goal fields slot in beside these.
 */
import { html } from "lit";
import { type Goal, updateGoal } from "../../../../shared/boards/plan.js";
import { GOAL_LEVELS, GOAL_STATUSES, PERSPECTIVES, type Perspective } from "../../../../shared/boards/vocabulary.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { t } from "../../i18n/i18n.js";
import { pt } from "./plan-texts.js";
import { fieldValue, type PlanEditView } from "./plan-view.js";
import { itemTools, moveKey } from "./reorder.js";

export function goalEditor(view: PlanEditView, g: Goal, index: number, ids: readonly string[]) {
  const doc = view.doc;
  const name = g.title || t("plan.goalTitle");
  const update = (patch: Partial<Omit<Goal, "id">>) => view.write(() => updateGoal(doc, g.id, patch));
  const toggle = (p: Perspective, on: boolean) =>
    update({ perspectives: PERSPECTIVES.filter((x) => (x === p ? on : g.perspectives.includes(x))) });
  return html`<li
    class="card goal ${view.drag.classOf(g.id)}"
    data-goal=${g.id}
    @keydown=${(e: KeyboardEvent) => moveKey(view, e, "goals", g.id)}
    @dragover=${(e: DragEvent) => view.drag.overItem(e, "goals", g.id, ids)}
    @drop=${(e: DragEvent) => view.drag.drop(e, "goals", g.id, ids)}
  >
    ${itemTools(view, "goals", { id: g.id, name, index, count: ids.length }, pt("planDoc.goalTools", { title: name }))}
    <label
      >${t("plan.goalTitle")}
      <textarea rows="1" maxlength="300" required .value=${keepTyping(g.title)} @change=${(e: Event) => {
        const title = fieldValue(e).replace(/\s+/g, " ").trim();
        if (title) update({ title });
      }}></textarea>
    </label>
    <div class="fields">
      <label
        >${pt("planDoc.level")}
        <select aria-label="${pt("planDoc.level")}: ${name}" @change=${(e: Event) => update({ level: fieldValue(e) as Goal["level"] })}>
          ${GOAL_LEVELS.map((l) => html`<option value=${l} ?selected=${l === g.level}>${pt(`planDoc.level.${l}`)}</option>`)}
        </select></label
      >
      <label
        >${t("card.status")}
        <select aria-label="${t("card.status")}: ${name}" ?disabled=${g.history.length > 0} title=${g.history.length > 0 ? t("plan.statusByFollowUp") : ""} @change=${(e: Event) => update({ status: fieldValue(e) as Goal["status"] })}>
          ${GOAL_STATUSES.map((s) => html`<option value=${s} ?selected=${s === g.status}>${t(`goal.${s}`)}</option>`)}
        </select></label
      >
    </div>
    <fieldset class="checks">
      <legend>${t("plan.perspectives")}</legend>
      ${PERSPECTIVES.map(
        (p) => html`<label
          ><input type="checkbox" .checked=${g.perspectives.includes(p)} @change=${(e: Event) => toggle(p, (e.target as HTMLInputElement).checked)} />
          ${t(`perspective.${p}`)}</label
        >`,
      )}
    </fieldset>
    <label
      >${t("plan.comment")}
      <textarea maxlength="2000" rows="3" .value=${keepTyping(g.comment)} @change=${(e: Event) => update({ comment: fieldValue(e) })}></textarea
    ></label>
    ${view.goalExtras(g)}
  </li>`;
}
