/**
 * A partnership's members and invitations. Everyone sees who is in it (name, organisation,
 * role); conveners change roles, remove members, invite by link and withdraw invitations.
 */
import { css, html, LitElement, nothing } from "lit";
import { api, get, post } from "../api/client.js";
import type { Role, Workspace } from "../api/types.js";
import type { Member } from "../components/focus-board/focus-board.js";
import { formatDate, LocaleController, t } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";

const ROLES: Role[] = ["convener", "member", "observer"];
type Invitation = { id: string; email: string; role: Role; organizationId: string; expiresAt: string };
type Organization = { id: string; name: string };

export class MembersPage extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    css`
      .link {
        width: 100%;
      }
    `,
  ];
  static override properties = {
    workspaceId: { attribute: false },
    userId: { attribute: false },
    workspace: { state: true },
    members: { state: true },
    invitations: { state: true },
    organizations: { state: true },
    created: { state: true },
    problem: { state: true },
  };
  declare workspaceId: string;
  declare userId: string;
  declare private workspace: Workspace | null;
  declare private members: (Member & { email: string; role: Role })[];
  declare private invitations: Invitation[];
  declare private organizations: Organization[];
  declare private created: string | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.userId = "";
    this.workspace = null;
    this.members = [];
    this.invitations = [];
    this.organizations = [];
    this.created = null;
    this.problem = null;
  }

  private get base() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
  }

  override async connectedCallback() {
    super.connectedCallback();
    await this.attempt(async () => {
      this.workspace = (await get<{ workspace: Workspace }>(this.base)).workspace;
      await this.load();
    });
  }

  private async load() {
    this.members = (await get<{ members: MembersPage["members"] }>(`${this.base}/members`)).members;
    if (this.workspace?.role === "convener") {
      const [invitations, organizations] = await Promise.all([
        get<{ invitations: Invitation[] }>(`${this.base}/invitations`),
        get<{ organizations: Organization[] }>("/api/organizations"),
      ]);
      this.invitations = invitations.invitations;
      this.organizations = organizations.organizations;
    }
  }

  /** Runs a change, shows the server's refusal if any, and reloads what is shown. */
  private async attempt(change: () => Promise<unknown>) {
    this.problem = null;
    try {
      await change();
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    const ws = this.workspace;
    if (!ws)
      return this.problem ? html`<p role="alert">${this.problem}</p>` : html`<p role="status">${t("app.loading")}</p>`;
    const manage = ws.role === "convener";
    return html`<p><a href=${paths.workspace(ws.id)}>← ${ws.name}</a></p>
      <h1 tabindex="-1">${t("members.title")}</h1>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      <table>
        <caption class="muted">${t("members.caption", { name: ws.name })}</caption>
        <thead>
          <tr>
            <th scope="col">${t("form.name")}</th>
            <th scope="col">${t("form.email")}</th>
            <th scope="col">${t("board.filterOrganization")}</th>
            <th scope="col">${t("members.role")}</th>
            ${manage ? html`<th scope="col">${t("members.remove")}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${this.members.map(
            (m) => html`<tr>
              <td>${m.name}</td>
              <td>${m.email}</td>
              <td>${m.organization?.name ?? "–"}</td>
              <td>
                ${
                  manage
                    ? html`<select
                        aria-label="${t("members.role")}: ${m.name}"
                        @change=${(e: Event) =>
                          this.attempt(async () => {
                            await api("PATCH", `${this.base}/members/${m.userId}`, {
                              role: (e.target as HTMLSelectElement).value,
                            });
                            await this.load();
                          })}
                      >
                        ${ROLES.map((r) => html`<option value=${r} ?selected=${r === m.role}>${t(`role.${r}`)}</option>`)}
                      </select>`
                    : t(`role.${m.role}`)
                }
              </td>
              ${
                manage
                  ? html`<td>
                      <button
                        type="button"
                        class="danger"
                        aria-label="${t("members.remove")}: ${m.name}"
                        @click=${() =>
                          confirm(t("members.confirmRemove", { name: m.name })) &&
                          this.attempt(async () => {
                            await api("DELETE", `${this.base}/members/${m.userId}`);
                            await this.load();
                          })}
                      >
                        ${t("members.remove")}
                      </button>
                    </td>`
                  : nothing
              }
            </tr>`,
          )}
        </tbody>
      </table>
      ${manage ? this.invitationsSection() : nothing}`;
  }

  private invitationsSection() {
    const invite = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const field = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | HTMLSelectElement).value;
      void this.attempt(async () => {
        const created = await post<{ url: string }>(`${this.base}/invitations`, {
          email: field("email"),
          role: field("role"),
          organizationId: field("organizationId"),
        });
        this.created = created.url;
        form.reset();
        await this.load();
      });
    };
    const orgName = (id: string) => this.organizations.find((o) => o.id === id)?.name ?? "–";
    return html`<h2>${t("members.invite")}</h2>
      <form @submit=${invite}>
        <label>${t("form.email")} <input name="email" type="email" autocomplete="off" required /></label>
        <label
          >${t("members.role")}
          <select name="role" aria-label=${t("members.role")}>
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === "member"}>${t(`role.${r}`)}</option>`)}
          </select></label
        >
        <label
          >${t("board.filterOrganization")}
          <select name="organizationId" aria-label=${t("board.filterOrganization")} required>
            ${this.organizations.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
          </select></label
        >
        <button type="submit">${t("members.sendInvite")}</button>
      </form>
      ${
        this.created
          ? html`<p role="status">${t("members.created")}</p>
              <label>${t("members.link")} <input class="link" readonly .value=${this.created} /></label>`
          : nothing
      }
      <h2>${t("members.pending")}</h2>
      ${
        this.invitations.length === 0
          ? html`<p>${t("home.none")}</p>`
          : html`<ul class="plain">
              ${this.invitations.map(
                (i) => html`<li class="card">
                  ${i.email} — ${t(`role.${i.role}`)}, ${orgName(i.organizationId)}
                  <div class="muted">${t("members.expires", { date: formatDate(i.expiresAt) })}</div>
                  <button
                    type="button"
                    class="danger"
                    aria-label="${t("members.withdraw")}: ${i.email}"
                    @click=${() =>
                      this.attempt(async () => {
                        await api("DELETE", `${this.base}/invitations/${i.id}`);
                        await this.load();
                      })}
                  >
                    ${t("members.withdraw")}
                  </button>
                </li>`,
              )}
            </ul>`
      }`;
  }
}

customElements.define("members-page", MembersPage);
