/**
 * The bell in the header: the unread count, live — a long poll the server answers when the count
 * changes (server/notifications/bell-waiters.ts), with a fetch every 45 s and when the window gets
 * focus again as the fallback (offline, another server process) — announced politely when it changes; a panel with the newest notifications as links,
 * "mark all read", and the e-mail settings. Opening a notification marks it read.
 */
import { css, html, LitElement, nothing } from "lit";
import type { NotificationItem } from "../../../../shared/api/notifications.js";
import { api, get, post } from "../../api/client.js";
import { formatDate, LocaleController } from "../../i18n/i18n.js";
import "./notification-settings.js";
import { type NotificationTextKey, tn, tnp } from "./notification-texts.js";

const POLL_MS = 45_000;
/** How long the server holds a long poll (shared/api/notifications.ts allows up to 30 s). */
const WAIT_S = 25;

export class NotificationBell extends LitElement {
  static override styles = css`
    :host {
      position: relative;
      display: inline-block;
      color: inherit;
    }
    .bell {
      color: inherit;
      font: inherit;
      min-height: var(--touch);
      min-width: var(--touch);
      display: inline-flex;
      align-items: center;
      gap: var(--space-2);
      background: transparent;
      border: 1px solid currentColor;
      border-radius: var(--radius);
      padding: 0 var(--space-3);
      cursor: pointer;
    }
    .count {
      background: var(--color-surface-raised);
      color: var(--color-primary);
      border-radius: 999px;
      padding: 0 var(--space-2);
      font-weight: var(--weight-strong);
      min-width: 1.4rem;
      text-align: center;
    }
    .sr {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    /* Below desktop width the bell alone (its name is in aria-label): the header stays one row on a tablet. */
    @media (max-width: 1023px) {
      .word {
        display: none;
      }
    }
    :focus-visible {
      outline: var(--focus-ring-on-dark);
      outline-offset: 2px;
    }
    .panel :focus-visible {
      outline: var(--focus-ring);
    }
    .panel {
      position: absolute;
      right: 0;
      top: calc(100% + 0.5rem);
      z-index: 20;
      width: min(26rem, calc(100vw - 2rem));
      max-height: min(36rem, calc(100vh - 6rem));
      overflow: auto;
      background: var(--color-bg);
      color: var(--color-text);
      border: 1px solid var(--color-border);
      border-radius: var(--radius);
      box-shadow: var(--shadow-float);
      padding: var(--space-3) var(--space-4) var(--space-4);
    }
    .top {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      flex-wrap: wrap;
    }
    h2 {
      font-size: var(--text-h2);
      margin: 0 auto 0 0;
    }
    .panel button {
      font: inherit;
      min-height: var(--touch);
      padding: 0 var(--space-3);
      border-radius: var(--radius);
      border: 1px solid var(--color-primary);
      background: var(--color-bg);
      color: var(--color-primary);
      cursor: pointer;
    }
    .all {
      margin-top: var(--space-1);
    }
    ul {
      list-style: none;
      margin: var(--space-2) 0;
      padding: 0;
    }
    li {
      border-top: 1px solid var(--color-surface);
    }
    li a {
      display: block;
      padding: var(--space-3) var(--space-1);
      min-height: var(--touch);
      box-sizing: border-box;
      color: var(--color-text);
      text-decoration: none;
    }
    li a:hover .what {
      text-decoration: underline;
    }
    li.unread .what {
      font-weight: var(--weight-strong);
    }
    li.unread a {
      border-left: 4px solid var(--color-primary);
      padding-left: var(--space-2);
    }
    .when {
      display: block;
      color: var(--color-muted);
      font-size: var(--text-small);
    }
    .muted {
      color: var(--color-muted);
    }
  `;
  static override properties = {
    count: { state: true },
    open: { state: true },
    items: { state: true },
    failed: { state: true },
  };
  declare private count: number;
  declare private open: boolean;
  declare private items: NotificationItem[] | null;
  declare private failed: boolean;
  private timer: number | undefined;
  /** The running long poll, if any. */
  private watching: AbortController | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.count = 0;
    this.open = false;
    this.items = null;
    this.failed = false;
  }

  private readonly refresh = () => {
    if (document.visibilityState === "hidden") return;
    void get<{ count: number }>("/api/me/notifications/unread-count")
      .then(({ count }) => {
        this.count = count;
        void this.watch();
      })
      .catch(() => {});
    if (this.open) void this.load();
  };

  /**
   * Asks again and again with the count shown; each answer comes when it changed (or after the
   * wait). Stops when the page is hidden, on any failure (offline, signed out) and when an
   * answer comes back at once unchanged (a server that does not wait): the fetch every 45 s and
   * on focus then carries on, and starts it again.
   */
  private async watch() {
    const hidden = () => document.visibilityState === "hidden";
    if (this.watching || hidden()) return;
    const controller = new AbortController();
    this.watching = controller;
    try {
      while (!controller.signal.aborted && !hidden()) {
        const seen = this.count;
        const started = Date.now();
        const { count } = await api<{ count: number }>(
          "GET",
          `/api/me/notifications/unread-count?seen=${seen}&wait=${WAIT_S}`,
          undefined,
          controller.signal,
        );
        if (controller.signal.aborted) break;
        this.count = count;
        if (count !== seen && this.open) void this.load();
        if (count === seen && Date.now() - started < 1_000) break;
      }
    } catch {
      // Offline, signed out or stopped: the fetch every 45 s and on focus take over.
    } finally {
      if (this.watching === controller) this.watching = null;
    }
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape" && this.open) {
      this.open = false;
      void this.updateComplete.then(() => (this.renderRoot.querySelector(".bell") as HTMLElement | null)?.focus());
    }
  };

  private readonly onOutside = (event: Event) => {
    if (this.open && !event.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback() {
    super.connectedCallback();
    this.refresh();
    this.timer = window.setInterval(this.refresh, POLL_MS);
    window.addEventListener("focus", this.refresh);
    document.addEventListener("visibilitychange", this.refresh);
    window.addEventListener("keydown", this.onKey);
    window.addEventListener("pointerdown", this.onOutside);
    window.addEventListener("popstate", this.close);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.clearInterval(this.timer);
    this.watching?.abort();
    this.watching = null;
    window.removeEventListener("focus", this.refresh);
    document.removeEventListener("visibilitychange", this.refresh);
    window.removeEventListener("keydown", this.onKey);
    window.removeEventListener("pointerdown", this.onOutside);
    window.removeEventListener("popstate", this.close);
  }

  private readonly close = () => {
    this.open = false;
  };

  private async load() {
    try {
      this.items = (await get<{ notifications: NotificationItem[] }>("/api/me/notifications")).notifications;
      this.count = this.items.filter((n) => !n.readAt).length;
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  private async toggle() {
    this.open = !this.open;
    if (!this.open) return;
    await this.load();
    await this.updateComplete;
    (this.renderRoot.querySelector("h2") as HTMLElement | null)?.focus();
  }

  private async markAll() {
    await post("/api/me/notifications/read-all").catch(() => {});
    await this.load();
  }

  private opened(item: NotificationItem) {
    // The link itself navigates (the app's link handling); this only records that it was read.
    if (!item.readAt) void post(`/api/me/notifications/${item.id}/read`).catch(() => {});
    if (!item.readAt) this.count = Math.max(0, this.count - 1);
    this.open = false;
  }

  private label() {
    return this.count === 0 ? tn("notifications.bellNone") : tnp("notifications.bell", this.count);
  }

  override render() {
    return html`<button
        type="button"
        class="bell"
        aria-expanded=${this.open ? "true" : "false"}
        aria-controls="notification-panel"
        aria-label=${this.label()}
        @click=${this.toggle}
      >
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg><span class="word" aria-hidden="true">${tn("notifications.title")}</span>
        ${this.count > 0 ? html`<span class="count" aria-hidden="true">${this.count}</span>` : nothing}
      </button>
      <span class="sr" role="status" aria-live="polite">${this.count > 0 ? tnp("notifications.announce", this.count) : ""}</span>
      ${this.open ? this.panel() : nothing}`;
  }

  private panel() {
    const items = this.items ?? [];
    return html`<section class="panel" id="notification-panel" aria-labelledby="notification-heading">
      <div class="top">
        <h2 id="notification-heading" tabindex="-1">${tn("notifications.title")}</h2>
        <button type="button" @click=${this.close}>${tn("notifications.close")}</button>
      </div>
      ${
        items.some((n) => !n.readAt)
          ? html`<button type="button" class="all" @click=${this.markAll}>${tn("notifications.markAllRead")}</button>`
          : nothing
      }
      ${this.failed ? html`<p role="alert">${tn("notifications.loadFailed")}</p>` : nothing}
      ${this.items && items.length === 0 ? html`<p class="muted">${tn("notifications.empty")}</p>` : nothing}
      <ul>
        ${items.map(
          (n) => html`<li class=${n.readAt ? "" : "unread"}>
            <a href=${n.link} @click=${() => this.opened(n)}>
              ${n.readAt ? nothing : html`<span class="sr">${tn("notifications.unread")}: </span>`}
              <span class="what">${tn(`notifications.kind.${n.kind}` as NotificationTextKey, { title: n.title })}</span>
              <span class="when">${formatDate(n.createdAt, true)}</span>
            </a>
          </li>`,
        )}
      </ul>
      <notification-settings></notification-settings>
    </section>`;
  }
}

customElements.define("notification-bell", NotificationBell);
