/**
 * The application shell: finds out who is signed in (or that the instance needs its first
 * account), routes to a page, and keeps the header — home link, language switch, sign out. After
 * every page change the page's heading takes focus, so screen readers announce where one is.
 */
import { html, LitElement, nothing } from "lit";
import { keyed } from "lit/directives/keyed.js";
import { ApiError, get, post } from "./api/client.js";
import type { User } from "./api/types.js";
import { appRootStyles } from "./app-root.styles.js";
import { SessionEndedEvent, SignedInEvent, WorkspaceShownEvent } from "./events.js";
import { initLocale, LocaleController, locale, setLocale, t } from "./i18n/i18n.js";
import { clearDeviceStore, deviceBelongsTo, forgetEndedSession, keepOnDevice } from "./offline/device-store.js";
import { LazyParts, preloadPart } from "./offline/lazy.js";
import "./pages/auth-pages.js";
import { askEarly, boardDetailsPath } from "./pages/early-answers.js";
import { here, interceptLinks, navigate, parse, paths, type Route } from "./router.js";

/** The board page (with the focus board and the collaboration code) is loaded when a board is opened. */
const loadBoardPage = () => import("./pages/board-page.js");
/** The home pages (my partnerships, one partnership's), loaded when shown: a board opened from a link needs neither. */
const loadWorkspacesPage = () => import("./pages/workspaces-page.js");
const loadWorkspacePage = () => import("./pages/workspace-page.js");
/** The händelselogg is for conveners and the admin only: loaded when opened. */
const loadAuditPage = () => import("./pages/audit-page.js");
// Pages nobody needs on a board's first load: fetched when they are shown.
const loadMembersPage = () => import("./pages/members-page.js");
const loadInvitationPage = () => import("./pages/invitation-page.js");
/** A board's history, loaded when it is opened. */
const loadHistoryPage = () => import("./pages/history-page.js");
/** "My work": the actions list and the decision log, loaded when opened. */
const loadActionsPage = () => import("./pages/actions-page.js");
const loadDecisionsPage = () => import("./pages/decisions-page.js");
/** Decision points (beslutspunkter): loaded when opened. */
const loadDecisionPointsPage = () => import("./pages/decision-points-page.js");
const loadReportsPage = () => import("./pages/reports-page.js");
const loadReportPage = () => import("./pages/report-page.js");
const loadSteeringPage = () => import("./pages/steering-page.js");
/** Instance administration: the admin only, loaded when opened. */
const loadAdminPage = () => import("./pages/admin-page.js");
/** The header's search (on a partnership's pages) and notification bell (signed in), loaded when shown. */
const loadSearch = () => import("./components/header-search/header-search.js");
const loadBell = () => import("./components/notifications/notification-bell.js");
/**
 * On a board the header's parts wait until the board is up, or until someone reaches for the
 * header: a focus board's first load stays within its budget (test/e2e/offline-start.test.ts).
 */
let headerSoon = false;
function loadHeaderSoon(header: HTMLElement | null) {
  if (headerSoon) return;
  headerSoon = true;
  const load = () => {
    void loadSearch();
    void loadBell();
  };
  setTimeout(() => ("requestIdleCallback" in window ? requestIdleCallback(load, { timeout: 2_000 }) : load()), 2_000);
  header?.addEventListener("pointerover", load, { once: true });
  header?.addEventListener("focusin", load, { once: true });
}
const AUTH_PATHS = ["/api/auth/setup", "/api/auth/me"];

export class AppRoot extends LitElement {
  static override styles = appRootStyles;
  static override properties = {
    route: { state: true },
    user: { state: true },
    needsSetup: { state: true },
    sessionEnded: { state: true },
    boardWorkspaceId: { state: true },
  };
  declare private route: Route;
  /** undefined: not known yet; null: signed out. */
  declare private user: User | null | undefined;
  declare private needsSetup: boolean;
  /** The server ended the session while this page was open: the name leaves the header, sign-in is offered. */
  declare private sessionEnded: boolean;
  /** The partnership of the board being shown (a board's address does not say it; its page tells). */
  declare private boardWorkspaceId: string | null;
  private pageShown = false;
  private readonly parts = new LazyParts(this);

