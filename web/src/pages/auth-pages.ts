/** First-run setup and sign-in. Both end with a SignedInEvent for the app root. */
import { html, LitElement, nothing } from "lit";
import { type AuthMethods, authMethods, oidcStart } from "../api/auth-methods.js";
import { post } from "../api/client.js";
import type { User } from "../api/types.js";
import { SignedInEvent } from "../events.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { pageStyles } from "../styles/shared.js";
import "./credentials-form.js";
import "./oidc-sign-in.js";

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
  static override properties = {
    next: { attribute: false },
    error: { attribute: false },
    methods: { state: true },
  };
  declare next: string | null;
  /** A sign-in through the provider the server turned back (oidc_…), shown with the button. */
  declare error: string | null;
  declare private methods: AuthMethods | null;

  constructor() {
    super();
    new LocaleController(this);
    this.next = null;
    this.error = null;
    this.methods = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    // Unknown (offline): the password form, as before there was a choice.
    this.methods = await authMethods().catch(() => ({ password: true, oidc: null }));
  }

  override render() {
    const m = this.methods;
    if (!m) return html`<h1 tabindex="-1">${t("signIn.title")}</h1><p role="status">${t("app.loading")}</p>`;
    const oidc = m.oidc
      ? html`<oidc-sign-in .label=${m.oidc.label} .href=${oidcStart(this.next)} .error=${this.error}></oidc-sign-in>`
      : nothing;
    if (!m.password) return html`<h1 tabindex="-1">${t("signIn.title")}</h1>${oidc}`;
    return html`<h1 tabindex="-1">${t("signIn.title")}</h1>
      ${oidc} ${m.oidc ? html`<h2>${t("oidc.orPassword")}</h2>` : nothing}
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
