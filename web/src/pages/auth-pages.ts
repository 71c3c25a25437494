/** First-run setup and sign-in. Both end with a SignedInEvent for the app root. */
import { html, LitElement } from "lit";
import { post } from "../api/client.js";
import type { User } from "../api/types.js";
import { SignedInEvent } from "../events.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { pageStyles } from "../styles/shared.js";
import "./credentials-form.js";

export class SetupPage extends LitElement {
  static override styles = pageStyles;

  constructor() {
    super();
    new LocaleController(this);
  }

  override render() {
    return html`<h1 tabindex="-1">${t("setup.title")}</h1>
      <p>${t("setup.intro")}</p>
      <credentials-form
        .fields=${["name", "email", "password"]}
        new-password
        .submitLabel=${t("setup.submit")}
        .submit=${async (values: { email: string; name: string; password: string }) => {
          const { user } = await post<{ user: User }>("/api/auth/setup", values);
          // The instance is empty: the admin goes on to set up the first partnership, not to an empty home page.
          this.dispatchEvent(new SignedInEvent(user, paths.admin("new-partnership")));
        }}
      ></credentials-form>`;
  }
}

export class SignInPage extends LitElement {
  static override styles = pageStyles;
  static override properties = { next: { attribute: false } };
  declare next: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.next = null;
  }

  override render() {
    return html`<h1 tabindex="-1">${t("signIn.title")}</h1>
      <credentials-form
        .submitLabel=${t("signIn.submit")}
        .describe=${(error: { code: string; message: string }) =>
          error.code === "invalid_credentials" ? t("signIn.failed") : error.message}
        .submit=${async (values: { email: string; password: string }) => {
          const { user } = await post<{ user: User }>("/api/auth/login", values);
          this.dispatchEvent(new SignedInEvent(user, this.next ?? "/"));
        }}
      ></credentials-form>`;
  }
}

customElements.define("setup-page", SetupPage);
customElements.define("sign-in-page", SignInPage);
