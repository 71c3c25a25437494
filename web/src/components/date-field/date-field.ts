/**
 * Date and date-with-time fields written the Swedish way (ÅÅÅÅ-MM-DD, 24-hour clock) whatever the
 * browser's language, with a calendar button that opens the browser's own picker. They render into
 * the caller's template (no shadow root of their own), so a wrapping <label> names the text field,
 * forms read it by name, and tests fill it like any input. A value that is not a date says so
 * beside the field and is not saved; the message goes as soon as the text is a date. Their styles
 * are part of the shared form styles (styles/shared.ts).
 */
import { type ElementPart, html, noChange, nothing } from "lit";
import { Directive, directive } from "lit/directive.js";
import { readTypedDate, readTypedDateTime, showDateTime } from "../../../../shared/time/typed-dates.js";
import { t } from "../../i18n/i18n.js";

type Kind = "date" | "datetime";

export interface DateFieldOptions {
  /** Stored form: "YYYY-MM-DD" for a date, "YYYY-MM-DDTHH:mm" for a date with time; "" for none. */
  value: string;
  /** Called with the stored form ("" when emptied) once the text is a date (on change, or from the calendar). */
  onChange?: (value: string) => void;
  name?: string;
  required?: boolean;
  describedBy?: string;
  invalid?: boolean;
}

const read = (kind: Kind, text: string) => (kind === "date" ? readTypedDate(text) : readTypedDateTime(text));
const shown = (kind: Kind, value: string) => (kind === "date" ? value : showDateTime(value));

function parts(input: HTMLInputElement) {
  const box = input.closest(".date-field") as HTMLElement;
  return {
    native: box.querySelector<HTMLInputElement>("input.native") as HTMLInputElement,
    error: box.querySelector<HTMLElement>(".date-error") as HTMLElement,
  };
}

/**
 * The field's name is its label's own words. A wrapping <label> would also lend it the calendar
 * button's ("Klart senast Välj datum"), so the words are read once the label is rendered and given
 * to the text field; without a wrapping label the field keeps whatever names it.
 */
function nameFromLabel(input: Element | undefined) {
  if (!(input instanceof HTMLInputElement)) return;
  queueMicrotask(() => {
    const label = input.closest("label");
    const box = input.closest(".date-field");
    if (!label || !box) return;
    let words = "";
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const hidden = node.parentElement?.closest("[hidden], [aria-hidden='true']");
      if (!box.contains(node) && !(hidden && label.contains(hidden))) words += node.textContent;
    }
    const name = words.replace(/\s+/g, " ").trim();
    if (name) input.setAttribute("aria-label", name);
    else input.removeAttribute("aria-label");
  });
}

/** Runs nameFromLabel at every render (a language switch renews the label's words). */
const namedByLabel = directive(
  class extends Directive {
    render() {
      return noChange;
    }
    override update(part: ElementPart) {
      nameFromLabel(part.element);
      return noChange;
    }
  },
);

function mark(input: HTMLInputElement, problem: string | null) {
  const { error } = parts(input);
  input.setCustomValidity(problem ?? "");
  input.setAttribute("aria-invalid", problem ? "true" : "false");
  error.textContent = problem ?? "";
  error.hidden = !problem;
}

/** Reads the typed text; a date is written back in the Swedish form and handed on. */
function commit(kind: Kind, input: HTMLInputElement, onChange?: (value: string) => void) {
  const text = input.value.trim();
  if (text === "") {
    mark(input, null);
    onChange?.("");
    return;
  }
  const value = read(kind, text);
  if (!value) {
    mark(input, t(kind === "date" ? "date.invalid" : "dateTime.invalid"));
    return;
  }
  input.value = shown(kind, value);
  mark(input, null);
  onChange?.(value);
}

function field(kind: Kind, o: DateFieldOptions) {
  const errorId = `date-error-${Math.random().toString(36).slice(2, 9)}`;
  const onInput = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    // Fixed: the message goes at once, not when the field is left.
    if (input.getAttribute("aria-invalid") === "true" && (input.value.trim() === "" || read(kind, input.value)))
      mark(input, null);
  };
  const pick = (e: Event) => {
    const button = e.currentTarget as HTMLElement;
    const input = button.parentElement?.querySelector<HTMLInputElement>("input.typed") as HTMLInputElement;
    const { native } = parts(input);
    native.value = read(kind, input.value) ?? "";
    try {
      native.showPicker();
    } catch {
      // No picker (an old browser): typing still works.
      input.focus();
    }
  };
  const picked = (e: Event) => {
    const native = e.currentTarget as HTMLInputElement;
    const input = native.parentElement?.querySelector<HTMLInputElement>("input.typed") as HTMLInputElement;
    if (!native.value) return;
    input.value = shown(kind, native.value.slice(0, kind === "date" ? 10 : 16));
    commit(kind, input, o.onChange);
  };
  const describedBy = [o.describedBy, errorId].filter(Boolean).join(" ");
  return html`<span class="date-field">
    <span class="date-row">
      <input
        class="typed"
        type="text"
        name=${o.name ?? nothing}
        inputmode="numeric"
        autocomplete="off"
        spellcheck="false"
        placeholder=${t(kind === "date" ? "date.placeholder" : "dateTime.placeholder")}
        size=${kind === "date" ? 11 : 17}
        ?required=${o.required ?? false}
        aria-invalid=${o.invalid ? "true" : "false"}
        aria-describedby=${describedBy}
        .value=${o.value ? shown(kind, o.value) : ""}
        @input=${onInput}
        ${namedByLabel()}
        @change=${(e: Event) => commit(kind, e.currentTarget as HTMLInputElement, o.onChange)}
      />
      <button type="button" class="pick" aria-label=${t("date.pick")} title=${t("date.pick")} @click=${pick}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2H7zm-2 8h14v10H5V10z" />
        </svg>
      </button>
      <input class="native" type=${kind === "date" ? "date" : "datetime-local"} tabindex="-1" aria-hidden="true" @change=${picked} />
    </span>
    <span class="date-error field-error" id=${errorId} role="status" hidden></span>
  </span>`;
}

export const dateField = (o: DateFieldOptions) => field("date", o);

/**
 * A date field's value in a form that is read on submit, in the stored form: "YYYY-MM-DD", "" when
 * the field is empty, null when the text is not a date (the field then says so and takes the focus).
 * The field normally rewrites a date when it is left, but a form can be sent before that happens.
 */
export function formDate(form: HTMLFormElement, name: string): string | null {
  const input = form.elements.namedItem(name) as HTMLInputElement | null;
  const text = input?.value.trim() ?? "";
  if (!input || text === "") return "";
  const value = readTypedDate(text);
  if (!value) {
    mark(input, t("date.invalid"));
    input.focus();
  }
  return value;
}
export const dateTimeField = (o: DateFieldOptions) => field("datetime", o);
