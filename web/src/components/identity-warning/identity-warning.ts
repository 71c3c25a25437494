/**
 * The patient-identity warning (issue 23), for every text field in the app: while someone types
 * what looks like a personnummer it says that such numbers must not be stored and offers to
 * remove it; once the number is complete it is replaced with the placeholder at once (before the
 * field's own handler can save it), and the warning says so. The
 * rich-text editor removes complete numbers itself and says so with an IdentityNumberEvent.
 * The server never stores one either way; this is so that people learn why, as they type.
 */
import { css, html, LitElement, nothing } from "lit";
import { identityNumberInProgress, withoutIdentityNumbers } from "../../../../shared/text/identity-numbers.js";
import { IdentityNumberEvent } from "../../events.js";
import { LocaleController, t } from "../../i18n/i18n.js";

export type TextField = HTMLInputElement | HTMLTextAreaElement;

export function textFieldOf(event: Event): TextField | null {
  const target = event.composedPath()[0];
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && ["text", "search", ""].includes(target.type)) return target;
  return null;
}

export class IdentityWarning extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      inset: auto 1rem 1rem 1rem;
      z-index: 1000;
      display: flex;
      justify-content: center;
      pointer-events: none;
    }
    .box {
      pointer-events: auto;
      max-width: 40rem;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2) var(--space-4);
      padding: var(--space-3) var(--space-4);
      border: 2px solid var(--color-warning);
      border-radius: var(--radius);
      background: var(--color-warning-soft);
      color: #3d2600;
      box-shadow: var(--shadow-float);
    }
    p {
      margin: 0;
      flex: 1 1 16rem;
    }
    button {
      font: inherit;
      min-height: var(--touch);
      padding: 0 var(--space-3);
      border: 1px solid #3d2600;
      border-radius: var(--radius);
      background: var(--color-surface-raised);
      color: #3d2600;
      cursor: pointer;
    }
    button:focus-visible {
      outline: var(--focus-ring);
      outline-offset: 2px;
    }
  `;
  static override properties = { state: { state: true } };
  declare state: "hidden" | "typing" | "removed";
  /** The field the warning is about, while someone types in it. */
  field: TextField | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.state = "hidden";
  }

  /** Takes the number (or what is typed of it) out of the field, as if the person had deleted it. */
  private removeNumber() {
    const field = this.field;
    if (!field) return;
    const span = identityNumberInProgress(field.value);
    if (span) {
      field.value = (field.value.slice(0, span.start) + field.value.slice(span.end)).replace(/\s{2,}/g, " ").trimEnd();
      field.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    }
    field.focus();
    this.field = null;
    this.state = "hidden";
  }

  override render() {
    if (this.state === "hidden") return html`<div role="status"></div>`;
    return html`<div class="box" role="status">
      <p>${t(this.state === "typing" ? "identity.typing" : "identity.removed")}</p>
      ${
        this.state === "typing" && this.field
          ? html`<button type="button" @mousedown=${(e: Event) => e.preventDefault()} @click=${this.removeNumber}>${t("identity.remove")}</button>`
          : nothing
      }
      <button type="button" @click=${() => {
        this.state = "hidden";
      }}>${t("identity.dismiss")}</button>
    </div>`;
  }
}

customElements.define("identity-warning", IdentityWarning);

// One warning for the page, listening from the start. It is placed where it can be seen and used:
// inside the open modal dialog the field is in (everything outside a modal dialog is inert), else
// at the end of the body — and created again if a dialog it was in has left the page.
let view: IdentityWarning | null = null;

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function modalDialogOf(element: Element | null): HTMLDialogElement | null {
  for (let node: Node | null = element; node; ) {
    if (node instanceof HTMLDialogElement && node.open && node.matches(":modal")) return node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

function show(state: "hidden" | "typing" | "removed", field: TextField | null) {
  if (state === "hidden" && !view) return;
  view ??= document.createElement("identity-warning") as IdentityWarning;
  const host = modalDialogOf(field ?? deepActiveElement()) ?? document.body;
  if (state !== "hidden" && view.parentNode !== host) host.append(view);
  view.field = field;
  view.state = state;
}

/**
 * A text field after a keystroke: a complete number is replaced at once, as in rich text, before
 * the field's own handler saves it; one being typed shows the warning.
 */
export function inspectField(field: TextField): void {
  const cleaned = withoutIdentityNumbers(field.value);
  if (cleaned !== field.value) {
    const caret = (field.selectionEnd ?? field.value.length) + cleaned.length - field.value.length;
    field.value = cleaned;
    field.setSelectionRange(caret, caret);
    show("removed", field);
  } else if (identityNumberInProgress(field.value)) show("typing", field);
  else if (view?.state === "typing") show("hidden", null);
}

// Every keystroke in a text field (input events cross shadow roots; change events do not).
window.addEventListener(
  "input",
  (event) => {
    const field = textFieldOf(event);
    if (field) inspectField(field);
  },
  true,
);

// The rich-text editor removes complete numbers itself; it tells what it sees.
window.addEventListener(IdentityNumberEvent.type, (event) => {
  if (event.state === "removed") show("removed", null);
  else if (event.state === "typing") show("typing", null);
  else if (view?.state === "typing") show("hidden", null);
});
