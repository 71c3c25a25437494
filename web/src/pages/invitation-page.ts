/**
 * An invitation link: which partnership and role it is for. Whoever is signed in as the invited
 * address accepts or declines; someone signed out may sign in to accept, create an account, or
 * decline. The page never learns whether an account has the address (the server does not say).
 */
import { html, LitElement, nothing } from "lit";
import { type AuthMethods, authMethods, oidcStart } from "../api/auth-methods.js";
import { ApiError, get, post } from "../api/client.js";
import type { InvitationPreview, User } from "../api/types.js";
import { SignedInEvent } from "../events.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import "./credentials-form.js";
import "./oidc-sign-in.js";
import { tc } from "./consent-texts.js";

export class InvitationPage extends LitElement {
  static override styles = [pageStyles, formStyles];
  static override properties = {
    token: { attribute: false },
    user: { attribute: false },
    preview: { state: true },
    problem: { state: true },
    declined: { state: true },
    busy: { state: true },
    methods: { state: true },
  };
  declare token: string;
  declare user: User | null;
  declare private preview: InvitationPreview | null;
  declare private problem: string | null;
  declare private declined: boolean;
  declare private busy: boolean;
  declare private methods: AuthMethods | null;

  constructor() {
    super();
    new LocaleController(this);
    this.token = "";
    this.user = null;
    this.preview = null;
    this.problem = null;
    this.declined = false;
    this.busy = false;
    this.methods = null;
  }

  private get path() {
    return `/api/invitations/${encodeURIComponent(this.token)}`;
  }

  override async connectedCallback() {
    super.connectedCallback();
    void authMethods()
      .then((m) => {
        this.methods = m;
      })
      .catch(() => {});
    try {
      this.preview = (await get<{ invitation: InvitationPreview }>(this.path)).invitation;
    } catch (error) {
      this.problem = this.describe(error);
    }
  }

  private describe(error: unknown): string {
    if (error instanceof ApiError && (error.status === 404 || error.status === 410)) return t("invitation.gone");
    if (error instanceof ApiError && error.code === "account_exists") return tc("consent.accountExists");
    return (error as Error).message;
  }

  private async accept(values: { name?: string; password?: string }) {
    const result = await post<{ user: User; workspaceId: string }>(`${this.path}/accept`, values);
    this.dispatchEvent(new SignedInEvent(result.user, paths.workspace(result.workspaceId)));
  }

  private async decline() {
    this.busy = true;
    try {
      await post(`${this.path}/decline`, {});
      this.declined = true;
    } catch (error) {
      this.problem = this.describe(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const title = html`<h1 tabindex="-1">${t("invitation.title")}</h1>`;
    if (this.declined) return html`${title}<p role="status">${tc("consent.declined")}</p>`;
    if (this.problem) return html`${title}<p role="alert">${this.problem}</p>`;
    const p = this.preview;
    if (!p) return html`<p role="status">${t("app.loading")}</p>`;
    const intro = t("invitation.intro", { workspace: p.workspaceName, role: t(`role.${p.role}`) });
    const decline = html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.decline()}>
      ${tc("consent.decline")}
    </button>`;
    const head = html`${title}
      <p>${intro}</p>
      <p class="muted">${tc("consent.invitationFor", { email: p.email })}</p>`;
    if (this.user) {
      if (this.user.email !== p.email)
        return html`${head}<p role="alert">${tc("consent.wrongAccount", { email: p.email, current: this.user.email })}</p>`;
      return html`${head}
        <credentials-form
          .fields=${[]}
          .submitLabel=${tc("consent.accept")}
          .describe=${(e: ApiError) => this.describe(e)}
          .submit=${() => this.accept({})}
        ></credentials-form>
        <p>${decline}</p>`;
    }
    const m = this.methods;
    const viaOidc = m?.oidc
      ? html`<p>${t("oidc.acceptIntro")}</p>
          <oidc-sign-in
            .label=${m.oidc.label}
            .href=${oidcStart(null, this.token)}
            .text=${t("oidc.acceptWith", { label: m.oidc.label })}
          ></oidc-sign-in>`
      : nothing;
    // LOCAL_PASSWORDS=false: no password account to sign in with or to create.
    if (m && !m.password) return html`${head}${viaOidc}<p>${decline}</p>`;
    return html`${head}${viaOidc}
      <p>${tc("consent.haveAccount")}</p>
      <p><a href=${paths.signIn(location.pathname)}>${tc("consent.signInToAccept")}</a></p>
      <h2>${tc("consent.newAccountTitle")}</h2>
      <p>${tc("consent.newAccount", { email: p.email })}</p>
      <credentials-form
        .fields=${["name", "password"]}
        new-password
        .submitLabel=${t("invitation.accept")}
        .describe=${(e: ApiError) => this.describe(e)}
        .submit=${(values: { name: string; password: string }) => this.accept(values)}
      ></credentials-form>
      <p>${decline}</p>`;
  }
}

customElements.define("invitation-page", InvitationPage);
