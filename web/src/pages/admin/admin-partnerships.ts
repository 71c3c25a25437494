/** Every partnership of the instance, with its organisations, conveners and size; a way to set up another. */
import { html, LitElement, nothing } from "lit";
import { get } from "../../api/client.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import { paths } from "../../router.js";
import { pageStyles } from "../../styles/shared.js";
import { adminProblem } from "./admin-errors.js";
import { ta, tap } from "./admin-texts.js";

interface AdminPartnership {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  members: number;
  organizations: string[];
  conveners: string[];
}

export class AdminPartnerships extends LitElement {
  static override styles = pageStyles;
  static override properties = { partnerships: { state: true }, problem: { state: true } };
  declare private partnerships: AdminPartnership[] | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.partnerships = null;
    this.problem = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.partnerships = (await get<{ partnerships: AdminPartnership[] }>("/api/admin/partnerships")).partnerships;
    } catch (error) {
      this.problem = adminProblem(error);
    }
  }

  override render() {
    const list = this.partnerships;
    return html`<h2>${ta("admin.ws.heading")}</h2>
      <p><a href=${paths.admin("new-partnership")}>${ta("admin.ws.new")}</a></p>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      ${
        list === null
          ? this.problem
            ? nothing
            : html`<p role="status">${t("app.loading")}</p>`
          : list.length === 0
            ? html`<p>${ta("admin.ws.none")}</p>`
            : html`<ul class="plain">
                ${list.map(
                  (p) => html`<li class="card">
                    <strong>${p.name}</strong>
                    <span class="muted">· ${tap("admin.ws.members", p.members)} · ${formatDate(p.createdAt)}</span>
                    ${p.description ? html`<p>${p.description}</p>` : nothing}
                    <div>${ta("admin.ws.organizations", { names: p.organizations.join(", ") || "–" })}</div>
                    <div>
                      ${p.conveners.length ? ta("admin.ws.conveners", { names: p.conveners.join(", ") }) : ta("admin.ws.noConvener")}
                    </div>
                  </li>`,
                )}
              </ul>`
      }`;
  }
}

customElements.define("admin-partnerships", AdminPartnerships);