  constructor() {
    super();
    new LocaleController(this);
    this.route = parse(new URL(location.href));
    // Opening a board: fetch its page's code and details while finding out who is signed in.
    if (this.route.name === "board") {
      void preloadPart("board-page", loadBoardPage);
      askEarly(boardDetailsPath(this.route.boardId));
    } else if (this.route.name === "workspaces") void preloadPart("workspaces-page", loadWorkspacesPage);
    else if (this.route.name === "workspace") void preloadPart("workspace-page", loadWorkspacePage);
    this.user = undefined;
    this.needsSetup = false;
    this.sessionEnded = false;
    this.boardWorkspaceId = null;
  }

  private readonly onSessionEnded = () => {
    if (!this.user || this.sessionEnded) return;
    this.sessionEnded = true;
    // A board stays open: its copy and any unsent changes are on this device, and it offers to
    // sign in and come back. Anywhere else there is nothing to show without a session.
    if (this.route.name !== "board") navigate(paths.signIn(here()), true);
  };

  private readonly onPopState = () => {
    this.route = parse(new URL(location.href));
    this.guard();
  };

  override async connectedCallback() {
    super.connectedCallback();
    initLocale();
    interceptLinks(window);
    window.addEventListener("popstate", this.onPopState);
    window.addEventListener(SessionEndedEvent.type, this.onSessionEnded);
    this.addEventListener(WorkspaceShownEvent.type, (event) => {
      this.boardWorkspaceId = event.workspaceId;
    });
    this.addEventListener(SignedInEvent.type, async (event) => {
      // Another person's copy on this device goes before anything of this person's is shown.
      await deviceBelongsTo(event.user.id);
      keepOnDevice(AUTH_PATHS, true);
      this.user = event.user;
      this.needsSetup = false;
      this.sessionEnded = false;
      navigate(event.next, true);
    });
    try {
      // Both at once (one round trip on a slow link); who is signed in matters only once set up.
      const me = get<{ user: User }>("/api/auth/me");
      me.catch(() => {});
      this.needsSetup = (await get<{ needsSetup: boolean }>("/api/auth/setup")).needsSetup;
      const user = this.needsSetup ? null : (await me).user;
      if (user && (await deviceBelongsTo(user.id))) keepOnDevice(AUTH_PATHS, true);
      else keepOnDevice(AUTH_PATHS);
      this.user = user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await forgetEndedSession();
      else console.error(error);
      this.user = null;
    }
    this.guard();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("popstate", this.onPopState);
    window.removeEventListener(SessionEndedEvent.type, this.onSessionEnded);
  }

