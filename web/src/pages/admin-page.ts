/**
 * Instance administration, for the admin only (the app root shows others "not found", the API
 * answers them 404): organisations, accounts, partnerships and unsent e-mail as tabs, and setting up a
 * partnership — the first one right after first-run setup.
 */
import { css, html, LitElement, nothing } from "lit";
import { get } from "../api/client.js";
import { LocaleController, t } from "../i18n/i18n.js";
import { type AdminSection, paths } from "../router.js";
import { pageStyles } from "../styles/shared.js";
import { ta } from "./admin/admin-texts.js";
import "./admin/admin-mail.js";
import "./admin/admin-organizations.js";
import "./admin/admin-partnerships.js";
import "./admin/admin-users.js";
import "./admin/new-partnership.js";

const TABS: Exclude<AdminSection, "new-partnership">[] = ["organizations", "users", "partnerships", "mail"];

export class AdminPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-2);
        list-style: none;
        padding: 0;
        margin: 0 0 var(--space-4);
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-height: var(--touch);
        padding: 0 var(--space-4);
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        text-decoration: none;
        background: var(--color-surface);
      }
      nav a[aria-current="page"] {
        background: var(--color-primary);
        color: var(--color-primary-text);
        border-color: var(--color-primary);
        font-weight: var(--weight-strong);
      }
    `,
  ];
  static override properties = {
    section: { attribute: false },
    userId: { attribute: false },
    userName: { attribute: false },
    firstRun: { state: true },
  };
  declare section: AdminSection;
  declare userId: string;
  declare userName: string;
  /** Setting up a partnership when there is none yet: "your first partnership". Null until known. */
  declare private firstRun: boolean | null;
  private known: Promise<void> = Promise.resolve();

  constructor() {
    super();
    new LocaleController(this);
    this.section = "organizations";
    this.userId = "";
    this.userName = "";
    this.firstRun = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has("section") && this.section === "new-partnership") {
      this.firstRun = null;
      this.known = get<{ partnerships: unknown[] }>("/api/admin/partnerships").then(
        (res) => {
          this.firstRun = res.partnerships.length === 0;
        },
        () => {
          this.firstRun = false;
        },
      );
    }
  }

  /** Done once the heading is there: the app root focuses it and names the document after it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.known;
    return (await super.getUpdateComplete()) && done;
  }

  private nav() {
    return html`<nav aria-label=${ta("admin.nav")}>
      <ul>
        ${TABS.map(
          (tab) =>
            html`<li>
              <a href=${paths.admin(tab)} aria-current=${this.section === tab ? "page" : nothing}
                >${ta(`admin.tab.${tab}`)}</a
              >
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  override render() {
    if (this.section === "new-partnership") {
      if (this.firstRun === null) return html`<p role="status">${t("app.loading")}</p>`;
      return html`<h1 tabindex="-1">${this.firstRun ? t("admin.new.firstTitle") : ta("admin.new.title")}</h1>
        ${this.firstRun ? html`<p>${ta("admin.new.firstIntro")}</p>` : this.nav()}
        <new-partnership-form .userId=${this.userId} .userName=${this.userName}></new-partnership-form>`;
    }
    return html`<h1 tabindex="-1">${ta("admin.title")}</h1>
      <p class="muted">${ta("admin.intro")}</p>
      ${this.nav()}
      ${
        this.section === "organizations"
          ? html`<admin-organizations></admin-organizations>`
          : this.section === "users"
            ? html`<admin-users .userId=${this.userId}></admin-users>`
            : this.section === "mail"
              ? html`<admin-mail></admin-mail>`
              : html`<admin-partnerships></admin-partnerships>`
      }`;
  }
}

customElements.define("admin-page", AdminPage);
