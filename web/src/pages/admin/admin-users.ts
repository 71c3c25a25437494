/** The admin's accounts: search by name or address, see each one's memberships, deactivate and reactivate. */
import { html, LitElement, nothing } from "lit";
import { api, get } from "../../api/client.js";
import type { Role } from "../../api/types.js";
import { LocaleController, t } from "../../i18n/i18n.js";
import { formStyles, pageStyles } from "../../styles/shared.js";
import { adminProblem } from "./admin-errors.js";
import { adminTableStyles } from "./admin-styles.js";
import { ta, tap } from "./admin-texts.js";

/** The server's limits (shared/api/admin.ts; not imported, which would bring zod along). */
const USER_QUERY_MAX = 100;
const USER_LIST_LIMIT = 200;

interface AdminUser {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  active: boolean;
  memberships: { workspaceId: string; workspaceName: string; role: Role; organizationName: string | null }[];
}

export class AdminUsers extends LitElement {
  static override styles = [pageStyles, formStyles, adminTableStyles];
  static override properties = {
    userId: { attribute: false },
    users: { state: true },
    query: { state: true },
    problem: { state: true },
    notice: { state: true },
  };
  /** The admin themself: their own account cannot be deactivated. */
  declare userId: string;
  declare private users: AdminUser[] | null;
  declare private query: string;
  declare private problem: string | null;
  declare private notice: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.userId = "";
    this.users = null;
    this.query = "";
    this.problem = null;
    this.notice = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const q = this.query.trim();
      const res = await get<{ users: AdminUser[] }>(`/api/users${q ? `?q=${encodeURIComponent(q)}` : ""}`);
      this.users = res.users;
    } catch (error) {
      this.problem = adminProblem(error);
    }
  }

  private readonly search = (e: SubmitEvent) => {
    e.preventDefault();
    this.query = ((e.currentTarget as HTMLFormElement).elements.namedItem("q") as HTMLInputElement).value;
    this.problem = null;
    this.notice = null;
    void this.load();
  };

  private readonly clear = () => {
    this.query = "";
    this.problem = null;
    void this.load();
  };

  private async setActive(user: AdminUser, active: boolean) {
    this.problem = null;
    this.notice = null;
    try {
      await api("PATCH", `/api/users/${user.id}`, { active });
      this.notice = ta(active ? "admin.users.reactivated" : "admin.users.deactivated", { name: user.name });
      await this.load();
    } catch (error) {
      this.problem = adminProblem(error);
    }
  }

  private row(user: AdminUser) {
    const self = user.id === this.userId;
    return html`<tr>
      <td>
        <strong>${user.name}</strong> ${self ? ta("admin.users.you") : nothing}
        ${user.isAdmin ? html`<div class="muted">${ta("admin.users.admin")}</div>` : nothing}
      </td>
      <td class="wrap">${user.email}</td>
      <td>
        ${
          user.memberships.length === 0
            ? html`<span class="muted">${ta("admin.users.noMemberships")}</span>`
            : html`<ul class="memberships">
                ${user.memberships.map(
                  (m) =>
                    html`<li>
                      ${ta("admin.users.membership", {
                        workspace: m.workspaceName,
                        role: t(`role.${m.role}`),
                        organization: m.organizationName ?? "–",
                      })}
                    </li>`,
                )}
              </ul>`
        }
      </td>
      <td>${user.active ? ta("admin.active") : html`<strong>${ta("admin.inactive")}</strong>`}</td>
      <td>
        ${
          self
            ? nothing
            : user.active
              ? html`<button
                  type="button"
                  class="danger"
                  aria-label=${ta("admin.users.deactivateLabel", { name: user.name })}
                  @click=${() => this.setActive(user, false)}
                >
                  ${ta("admin.deactivate")}
                </button>`
              : html`<button
                  type="button"
                  class="secondary"
                  aria-label=${ta("admin.users.reactivateLabel", { name: user.name })}
                  @click=${() => this.setActive(user, true)}
                >
                  ${ta("admin.reactivate")}
                </button>`
        }
      </td>
    </tr>`;
  }

  override render() {
    const list = this.users;
    return html`<h2>${ta("admin.users.heading")}</h2>
      <form role="search" @submit=${this.search}>
        <label
          >${ta("admin.users.search")}
          <input name="q" type="search" maxlength=${USER_QUERY_MAX} .value=${this.query} autocomplete="off"
        /></label>
        <span class="buttons">
          <button type="submit">${ta("admin.users.searchButton")}</button>
          ${this.query ? html`<button type="button" class="secondary" @click=${this.clear}>${ta("admin.users.clear")}</button>` : nothing}
        </span>
      </form>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      <p role="status">${this.notice ?? ""}</p>
      ${
        list === null
          ? this.problem
            ? nothing
            : html`<p>${t("app.loading")}</p>`
          : list.length === 0
            ? html`<p>${ta("admin.users.none")}</p>`
            : html`<p class="muted">
                  ${tap("admin.users.count", list.length)}
                  ${list.length >= USER_LIST_LIMIT ? ta("admin.users.limited", { count: USER_LIST_LIMIT }) : nothing}
                </p>
                <div class="table-wrap"><table>
                  <thead>
                    <tr>
                      <th scope="col">${ta("admin.name")}</th>
                      <th scope="col">${ta("admin.users.email")}</th>
                      <th scope="col">${ta("admin.users.memberships")}</th>
                      <th scope="col">${ta("admin.status")}</th>
                      <th scope="col">${ta("admin.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.map((u) => this.row(u))}
                  </tbody>
                </table></div>`
      }`;
  }
}

customElements.define("admin-users", AdminUsers);
