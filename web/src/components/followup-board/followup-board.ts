/**
 * A follow-up board (uppföljning, issue 19): the organisational units and measuring occasions,
 * and each indicator with its range, target and method and its grid of values per unit and
 * occasion (indicator-grid.ts). Live like every board: values others enter show at once.
 * Everything is written through shared/boards/followup.ts; observers read.
 */
import { html, LitElement, nothing } from "lit";
import type * as Y from "yjs";
import type { BoardInputError } from "../../../../shared/boards/access.js";
import {
  addIndicator,
  addOccasion,
  addUnit,
  type FollowupContent,
  type Indicator,
  readFollowup,
  removeIndicator,
  removeOccasion,
  removeUnit,
  setFollowupDescription,
  updateIndicator,
} from "../../../../shared/boards/followup.js";
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_UNITS,
  type IndicatorDirection,
  type IndicatorUnit,
  OCCASION_KINDS,
  type OccasionKind,
} from "../../../../shared/boards/vocabulary.js";
import { get } from "../../api/client.js";
import type { Overview } from "../../api/types.js";
import { BoardController } from "../../collab/board-controller.js";
import { keepTyping } from "../../collab/keep-typing.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import { badgeStyles, formStyles, pageStyles, srOnly } from "../../styles/shared.js";
import { boardStatus, boardStatusStyles } from "../board-status/board-status.js";
import { dateField, formDate } from "../date-field/date-field.js";
import { followupStyles } from "./followup-styles.js";
import { tf } from "./followup-texts.js";
import { type GridView, indicatorGrid, rangeText, unitText } from "./indicator-grid.js";

interface Person {
  userId: string;
  name: string;
  organization: { id: string; name: string } | null;
}

const field = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
const optionalNumber = (text: string) => (text === "" ? null : Number(text.replace(",", ".")));

