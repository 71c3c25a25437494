/**
 * Accepting an invitation link: shows which partnership and role it is for; a new person chooses
 * a name and password, someone with an account signs in first (as the invited address) and joins.
 */
import { html, LitElement } from "lit";
import { ApiError, get, post } from "../api/client.js";
import type { InvitationPreview, User } from "../api/types.js";
import { SignedInEvent } from "../events.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import "./credentials-form.js";

export class InvitationPage extends LitElement {
  static override styles = [pageStyles, formStyles];
  static override properties = {
    token: { attribute: false },
    user: { attribute: false },
    preview: { state: true },
    problem: { state: true },
  };
  declare token: string;
  declare user: User | null;
  declare private preview: InvitationPreview | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.token = "";
    this.user = null;
    this.preview = null;
    this.problem = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.preview = (
        await get<{ invitation: InvitationPreview }>(`/api/invitations/${encodeURIComponent(this.token)}`)
      ).invitation;
    } catch (error) {
      this.problem =
        error instanceof ApiError && (error.status === 404 || error.status === 410)
          ? t("invitation.gone")
          : (error as Error).message;
    }
  }

  override render() {
    if (this.problem) return html`<h1 tabindex="-1">${t("invitation.title")}</h1><p role="alert">${this.problem}</p>`;
    const p = this.preview;
    if (!p) return html`<p role="status">${t("app.loading")}</p>`;
    const intro = t("invitation.intro", { workspace: p.workspaceName, role: t(`role.${p.role}`) });
    const accept = async (values: { name?: string; password?: string }) => {
      const result = await post<{ user: User; workspaceId: string }>(
        `/api/invitations/${encodeURIComponent(this.token)}/accept`,
        values,
      );
      this.dispatchEvent(new SignedInEvent(result.user, paths.workspace(result.workspaceId)));
    };
    return html`<h1 tabindex="-1">${t("invitation.title")}</h1>
      <p>${intro}</p>
      ${
        p.accountExists
          ? this.user
            ? html`<credentials-form .fields=${[]} .submitLabel=${t("invitation.accept")} .submit=${() => accept({})}></credentials-form>`
            : html`<p><a href=${paths.signIn(location.pathname)}>${t("signIn.title")}</a> (${p.email})</p>`
          : html`<p>${t("invitation.newAccount")}</p>
              <credentials-form
                .fields=${["name", "password"]}
                new-password
                .submitLabel=${t("invitation.accept")}
                .submit=${accept}
              ></credentials-form>`
      }
`;
  }
}

customElements.define("invitation-page", InvitationPage);
