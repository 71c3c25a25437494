/**
 * The "Logga in med <organisation>" link of the sign-in and invitation pages: a full page load to
 * the server, which sends the browser on to the identity provider. Also the message for a
 * sign-in the server turned back (/sign-in?error=oidc_…).
 */
import { css, html, LitElement, nothing } from "lit";
import { LocaleController, t } from "../i18n/i18n.js";
import { OIDC_ERRORS, type OidcError } from "../i18n/oidc.js";
import { formStyles, pageStyles } from "../styles/shared.js";

export function isOidcError(code: string | null): code is OidcError {
  return OIDC_ERRORS.includes(code as OidcError);
}

export class OidcSignIn extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    css`
      a.button {
        display: inline-flex;
        align-items: center;
        min-height: var(--touch);
        padding: 0 1.25rem;
        border-radius: var(--radius);
        border: 1px solid var(--color-primary);
        background: var(--color-primary);
        color: var(--color-primary-text);
        text-decoration: none;
        font-weight: var(--weight-strong);
      }
    `,
  ];
  static override properties = {
    label: { attribute: false },
    href: { attribute: false },
    text: { attribute: false },
    error: { attribute: false },
  };
  declare label: string;
  declare href: string;
  /** The link's text; "Logga in med <label>" unless given. */
  declare text: string | null;
  declare error: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.label = "";
    this.href = "";
    this.text = null;
    this.error = null;
  }

  override render() {
    const error = isOidcError(this.error) ? t(`oidc.error.${this.error}`, { label: this.label }) : null;
    // target=_self: the app's link interception leaves it alone, so the browser really goes there.
    return html`${error ? html`<p role="alert">${error}</p>` : nothing}
      <p><a class="button" href=${this.href} target="_self">${this.text ?? t("oidc.signInWith", { label: this.label })}</a></p>`;
  }
}

customElements.define("oidc-sign-in", OidcSignIn);
