/**
 * The card's measurements (shared/boards/focus.ts): a table of the values entered so far and, for
 * editors, a form adding one and a button removing each. Written straight to the board.
 */
import { html, nothing } from "lit";
import type * as Y from "yjs";
import { type Action, addMeasurement, removeMeasurement } from "../../../../shared/boards/focus.js";
import { MEASUREMENT_KINDS } from "../../../../shared/boards/vocabulary.js";
import { readTypedDate } from "../../../../shared/time/typed-dates.js";
import { formatDate, t } from "../../i18n/i18n.js";
import { dateField } from "../date-field/date-field.js";

export function measurements(doc: Y.Doc | null, a: Action, canEdit: boolean) {
  return html`<h3>${t("card.measurements")}</h3>
    ${
      a.measurements.length === 0
        ? html`<p>–</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${t("card.measurementLabel")}</th>
                <th scope="col">${t("card.measurementValue")}</th>
                <th scope="col">${t("card.measurementDate")}</th>
                <th scope="col">${t("card.measurementKind")}</th>
                ${canEdit ? html`<th scope="col"><span class="sr-only">${t("card.delete")}</span></th>` : nothing}
              </tr>
            </thead>
            <tbody>
              ${a.measurements.map(
                (m) => html`<tr>
                  <td>${m.label}${m.example ? html` <em>(${t("card.example")})</em>` : nothing}</td>
                  <td>${m.value} ${m.unit}</td>
                  <td>${formatDate(m.date)}</td>
                  <td>${t(`measurement.${m.kind}`)}</td>
                  ${
                    canEdit
                      ? html`<td>
                          <button type="button" class="danger" aria-label="${t("card.delete")}: ${m.label}" @click=${() => doc && removeMeasurement(doc, a.id, m.id)}>×</button>
                        </td>`
                      : nothing
                  }
                </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${canEdit ? measurementForm(doc, a) : nothing}`;
}

function measurementForm(doc: Y.Doc | null, a: Action) {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const date = readTypedDate(field("date"));
    if (!doc || !field("label").trim() || !field("value") || !date) return;
    addMeasurement(doc, a.id, {
      label: field("label").trim(),
      value: Number(field("value")),
      date,
      kind: field("kind") as (typeof MEASUREMENT_KINDS)[number],
    });
    form.reset();
  };
  return html`<form class="row" @submit=${submit} aria-label=${t("card.addMeasurement")}>
    <label>${t("card.measurementLabel")} <input name="label" maxlength="200" required /></label>
    <label>${t("card.measurementValue")} <input name="value" type="number" step="any" required /></label>
    <label>${t("card.measurementDate")} ${dateField({ name: "date", value: "", required: true })}</label>
    <label
      >${t("card.measurementKind")}
      <select name="kind" aria-label=${t("card.measurementKind")}>
        ${MEASUREMENT_KINDS.map((k) => html`<option value=${k}>${t(`measurement.${k}`)}</option>`)}
      </select></label
    >
    <button type="submit">${t("card.addMeasurement")}</button>
  </form>`;
}
