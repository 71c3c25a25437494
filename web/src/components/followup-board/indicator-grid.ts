/**
 * One indicator's values as a grid: a row per unit, a column per occasion (baseline first), and
 * the change of the unit's latest follow-up against its baseline. Members type values and
 * respondent counts into the cells; a value out of range is refused at the field, in the
 * reader's language, before anything is written. Fewer than 5 respondents shows a warning.
 */
import { html, nothing } from "lit";
import type * as Y from "yjs";
import type { BoardInputError } from "../../../../shared/boards/access.js";
import {
  type Cell,
  clearIndicatorValue,
  type Indicator,
  type Occasion,
  setIndicatorValue,
  type Unit,
} from "../../../../shared/boards/followup.js";
import {
  compareWithBaseline,
  fewRespondents,
  occasionMean,
  rangeOf,
} from "../../../../shared/boards/indicator-range.js";
import { formatDate, locale } from "../../i18n/i18n.js";
import { tf } from "./followup-texts.js";

export interface GridView {
  doc: Y.Doc;
  canEdit: boolean;
  userId: string;
  names: Map<string, string>;
  /** Refusals shown at their field, by field id. */
  errors: Map<string, string>;
  setError(fieldId: string, message: string | null): void;
}

const number = (value: number) =>
  new Intl.NumberFormat(locale() === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 2 }).format(value);

/** "38,5" or "38.5" → 38.5; null for an empty field; NaN for something else. */
function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, "").replace(",", ".");
  if (trimmed === "") return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function rangeText(i: Indicator): string {
  const { min, max } = rangeOf(i);
  if (min !== null && max !== null) return tf("fu.range", { min: number(min), max: number(max) });
  if (min !== null) return tf("fu.rangeFrom", { min: number(min) });
  if (max !== null) return tf("fu.rangeTo", { max: number(max) });
  return "";
}

export function unitText(i: Indicator): string {
  return i.unit === "other" ? i.unitLabel || tf("fu.unit.other") : tf(`fu.unit.${i.unit}`);
}

function refusalText(error: BoardInputError): string {
  const code = error.issue?.code;
  if (error.field === "respondents") return tf("fu.badRespondents");
  if (code === "too_small") return tf("fu.tooSmall", { min: number(error.issue?.minimum ?? 0) });
  if (code === "too_big") return tf("fu.tooBig", { max: number(error.issue?.maximum ?? 0) });
  return tf("fu.notNumber");
}

function enter(view: GridView, i: Indicator, unit: Unit, occasion: Occasion, row: HTMLElement) {
  const valueField = row.querySelector<HTMLInputElement>(`[data-value]`);
  const countField = row.querySelector<HTMLInputElement>(`[data-respondents]`);
  if (!valueField || !countField) return;
  const id = `${i.id}-${unit.id}-${occasion.id}`;
  const value = parseNumber(valueField.value);
  const respondents = parseNumber(countField.value);
  if (value === null) {
    view.setError(id, null);
    clearIndicatorValue(view.doc, i.id, unit.id, occasion.id);
    return;
  }
  if (Number.isNaN(value)) return view.setError(id, tf("fu.notNumber"));
  if (respondents !== null && (!Number.isInteger(respondents) || respondents < 0))
    return view.setError(id, tf("fu.badRespondents"));
  try {
    setIndicatorValue(view.doc, i.id, {
      unitId: unit.id,
      occasionId: occasion.id,
      value,
      respondents,
      by: view.userId,
    });
    view.setError(id, null);
  } catch (error) {
    view.setError(id, refusalText(error as BoardInputError));
  }
}

function cellView(view: GridView, i: Indicator, unit: Unit, occasion: Occasion, cell: Cell | undefined) {
  const id = `${i.id}-${unit.id}-${occasion.id}`;
  const error = view.errors.get(id);
  const few = cell && fewRespondents(cell);
  const who = cell
    ? tf("fu.enteredBy", {
        name: (cell.by && view.names.get(cell.by)) || tf("fu.unknown"),
        at: formatDate(cell.at, true),
      })
    : "";
  const labels = { unit: unit.name, occasion: occasion.label };
  const warning = few ? html`<span class="warn" id="few-${id}" role="note">⚠ ${tf("fu.few")}</span>` : nothing;
  if (!view.canEdit)
    return html`<td data-cell=${id} title=${who}>
      ${cell ? number(cell.value) : "–"}${
        cell?.respondents != null ? html` <span class="n">(n = ${cell.respondents})</span>` : nothing
      } ${warning}
    </td>`;
  const described = [error ? `err-${id}` : "", few ? `few-${id}` : ""].filter(Boolean).join(" ");
  return html`<td data-cell=${id} title=${who}>
    <div class="cell" @change=${(e: Event) => enter(view, i, unit, occasion, e.currentTarget as HTMLElement)}>
      <input
        data-value
        inputmode="decimal"
        aria-label=${tf("fu.value", { ...labels, unit: `${unit.name}` })}
        aria-invalid=${error ? "true" : "false"}
        aria-describedby=${described}
        .value=${cell ? number(cell.value).replace(/\s/g, "") : ""}
      />
      <input
        data-respondents
        class="respondents"
        inputmode="numeric"
        placeholder=${tf("fu.respondentsShort")}
        aria-label=${tf("fu.respondents", labels)}
        .value=${cell?.respondents != null ? String(cell.respondents) : ""}
      />
    </div>
    ${error ? html`<span class="error" id="err-${id}" role="alert">${error}</span>` : nothing} ${warning}
  </td>`;
}

export function indicatorGrid(view: GridView, i: Indicator, units: Unit[], occasions: Occasion[]) {
  const byCell = new Map(i.values.map((v) => [`${v.unitId} ${v.occasionId}`, v]));
  const comparison = new Map(
    compareWithBaseline(
      i.values,
      occasions,
      units.map((u) => u.id),
      i.direction,
    ).map((c) => [c.unitId, c]),
  );
  const caption = tf("fu.grid", { name: i.name });
  return html`<div class="grid-wrap" role="region" aria-label=${caption} tabindex="0">
    <table class="values">
      <caption class="sr-only">${caption}</caption>
      <thead>
        <tr>
          <th scope="col">${tf("fu.unitColumn")}</th>
          ${occasions.map(
            (o) => html`<th scope="col" class=${o.kind}>
              ${o.label}<br /><span class="muted">${tf(`fu.kind.${o.kind}`)}, ${formatDate(o.date)}</span>
            </th>`,
          )}
          <th scope="col">${tf("fu.change")}</th>
        </tr>
      </thead>
      <tbody>
        ${units.map((u) => {
          const c = comparison.get(u.id);
          return html`<tr>
            <th scope="row">${u.name}</th>
            ${occasions.map((o) => cellView(view, i, u, o, byCell.get(`${u.id} ${o.id}`)))}
            <td class="change ${c?.trend ?? ""}">
              ${c?.change != null ? html`${c.change > 0 ? "+" : ""}${number(c.change)} (${tf(`fu.trend.${c.trend ?? "same"}`)})` : "–"}
            </td>
          </tr>`;
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">${tf("fu.mean")}</th>
          ${occasions.map((o) => {
            const mean = occasionMean(i.values, o.id);
            return html`<td>${mean === null ? "–" : number(mean)}</td>`;
          })}
          <td></td>
        </tr>
      </tfoot>
    </table>
  </div>`;
}
