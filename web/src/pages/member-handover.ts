/**
 * Handing a person's open actions to another member: the panel shown when a convener removes
 * someone who owns open actions (with the removal), and the row for a former member who still
 * owns some. It only asks; the members page makes the calls and reloads.
 */
import { css, html, LitElement, nothing } from "lit";
import { LocaleController } from "../i18n/i18n.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { tc } from "./consent-texts.js";

/** "1 öppen aktivitet", "3 öppna aktiviteter". */
export function openActions(count: number): string {
  return count === 1 ? tc("consent.openActions.one") : tc("consent.openActions.other", { count });
}

export interface Person {
  userId: string;
  name: string;
}

/** Fired with the chosen member's id, or null for "nobody". */
export class HandOverEvent extends Event {
  static readonly type = "hand-over";
  constructor(readonly to: string | null) {
    super(HandOverEvent.type, { bubbles: true, composed: true });
  }
}

export class MemberHandover extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    css`
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-2);
      }
      h2 {
        margin-top: 0;
      }
    `,
  ];
  static override properties = {
    person: { attribute: false },
    count: { attribute: false },
    candidates: { attribute: false },
    removal: { type: Boolean },
    busy: { type: Boolean },
  };
  declare person: Person;
  declare count: number;
  /** Members who may take the actions over (never the person themselves). */
  declare candidates: Person[];
  /** Part of removing the person (else: handing over a former member's actions). */
  declare removal: boolean;
  declare busy: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.person = { userId: "", name: "" };
    this.count = 0;
    this.candidates = [];
    this.removal = false;
    this.busy = false;
  }

  /** Moves focus to the panel's heading, so a keyboard or screen-reader user lands on the question. */
  focusHeading() {
    this.renderRoot.querySelector<HTMLElement>("h2")?.focus();
  }

  override render() {
    const { name, userId } = this.person;
    const id = `handover-${userId}`;
    const submit = (e: SubmitEvent) => {
      e.preventDefault();
      const value = ((e.currentTarget as HTMLFormElement).elements.namedItem("to") as HTMLSelectElement).value;
      this.dispatchEvent(new HandOverEvent(value === "" ? null : value));
    };
    return html`<form @submit=${submit} aria-labelledby=${this.removal ? `${id}-title` : nothing}>
      ${this.removal ? html`<h2 id="${id}-title" tabindex="-1">${tc("consent.removeTitle", { name })}</h2>` : nothing}
      <p>${this.removal ? tc("consent.hasOpenActions", { name, actions: openActions(this.count) }) : html`<strong>${name}</strong>: ${openActions(this.count)}`}</p>
      <label
        >${tc("consent.handOverTo")}
        <select name="to" aria-label="${tc("consent.handOverTo")}: ${name}">
          ${this.candidates.map((c) => html`<option value=${c.userId}>${c.name}</option>`)}
          <option value="">${tc("consent.nobody")}</option>
        </select></label
      >
      <div class="buttons">
        <button type="submit" class=${this.removal ? "danger" : ""} ?disabled=${this.busy}>
          ${this.removal ? tc("consent.removeConfirm", { name }) : tc("consent.handOver")}
        </button>
        ${
          this.removal
            ? html`<button type="button" class="secondary" @click=${() => this.dispatchEvent(new Event("cancel"))}>
                ${tc("consent.cancel")}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }
}

customElements.define("member-handover", MemberHandover);
