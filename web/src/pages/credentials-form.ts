/**
 * The form of the setup, sign-in and invitation pages: labelled fields, autocomplete hints, the
 * server's refusal shown as an alert and the failing fields marked. Submits a plain object.
 */
import { html, LitElement, nothing } from "lit";
import { ApiError } from "../api/client.js";
import { LocaleController, t } from "../i18n/i18n.js";
import type { MessageKey } from "../i18n/sv.js";
import { formStyles } from "../styles/shared.js";

export type Field = "email" | "name" | "password";
const AUTOCOMPLETE: Record<Field, string> = { email: "username", name: "name", password: "current-password" };
const TYPE: Record<Field, string> = { email: "email", name: "text", password: "password" };
const LABEL: Record<Field, MessageKey> = { email: "form.email", name: "form.name", password: "form.password" };
/** What a field the server refused must hold, in the reader's language (the server's words are English). */
const RULE: Record<Field, MessageKey> = {
  email: "form.invalid.email",
  name: "form.invalid.name",
  password: "form.invalid.password",
};

export class CredentialsForm extends LitElement {
  static override styles = formStyles;
  static override properties = {
    fields: { attribute: false },
    submitLabel: { attribute: false },
    newPassword: { type: Boolean, attribute: "new-password" },
    submit: { attribute: false },
    describe: { attribute: false },
    busy: { state: true },
    error: { state: true },
    invalid: { state: true },
  };

  declare fields: Field[];
  declare submitLabel: string;
  /** A new password (setup, new account): shows the rule and asks the browser for a new one. */
  declare newPassword: boolean;
  declare submit: (values: Record<Field, string>) => Promise<void>;
  /** Turns an error into the text to show (e.g. a friendlier sign-in failure). */
  declare describe: (error: ApiError) => string;
  declare private busy: boolean;
  declare private error: string | null;
  declare private invalid: Partial<Record<Field, string>>;

  constructor() {
    super();
    new LocaleController(this);
    this.fields = ["email", "password"];
    this.submitLabel = "";
    this.newPassword = false;
    this.submit = async () => {};
    this.describe = (error) => error.message;
    this.busy = false;
    this.error = null;
    this.invalid = {};
  }

  override render() {
    return html`<form @submit=${this.onSubmit} novalidate>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${this.fields.map((field) => {
        const problem = this.invalid[field];
        const hint = field === "password" && this.newPassword ? t("form.passwordHint") : null;
        const described = [hint ? `${field}-hint` : "", problem ? `${field}-error` : ""].filter(Boolean).join(" ");
        return html`<label
          >${t(LABEL[field])}
          ${hint ? html`<span class="hint" id="${field}-hint">${hint}</span>` : nothing}
          <input
            name=${field}
            type=${TYPE[field]}
            autocomplete=${field === "password" && this.newPassword ? "new-password" : AUTOCOMPLETE[field]}
            required
            minlength=${field === "password" && this.newPassword ? 8 : 1}
            aria-invalid=${problem ? "true" : "false"}
            aria-describedby=${described || nothing}
            @input=${() => this.fixed(field)}
          />
          ${problem ? html`<span class="field-error" id="${field}-error">${problem}</span>` : nothing}
        </label>`;
      })}
      <button type="submit" ?disabled=${this.busy}>${this.submitLabel}</button>
    </form>`;
  }

  /** The person changed a field marked as wrong: its message goes until the form is sent again. */
  private fixed(field: Field) {
    if (!(field in this.invalid)) return;
    const { [field]: _gone, ...rest } = this.invalid;
    this.invalid = rest;
    if (Object.keys(rest).length === 0) this.error = null;
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const values = Object.fromEntries(
      this.fields.map((f) => [f, (form.elements.namedItem(f) as HTMLInputElement).value]),
    ) as Record<Field, string>;
    const missing = this.fields.filter((f) => values[f].trim() === "");
    if (missing.length > 0) {
      this.invalid = Object.fromEntries(missing.map((f) => [f, t("form.required")]));
      this.error = null;
      (form.elements.namedItem(missing[0] as string) as HTMLInputElement).focus();
      return;
    }
    this.busy = true;
    this.error = null;
    this.invalid = {};
    try {
      await this.submit(values);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, "unknown", String(error));
      const fields = (apiError.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
      const refused = this.fields.filter((f) => f in fields);
      // A refused field says in the reader's words what it must hold; an identity number says so.
      const why = (f: Field) => t(apiError.code === "identity_number" ? "error.identityNumber" : RULE[f]);
      this.invalid = Object.fromEntries(refused.map((f) => [f, why(f)]));
      this.error =
        apiError.code === "validation_failed" && refused.length > 0 ? t("form.fixFields") : this.describe(apiError);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role="alert"]')?.focus();
    } finally {
      this.busy = false;
    }
  }
}

customElements.define("credentials-form", CredentialsForm);
