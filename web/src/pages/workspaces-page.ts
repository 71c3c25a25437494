/** The partnerships the signed-in person belongs to, with their role in each. */
import { html, LitElement, nothing } from "lit";
import { get } from "../api/client.js";
import type { Workspace } from "../api/types.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { keepOnDevice, missingOffline } from "../offline/device-store.js";
import { paths } from "../router.js";
import { pageStyles } from "../styles/shared.js";

export class WorkspacesPage extends LitElement {
  static override styles = pageStyles;
  static override properties = {
    isAdmin: { attribute: false },
    workspaces: { state: true },
    problem: { state: true },
  };
  /** The instance admin also gets the instance's händelselogg. */
  declare isAdmin: boolean;
  declare private workspaces: Workspace[] | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.isAdmin = false;
    this.workspaces = null;
    this.problem = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.workspaces = (await get<{ workspaces: Workspace[] }>("/api/workspaces")).workspaces;
      keepOnDevice(["/api/workspaces"]);
    } catch (error) {
      this.problem = missingOffline(error) ? t("offline.pageMissing") : (error as Error).message;
    }
  }

  override render() {
    const list = this.workspaces;
    return html`<h1 tabindex="-1">${t("workspaces.title")}</h1>
      ${this.isAdmin ? html`<p><a href=${paths.audit(null)}>${t("records.instanceLink")}</a></p>` : nothing}
      ${
        this.problem
          ? html`<p role="alert">${this.problem}</p>`
          : list === null
            ? html`<p role="status">${t("app.loading")}</p>`
            : list.length === 0
              ? html`<p>${t("workspaces.empty")}</p>`
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