export class FollowupBoard extends LitElement {
  static override styles = [pageStyles, formStyles, boardStatusStyles, srOnly, badgeStyles, followupStyles];
  static override properties = {
    boardId: { attribute: false },
    canEdit: { attribute: false },
    userId: { attribute: false },
    members: { attribute: false },
    workspaceId: { attribute: false },
    goals: { state: true },
    focusAreas: { state: true },
    errors: { state: true },
    formError: { state: true },
  };
  declare boardId: string;
  declare canEdit: boolean;
  declare userId: string;
  declare members: Person[];
  declare workspaceId: string;
  /** The partnership's goals (from the plan's projection), for linking indicators to them. */
  declare private goals: Overview["goals"];
  /** The partnership's focus areas, for "Följer fokusområdet". */
  declare private focusAreas: Overview["focusAreas"];
  declare private errors: Map<string, string>;
  /** A refusal of the new-indicator form ("new") or of one indicator's edit form (its id). */
  declare private formError: { key: string; text: string } | null;
  private readonly live = new BoardController(this, () => this.boardId);

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.canEdit = false;
    this.userId = "";
    this.members = [];
    this.workspaceId = "";
    this.goals = [];
    this.errors = new Map();
    this.focusAreas = [];
    this.formError = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    queueMicrotask(() => void this.loadGoals());
  }

  private async loadGoals() {
    if (!this.workspaceId) return;
    try {
      const overview = await get<Overview>(`/api/workspaces/${this.workspaceId}/overview`);
      this.goals = overview.goals;
      this.focusAreas = overview.focusAreas;
    } catch (error) {
      console.error(error); // without them, indicators show no goal names; values still work
    }
  }

  private removeButton(name: string, remove: () => void) {
    if (!this.canEdit) return nothing;
    return html`<button type="button" class="remove" aria-label=${tf("fu.remove", { name })} @click=${() => {
      if (confirm(tf("fu.confirmRemove", { name }))) remove();
    }}>×</button>`;
  }

  private followedGoals(doc: Y.Doc, i: FollowupContent["indicators"][number]) {
    const named = i.goals
      .map((ref) => this.goals.find((g) => g.boardId === ref.boardId && g.id === ref.goalId)?.title)
      .filter((title): title is string => !!title);
    const free = this.goals.filter((g) => !i.goals.some((ref) => ref.boardId === g.boardId && ref.goalId === g.id));
    return html`${named.length ? html`<p class="muted">${tf("fu.follows")}: ${named.join("; ")}</p>` : nothing}
      ${
        this.canEdit && free.length
          ? html`<label class="follow">${tf("fu.followGoal")}
              <select @change=${(e: Event) => {
                const select = e.target as HTMLSelectElement;
                const goal = free.find((g) => `${g.boardId} ${g.id}` === select.value);
                if (goal)
                  updateIndicator(doc, i.id, { goals: [...i.goals, { boardId: goal.boardId, goalId: goal.id }] });
                select.value = "";
              }}>
                <option value="">${tf("fu.chooseGoal")}</option>
                ${free.map((g) => html`<option value="${g.boardId} ${g.id}">${g.title}</option>`)}
              </select></label
            >`
          : nothing
      }`;
  }

  /** The focus areas an indicator follows, and (for members) a list to add one. */
  private followedFocusAreas(doc: Y.Doc, i: FollowupContent["indicators"][number]) {
    const named = i.focusBoardIds
      .map((id) => this.focusAreas.find((f) => f.boardId === id)?.title)
      .filter((title): title is string => !!title);
    const free = this.focusAreas.filter((f) => !i.focusBoardIds.includes(f.boardId));
    return html`${named.length ? html`<p class="muted">${tf("fu.followsFocus")}: ${named.join("; ")}</p>` : nothing}
      ${
        this.canEdit && free.length
          ? html`<label class="follow">${tf("fu.followFocus")}
              <select @change=${(e: Event) => {
                const select = e.target as HTMLSelectElement;
                if (select.value) updateIndicator(doc, i.id, { focusBoardIds: [...i.focusBoardIds, select.value] });
                select.value = "";
              }}>
                <option value="">${tf("fu.chooseFocus")}</option>
                ${free.map((f) => html`<option value=${f.boardId}>${f.title}</option>`)}
              </select></label
            >`
          : nothing
      }`;
  }

  override render() {
    const board = this.live.board;
    if (!board || !this.live.ready) return html`<p role="status">${t("board.loading")}</p>`;
    const doc = board.doc;
    const content = readFollowup(doc);
    const view: GridView = {
      doc,
      canEdit: this.canEdit,
      userId: this.userId,
      names: new Map(this.members.map((m) => [m.userId, m.name])),
      errors: this.errors,
      setError: (id, message) => {
        const next = new Map(this.errors);
        if (message === null) next.delete(id);
        else next.set(id, message);
        this.errors = next;
      },
    };
    return html`${boardStatus(this.live)}
      ${this.canEdit ? nothing : html`<p class="card">${t("board.readOnly")}</p>`}
      <section aria-labelledby="fu-about">
        <h2 id="fu-about">${tf("fu.description")}</h2>
        ${
          this.canEdit
            ? html`<textarea aria-labelledby="fu-about" maxlength="2000" .value=${keepTyping(content.description)} @change=${(e: Event) => setFollowupDescription(doc, (e.target as HTMLTextAreaElement).value)}></textarea>`
            : html`<p>${content.description || "–"}</p>`
        }
        <p class="muted">${tf("fu.aggregated")}</p>
      </section>
      ${this.setup(doc, content)}
      <section aria-labelledby="fu-indicators">
        <h2 id="fu-indicators">${tf("fu.indicators")}</h2>
        ${content.indicators.length === 0 ? html`<p>${tf("fu.none")}</p>` : nothing}
        ${
          content.units.length === 0 || content.occasions.length === 0
            ? html`<p class="notice">${tf("fu.needSetup")}</p>`
            : nothing
        }
        ${content.indicators.map(
          (i) => html`<article class="card indicator" data-indicator=${i.id} aria-labelledby="ind-${i.id}">
            <h3 id="ind-${i.id}">
              ${i.name} ${i.example ? html`<span class="badge neutral">${tf("fu.example")}</span>` : nothing}
              ${this.removeButton(i.name, () => removeIndicator(doc, i.id))}
            </h3>
            <p class="facts">
              <span>${unitText(i)}</span>
              ${rangeText(i) ? html`<span>${rangeText(i)}</span>` : nothing}
              <span>${tf(`fu.better.${i.direction}`)}</span>
              ${i.target !== null ? html`<span>${tf("fu.targetIs", { target: i.target })}</span>` : nothing}
            </p>
            ${i.method ? html`<p class="muted">${tf("fu.method")}: ${i.method}</p>` : nothing}
            ${this.followedGoals(doc, i)}
            ${this.followedFocusAreas(doc, i)}
            ${this.canEdit ? this.editIndicator(doc, i) : nothing}
            ${content.units.length && content.occasions.length ? indicatorGrid(view, i, content.units, content.occasions) : nothing}
          </article>`,
        )}
        ${this.canEdit ? this.indicatorForm(doc) : nothing}
      </section>`;
  }

  private setup(doc: Y.Doc, content: FollowupContent) {
    const organizations = new Map(
      this.members.flatMap((m) => (m.organization ? [[m.organization.id, m.organization.name] as const] : [])),
    );
    const orgName = (id: string | null) => (id ? (organizations.get(id) ?? "") : "");
    return html`<div class="setup">
      <section aria-labelledby="fu-units">
        <h2 id="fu-units">${tf("fu.units")}</h2>
        ${
          content.units.length === 0
            ? html`<p>${tf("fu.none")}</p>`
            : html`<ul>
                ${content.units.map((u) => html`<li>${u.name}${orgName(u.organizationId) ? html` <span class="muted">(${orgName(u.organizationId)})</span>` : nothing} ${this.removeButton(u.name, () => removeUnit(doc, u.id))}</li>`)}
              </ul>`
        }
        ${
          this.canEdit
            ? html`<form class="inline" aria-label=${tf("fu.addUnit")} @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                const form = e.currentTarget as HTMLFormElement;
                if (!field(form, "name")) return;
                addUnit(doc, { name: field(form, "name"), organizationId: field(form, "organization") || null });
                form.reset();
              }}>
                <label>${tf("fu.unitName")} <input name="name" maxlength="200" required /></label>
                <label>${tf("fu.organization")}
                  <select name="organization">
                    <option value="">${tf("fu.noOrganization")}</option>
                    ${[...organizations].map(([id, name]) => html`<option value=${id}>${name}</option>`)}
                  </select>
                </label>
                <button type="submit">${tf("fu.addUnit")}</button>
              </form>`
            : nothing
        }
      </section>
      <section aria-labelledby="fu-occasions">
        <h2 id="fu-occasions">${tf("fu.occasions")}</h2>
        ${
          content.occasions.length === 0
            ? html`<p>${tf("fu.none")}</p>`
            : html`<ul>
                ${content.occasions.map((o) => html`<li>${o.label} <span class="muted">(${tf(`fu.kind.${o.kind}`)}, ${formatDate(o.date)})</span> ${this.removeButton(o.label, () => removeOccasion(doc, o.id))}</li>`)}
              </ul>`
        }
        ${
          this.canEdit
            ? html`<form class="inline" aria-label=${tf("fu.addOccasion")} @submit=${(e: SubmitEvent) => {
                e.preventDefault();
                const form = e.currentTarget as HTMLFormElement;
                const date = formDate(form, "date");
                if (date === null) return;
                try {
                  addOccasion(doc, {
                    label: field(form, "label"),
                    date,
                    kind: field(form, "kind") as OccasionKind,
                  });
                  form.reset();
                } catch {
                  // The fields' own checks (required, the date field's) say what is missing.
                }
              }}>
                <label>${tf("fu.occasionLabel")} <input name="label" maxlength="100" required /></label>
                <label>${tf("fu.occasionDate")} ${dateField({ name: "date", value: "", required: true })}</label>
                <label>${tf("fu.occasionKind")}
                  <select name="kind">${OCCASION_KINDS.map((k) => html`<option value=${k}>${tf(`fu.kind.${k}`)}</option>`)}</select>
                </label>
                <button type="submit">${tf("fu.addOccasion")}</button>
              </form>`
            : nothing
        }
      </section>
    </div>`;
  }

  /** The form for a new indicator, or — with `existing` — for changing one (name, unit, range, target, method). */
  private indicatorForm(doc: Y.Doc, existing?: Indicator) {
    const key = existing?.id ?? "new";
    const headingId = existing ? `fu-edit-${existing.id}` : "fu-new";
    const value = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));
    return html`<form class=${existing ? "edit-indicator" : "card new-indicator"} aria-labelledby=${headingId} @submit=${(
      e: SubmitEvent,
    ) => {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const numbers = ["min", "max", "target"].map((n) => optionalNumber(field(form, n)));
      if (numbers.some((n) => n !== null && Number.isNaN(n))) {
        this.formError = { key, text: tf("fu.notNumber") };
        return;
      }
      const [min, max, target] = numbers as (number | null)[];
      const fields = {
        name: field(form, "name"),
        unit: field(form, "unit") as IndicatorUnit,
        unitLabel: field(form, "unitLabel"),
        direction: field(form, "direction") as IndicatorDirection,
        min: min ?? null,
        max: max ?? null,
        target: target ?? null,
        method: field(form, "method"),
      };
      try {
        if (existing) updateIndicator(doc, existing.id, fields);
        else addIndicator(doc, fields);
      } catch (error) {
        const refused = error as BoardInputError;
        this.formError = {
          key,
          text: refused.issue?.code === "min_above_max" ? tf("fu.minAboveMax") : refused.message,
        };
        return;
      }
      this.formError = null;
      if (existing) (form.closest("details") as HTMLDetailsElement | null)?.removeAttribute("open");
      else form.reset();
    }}>
      ${existing ? nothing : html`<h3 id="fu-new">${tf("fu.addIndicator")}</h3>`}
      <div class="fields">
        <label>${tf("fu.name")} <input name="name" maxlength="200" required .value=${existing?.name ?? ""} /></label>
        <label>${tf("fu.unit")}
          <select name="unit">${INDICATOR_UNITS.map((u) => html`<option value=${u} ?selected=${u === existing?.unit}>${tf(`fu.unit.${u}`)}</option>`)}</select>
        </label>
        <label>${tf("fu.unitLabel")} <input name="unitLabel" maxlength="40" .value=${existing?.unitLabel ?? ""} /></label>
        <label>${tf("fu.direction")}
          <select name="direction">${INDICATOR_DIRECTIONS.map((d) => html`<option value=${d} ?selected=${d === existing?.direction}>${tf(`fu.direction.${d}`)}</option>`)}</select>
        </label>
        <label>${tf("fu.min")} <input name="min" inputmode="decimal" .value=${value(existing?.min)} /></label>
        <label>${tf("fu.max")} <input name="max" inputmode="decimal" .value=${value(existing?.max)} /></label>
        <label>${tf("fu.target")} <input name="target" inputmode="decimal" .value=${value(existing?.target)} /></label>
        <label class="wide">${tf("fu.method")} <input name="method" maxlength="1000" .value=${existing?.method ?? ""} /></label>
      </div>
      ${this.formError && this.formError.key === key ? html`<p class="error" role="alert">${this.formError.text}</p>` : nothing}
      <button type="submit">${existing ? tf("fu.saveIndicator") : tf("fu.addIndicator")}</button>
    </form>`;
  }

  /** "Ändra indikatorn": the same form, filled in, folded away until opened. */
  private editIndicator(doc: Y.Doc, i: Indicator) {
    return html`<details class="edit">
      <summary id="fu-edit-${i.id}">${tf("fu.editIndicator")}<span class="sr-only">: ${i.name}</span></summary>
      ${this.indicatorForm(doc, i)}
    </details>`;
  }
}

customElements.define("followup-board", FollowupBoard);
