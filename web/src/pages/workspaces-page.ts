/** The partnerships the signed-in person belongs to, with their role in each, and invitations waiting for their answer. */
import { css, html, LitElement, nothing } from "lit";
import { get, post } from "../api/client.js";
import type { MyInvitation, Workspace } from "../api/types.js";
import { formatDate, LocaleController, t } from "../i18n/i18n.js";
import { keepOnDevice, missingOffline } from "../offline/device-store.js";
import { navigate, paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { tc } from "./consent-texts.js";
import { tr } from "./records-texts.js";

export class WorkspacesPage extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    css`
      .answers {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-2);
        margin: var(--space-2) 0 0;
      }
    `,
  ];
  static override properties = {
    isAdmin: { attribute: false },
    workspaces: { state: true },
    invitations: { state: true },
    problem: { state: true },
    answerProblem: { state: true },
    notice: { state: true },
  };
  /** The instance admin also gets the instance's händelselogg. */
  declare isAdmin: boolean;
  declare private workspaces: Workspace[] | null;
  declare private invitations: MyInvitation[];
  declare private problem: string | null;
  declare private answerProblem: string | null;
  declare private notice: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.isAdmin = false;
    this.workspaces = null;
    this.invitations = [];
    this.problem = null;
    this.answerProblem = null;
    this.notice = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    void this.loadInvitations();
    try {
      this.workspaces = (await get<{ workspaces: Workspace[] }>("/api/workspaces")).workspaces;
      keepOnDevice(["/api/workspaces"]);
    } catch (error) {
      this.problem = missingOffline(error) ? t("offline.pageMissing") : (error as Error).message;
    }
  }

  /** Invitations are extra: offline, or on any failure, the page simply shows none. */
  private async loadInvitations() {
    try {
      this.invitations = (await get<{ invitations: MyInvitation[] }>("/api/me/invitations")).invitations;
    } catch {
      this.invitations = [];
    }
  }

  private async answer(invitation: MyInvitation, accept: boolean) {
    this.answerProblem = null;
    this.notice = null;
    try {
      if (accept) {
        const joined = await post<{ workspaceId: string }>(`/api/me/invitations/${invitation.id}/accept`, {});
        navigate(paths.workspace(joined.workspaceId));
        return;
      }
      await post(`/api/me/invitations/${invitation.id}/decline`, {});
      this.notice = tc("consent.declined");
    } catch (error) {
      this.answerProblem = (error as Error).message;
    }
    await this.loadInvitations();
  }

  private get showInvitations(): boolean {
    return this.invitations.length > 0 || this.notice !== null || this.answerProblem !== null;
  }

  private invitationsSection() {
    if (!this.showInvitations) return nothing;
    return html`<section aria-labelledby="my-invitations">
      <h2 id="my-invitations">${tc("consent.myInvitations")}</h2>
      ${this.answerProblem ? html`<p role="alert">${this.answerProblem}</p>` : nothing}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      <ul class="plain">
        ${this.invitations.map(
          (i) => html`<li class="card">
            <strong>${i.workspaceName}</strong>
            <div>${tc("consent.invitedTo", { role: t(`role.${i.role}`), organization: i.organizationName })}</div>
            <div class="muted">
              ${i.invitedBy ? html`${tc("consent.invitedBy", { name: i.invitedBy })} · ` : nothing}
              ${t("members.expires", { date: formatDate(i.expiresAt) })}
            </div>
            <p class="answers">
              <button
                type="button"
                aria-label=${tc("consent.acceptLabel", { workspace: i.workspaceName })}
                @click=${() => this.answer(i, true)}
              >
                ${tc("consent.accept")}
              </button>
              <button
                type="button"
                class="secondary"
                aria-label=${tc("consent.declineLabel", { workspace: i.workspaceName })}
                @click=${() => this.answer(i, false)}
              >
                ${tc("consent.decline")}
              </button>
            </p>
          </li>`,
        )}
      </ul>
    </section>`;
  }

  override render() {
    const list = this.workspaces;
    return html`<h1 tabindex="-1">${t("workspaces.title")}</h1>
      ${
        this.isAdmin
          ? html`<p><a href=${paths.admin()}>${t("admin.link")}</a> · <a href=${paths.audit(null)}>${tr("records.instanceLink")}</a></p>`
          : nothing
      }
      ${this.invitationsSection()}
      ${this.showInvitations ? html`<h2>${tc("consent.myPartnerships")}</h2>` : nothing}
      ${
        this.problem
          ? html`<p role="alert">${this.problem}</p>`
          : list === null
            ? html`<p role="status">${t("app.loading")}</p>`
            : list.length === 0
              ? this.isAdmin
                ? html`<p>${t("admin.home.firstHint")}</p>
                    <p><a class="first" href=${paths.admin("new-partnership")}>${t("admin.new.firstTitle")}</a></p>`
                : html`<p>${t("workspaces.empty")}</p>`
              : html`<ul class="plain">
                  ${list.map(
                    (w) => html`<li class="card">
                      <a href=${paths.workspace(w.id)}><strong>${w.name}</strong></a>
                      <div class="muted">${t("workspaces.yourRole", { role: t(`role.${w.role}`) })}</div>
                      ${w.description ? html`<p>${w.description}</p>` : ""}
                    </li>`,
                  )}
                </ul>`
      }`;
  }
}

customElements.define("workspaces-page", WorkspacesPage);