  /** Sends people where they can be: first-run setup, sign-in (then back here), or home. */
  private guard() {
    if (this.user === undefined) return;
    const { name } = this.route;
    if (this.needsSetup && name !== "setup") return navigate(paths.setup(), true);
    if (!this.needsSetup && name === "setup") return navigate(paths.workspaces(), true);
    const open = name === "sign-in" || name === "setup" || name === "invitation" || name === "not-found";
    const signedIn = this.user && !this.sessionEnded;
    if (!signedIn && !open && !(this.sessionEnded && name === "board")) {
      return navigate(paths.signIn(here()), true);
    }
    if (signedIn && name === "sign-in")
      return navigate(this.route.name === "sign-in" && this.route.next ? this.route.next : paths.workspaces(), true);
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has("route") || changed.has("user")) void this.focusHeading();
  }

  private async focusHeading() {
    const page = this.renderRoot.querySelector("main > *") as (HTMLElement & Partial<LitElement>) | null;
    await page?.updateComplete;
    const heading = page?.tagName === "H1" ? page : page?.shadowRoot?.querySelector("h1");
    document.title = heading?.textContent ? `${heading.textContent.trim()} – ${t("app.name")}` : t("app.name");
    // Not on the first page of a visit: focus starts at the top of the document there.
    if (this.pageShown) heading?.focus();
    if (heading) this.pageShown = true;
  }

  private async signOut() {
    const out = await post<{ endSessionUrl?: string } | undefined>("/api/auth/logout").catch(() => undefined);
    this.user = null;
    // Once the page has gone (a board it showed closes its database), forget this person's copy.
    await this.updateComplete;
    await clearDeviceStore();
    // Signed in through the organisation's provider: sign out there too; it sends the browser back here.
    if (out?.endSessionUrl) location.assign(out.endSessionUrl);
    else navigate(paths.signIn(), true);
  }

  /** The partnership whose page is shown, if any: the header's search searches there. */
  private workspaceId(): string | null {
    const r = this.route;
    if (r.name === "workspace" || r.name === "members") return r.workspaceId;
    if (r.name === "audit") return r.workspaceId;
    if (r.name === "decision-points" || r.name === "decision-point") return r.workspaceId;
    if (r.name === "reports" || r.name === "report" || r.name === "steering") return r.workspaceId;
    if (r.name === "board" || r.name === "board-history") return this.boardWorkspaceId;
    return null;
  }

  override render() {
    const workspaceId = this.user && !this.sessionEnded ? this.workspaceId() : null;
    const signedIn = Boolean(this.user && !this.sessionEnded);
    const missing =
      (signedIn && !customElements.get("notification-bell")) || (workspaceId && !customElements.get("header-search"));
    if (missing) {
      if (this.route.name === "board") loadHeaderSoon(this.renderRoot.querySelector("header"));
      else {
        void loadBell();
        if (workspaceId) void loadSearch();
      }
    }
    return html`<a class="skip" href="#main" @click=${this.skip}>${t("app.skip")}</a>
      <header>
        <a class="brand" href=${paths.workspaces()}>${t("app.name")}</a>
        ${workspaceId ? html`<header-search .workspaceId=${workspaceId}></header-search>` : nothing}
        ${this.user && !this.sessionEnded ? html`<notification-bell></notification-bell>` : nothing}
        <div class="tools">
          <button type="button" lang=${locale() === "sv" ? "en" : "sv"} @click=${() => void setLocale(locale() === "sv" ? "en" : "sv")}>
            ${t("app.languageSwitch")}
          </button>
          ${this.user?.isAdmin && !this.sessionEnded ? html`<a href=${paths.admin()}>${t("admin.link")}</a>` : nothing}
          ${this.user && !this.sessionEnded ? html`<span class="who"><span>${this.user.name}</span><button type="button" @click=${this.signOut}>${t("app.signOut")}</button></span>` : nothing}
        </div>
      </header>
      <main id="main" tabindex="-1">${this.page()}</main>`;
  }

  private skip(event: Event) {
    event.preventDefault();
    (this.renderRoot.querySelector("main") as HTMLElement).focus();
  }

  private page() {
    if (this.user === undefined) return html`<p role="status">${t("app.loading")}</p>`;
    const r = this.route;
    switch (r.name) {
      case "setup":
        return html`<setup-page></setup-page>`;
      case "sign-in":
        return html`<sign-in-page .next=${r.next} .error=${r.error}></sign-in-page>`;
      case "invitation":
        return this.parts.render("invitation-page", loadInvitationPage, () =>
          keyed(r.token, html`<invitation-page .token=${r.token} .user=${this.user}></invitation-page>`),
        );
      case "workspaces":
        return this.user
          ? this.parts.render(
              "workspaces-page",
              loadWorkspacesPage,
              () => html`<workspaces-page .isAdmin=${this.user?.isAdmin ?? false}></workspaces-page>`,
            )
          : nothing;
      case "workspace":
        return this.user
          ? this.parts.render(
              "workspace-page",
              loadWorkspacePage,
              () => html`<workspace-page .workspaceId=${r.workspaceId}></workspace-page>`,
            )
          : nothing;
      case "members":
        return this.user
          ? this.parts.render("members-page", loadMembersPage, () =>
              keyed(
                r.workspaceId,
                html`<members-page .workspaceId=${r.workspaceId} .userId=${this.user?.id ?? ""}></members-page>`,
              ),
            )
          : nothing;
      case "audit":
        // Keyed: other filters are another page, loaded afresh.
        return this.user
          ? this.parts.render("audit-page", loadAuditPage, () =>
              keyed(
                `${r.workspaceId}?${r.query}`,
                html`<audit-log-page .workspaceId=${r.workspaceId} .query=${r.query}></audit-log-page>`,
              ),
            )
          : nothing;
      case "actions":
        // Keyed: other filters are another list, loaded afresh (the back button returns to the last).
        return this.user
          ? this.parts.render("actions-page", loadActionsPage, () =>
              keyed(
                `${r.workspaceId}?${r.query}`,
                html`<actions-page .workspaceId=${r.workspaceId} .query=${r.query}></actions-page>`,
              ),
            )
          : nothing;
      case "decisions":
        return this.user
          ? this.parts.render("decisions-page", loadDecisionsPage, () =>
              keyed(
                `${r.workspaceId}?${r.query}`,
                html`<decisions-page .workspaceId=${r.workspaceId} .query=${r.query}></decisions-page>`,
              ),
            )
          : nothing;
      case "decision-points":
      case "decision-point":
        return this.user
          ? this.parts.render("decision-points-page", loadDecisionPointsPage, () =>
              keyed(
                `${r.workspaceId}/${r.name === "decision-point" ? r.pointId : `?${r.query}`}`,
                html`<decision-points-page
                  .workspaceId=${r.workspaceId}
                  .pointId=${r.name === "decision-point" ? r.pointId : null}
                  .query=${r.name === "decision-points" ? r.query : ""}
                ></decision-points-page>`,
              ),
            )
          : nothing;
      case "reports":
        return this.user
          ? this.parts.render("reports-page", loadReportsPage, () =>
              keyed(r.workspaceId, html`<reports-page .workspaceId=${r.workspaceId}></reports-page>`),
            )
          : nothing;
      case "report":
        return this.user
          ? this.parts.render("report-page", loadReportPage, () =>
              keyed(
                r.reportId,
                html`<report-page .workspaceId=${r.workspaceId} .reportId=${r.reportId}></report-page>`,
              ),
            )
          : nothing;
      case "steering":
        return this.user
          ? this.parts.render("steering-page", loadSteeringPage, () =>
              keyed(r.workspaceId, html`<steering-page .workspaceId=${r.workspaceId}></steering-page>`),
            )
          : nothing;
      case "board":
        // Keyed: another board is another page, loaded afresh (not this one with a new id).
        return this.user
          ? this.parts.render("board-page", loadBoardPage, () =>
              keyed(r.boardId, html`<board-page .boardId=${r.boardId} .userId=${this.user?.id ?? ""}></board-page>`),
            )
          : nothing;
      case "board-history":
        return this.user
          ? this.parts.render("history-page", loadHistoryPage, () =>
              keyed(r.boardId, html`<history-page .boardId=${r.boardId}></history-page>`),
            )
          : nothing;
      case "admin":
        // Not the admin: the same page as any address that does not exist.
        if (!this.user?.isAdmin) return html`<h1 tabindex="-1">${t("error.notFound")}</h1>`;
        return this.parts.render(
          "admin-page",
          loadAdminPage,
          () =>
            html`<admin-page .section=${r.section} .userId=${this.user?.id ?? ""} .userName=${this.user?.name ?? ""}></admin-page>`,
        );
      default:
        return html`<h1 tabindex="-1">${t("error.notFound")}</h1>`;
    }
  }
}

customElements.define("app-root", AppRoot);
