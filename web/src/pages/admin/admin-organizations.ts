/** The admin's organisations: add one, rename, deactivate (it can no longer be chosen) and reactivate. */
import { html, LitElement, nothing } from "lit";
import { api, get, post } from "../../api/client.js";
import { LocaleController, t } from "../../i18n/i18n.js";
import { formStyles, pageStyles } from "../../styles/shared.js";
import { adminProblem } from "./admin-errors.js";
import { adminTableStyles } from "./admin-styles.js";
import { ta, tap } from "./admin-texts.js";

export const KINDS = ["municipality", "primary_care", "region", "civil_society", "other"] as const;
type Kind = (typeof KINDS)[number];
export interface AdminOrganization {
  id: string;
  name: string;
  kind: Kind;
  active: boolean;
  members: number;
}

export class AdminOrganizations extends LitElement {
  static override styles = [pageStyles, formStyles, adminTableStyles];
  static override properties = {
    organizations: { state: true },
    renaming: { state: true },
    problem: { state: true },
    notice: { state: true },
  };
  declare private organizations: AdminOrganization[] | null;
  /** The organisation whose name is being edited. */
  declare private renaming: string | null;
  declare private problem: string | null;
  declare private notice: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.organizations = null;
    this.renaming = null;
    this.problem = null;
    this.notice = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      this.organizations = (
        await get<{ organizations: AdminOrganization[] }>("/api/admin/organizations")
      ).organizations;
    } catch (error) {
      this.problem = adminProblem(error);
    }
  }

  /** One change; its outcome is said in the notice (status) or the problem (alert). */
  private async attempt(change: () => Promise<string>) {
    this.problem = null;
    this.notice = null;
    try {
      this.notice = await change();
      await this.load();
      return true;
    } catch (error) {
      this.problem = adminProblem(error);
      return false;
    }
  }

  private readonly add = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const name = (form.elements.namedItem("name") as HTMLInputElement).value;
    const kind = (form.elements.namedItem("kind") as HTMLSelectElement).value;
    const ok = await this.attempt(async () => {
      const res = await post<{ organization: AdminOrganization }>("/api/organizations", { name, kind });
      return ta("admin.org.created", { name: res.organization.name });
    });
    if (ok) form.reset();
  };

  private async rename(e: SubmitEvent, org: AdminOrganization) {
    e.preventDefault();
    const name = ((e.currentTarget as HTMLFormElement).elements.namedItem("name") as HTMLInputElement).value;
    const ok = await this.attempt(async () => {
      const res = await api<{ organization: AdminOrganization }>("PATCH", `/api/organizations/${org.id}`, { name });
      return ta("admin.org.renamed", { name: res.organization.name });
    });
    if (ok) this.renaming = null;
  }

  private setActive(org: AdminOrganization, active: boolean) {
    void this.attempt(async () => {
      await api("PATCH", `/api/organizations/${org.id}`, { active });
      return ta(active ? "admin.org.reactivated" : "admin.org.deactivated", { name: org.name });
    });
  }

  private row(org: AdminOrganization) {
    const name =
      this.renaming === org.id
        ? html`<form class="inline" @submit=${(e: SubmitEvent) => this.rename(e, org)}>
            <label
              >${ta("admin.org.newName", { name: org.name })}
              <input name="name" .value=${org.name} required maxlength="200" autocomplete="off"
            /></label>
            <span class="buttons">
              <button type="submit">${ta("admin.save")}</button>
              <button type="button" class="secondary" @click=${() => (this.renaming = null)}>${ta("admin.cancel")}</button>
            </span>
          </form>`
        : html`<strong>${org.name}</strong>`;
    return html`<tr>
      <td>${name}</td>
      <td>${ta(`admin.org.kind.${org.kind}`)}</td>
      <td>${tap("admin.memberCount", org.members)}</td>
      <td>${org.active ? ta("admin.active") : html`<strong>${ta("admin.inactive")}</strong>`}</td>
      <td class="buttons">
        ${
          this.renaming === org.id
            ? nothing
            : html`<button
                type="button"
                class="secondary"
                aria-label=${ta("admin.org.renameLabel", { name: org.name })}
                @click=${() => (this.renaming = org.id)}
              >
                ${ta("admin.org.rename")}
              </button>`
        }
        ${
          org.active
            ? html`<button
                type="button"
                class="danger"
                aria-label=${ta("admin.org.deactivateLabel", { name: org.name })}
                @click=${() => this.setActive(org, false)}
              >
                ${ta("admin.deactivate")}
              </button>`
            : html`<button
                type="button"
                class="secondary"
                aria-label=${ta("admin.org.reactivateLabel", { name: org.name })}
                @click=${() => this.setActive(org, true)}
              >
                ${ta("admin.reactivate")}
              </button>`
        }
      </td>
    </tr>`;
  }

  override render() {
    const list = this.organizations;
    return html`<h2>${ta("admin.org.heading")}</h2>
      <p class="muted">${ta("admin.org.hint")}</p>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      <p role="status">${this.notice ?? ""}</p>
      ${
        list === null
          ? this.problem
            ? nothing
            : html`<p>${t("app.loading")}</p>`
          : list.length === 0
            ? html`<p>${ta("admin.org.none")}</p>`
            : html`<div class="table-wrap"><table>
                <thead>
                  <tr>
                    <th scope="col">${ta("admin.name")}</th>
                    <th scope="col">${ta("admin.org.kind")}</th>
                    <th scope="col">${ta("admin.users.memberships")}</th>
                    <th scope="col">${ta("admin.status")}</th>
                    <th scope="col">${ta("admin.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  ${list.map((org) => this.row(org))}
                </tbody>
              </table></div>`
      }
      <h2>${ta("admin.org.add")}</h2>
      <form @submit=${this.add}>
        <label>${ta("admin.name")} <input name="name" required maxlength="200" autocomplete="off" /></label>
        <label
          >${ta("admin.org.kind")}
          <select name="kind">
            ${KINDS.map((k) => html`<option value=${k} ?selected=${k === "other"}>${ta(`admin.org.kind.${k}`)}</option>`)}
          </select></label
        >
        <button type="submit">${ta("admin.org.add")}</button>
      </form>`;
  }
}

customElements.define("admin-organizations", AdminOrganizations);
