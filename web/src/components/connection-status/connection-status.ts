/** The board's connection state in words (never colour alone), announced politely when it changes. */
import { css, html, LitElement, nothing } from "lit";
import { Close } from "../../../../shared/protocol/close-codes.js";
import type { ConnectionState, OpenBoard } from "../../collab/open-board.js";
import { SessionEndedEvent } from "../../events.js";
import { LocaleController, t } from "../../i18n/i18n.js";
import type { MessageKey } from "../../i18n/sv.js";
import { paths } from "../../router.js";

const KNOWN_REASONS = new Set([4401, 4403, 4404, 4410, 4413, 4415, 4423]);

export function describeState(state: ConnectionState): string {
  switch (state.kind) {
    case "connecting":
      return t("conn.connecting");
    case "syncing":
      return t("conn.syncing");
    case "connected":
      return t(state.unsynced ? "conn.unsynced" : "conn.connected");
    case "offline":
      if (state.storage) return t("conn.storageDown");
      return t(state.unsent ? "conn.offlineUnsent" : "conn.offline");
    case "refused": {
      const code = state.close.code;
      if (code === Close.Unauthenticated.code) return t(state.unsent ? "conn.signedOutUnsent" : "conn.signedOut");
      const reason = KNOWN_REASONS.has(code)
        ? t(`conn.reason.${code}` as MessageKey)
        : t("conn.reason.other", { code });
      const refused = t("conn.refused", { reason });
      return state.unsent ? `${refused} ${t("conn.refusedUnsent")}` : refused;
    }
  }
}

export class ConnectionStatus extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-1) var(--space-2);
      max-width: 100%;
      box-sizing: border-box;
      padding: var(--space-1) var(--space-3);
      font-size: var(--text-small);
      /* A pill while it is one line; a long message wraps inside a rounded box instead. */
      border-radius: 1.1rem;
      border: 1px solid var(--color-border);
      background: var(--color-surface);
    }
    .dot {
      flex: none;
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
      background: var(--color-muted);
    }
    /* As wide as its words: "Ansluten" stays beside its dot; a long message wraps within the box. */
    [role="status"] {
      flex: 0 1 auto;
      min-width: 0;
    }
    button,
    a.sign-in {
      flex: none;
      white-space: nowrap;
    }
    :host([kind="connected"]) .dot {
      background: var(--color-ok);
    }
    /* Soft status colours (styles/global.css); the words say it, the colour only adds to it. */
    :host([kind="connected"]) {
      background: var(--color-ok-soft);
      border-color: var(--color-ok);
    }
    :host([kind="offline"]) {
      background: var(--color-warning-soft);
      border-color: var(--color-warning);
    }
    :host([kind="refused"]) {
      border-color: var(--color-danger);
      color: var(--color-danger);
      background: var(--color-danger-soft);
    }
    button {
      font: inherit;
      min-height: var(--touch);
      border-radius: var(--radius);
      border: 1px solid var(--color-danger);
      background: var(--color-surface-raised);
      color: var(--color-danger);
      cursor: pointer;
    }
    a.sign-in {
      display: inline-flex;
      align-items: center;
      min-height: var(--touch);
      padding: 0 var(--space-3);
      border-radius: var(--radius);
      border: 1px solid var(--color-danger);
      background: var(--color-surface-raised);
      color: var(--color-danger);
      font-weight: var(--weight-strong);
    }
    :host([kind="refused"]) .dot {
      background: var(--color-danger);
    }
  `;
  static override properties = { state: { attribute: false }, board: { attribute: false } };
  declare state: ConnectionState;
  /** Given a board, a refusal of its content offers to load the server's version instead. */
  declare board: OpenBoard | null;

  constructor() {
    super();
    new LocaleController(this);
    this.state = { kind: "connecting" };
    this.board = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    this.setAttribute("kind", this.state.kind);
    const was = changed.get("state") as ConnectionState | undefined;
    if (this.signedOut && !(was?.kind === "refused" && was.close.code === Close.Unauthenticated.code)) {
      this.dispatchEvent(new SessionEndedEvent());
    }
  }

  private get signedOut(): boolean {
    return this.state.kind === "refused" && this.state.close.code === Close.Unauthenticated.code;
  }

  override render() {
    const refusedContent = this.state.kind === "refused" && this.state.close.code === Close.ContentRefused.code;
    // Signing in again comes back to this board, where the device's copy then syncs.
    const back = location.pathname + location.search + location.hash;
    return html`<span class="dot" aria-hidden="true"></span><span role="status">${describeState(this.state)}</span>
      ${
        refusedContent && this.board
          ? html`<button type="button" @click=${this.reloadFromServer}>${t("conn.reloadFromServer")}</button>`
          : nothing
      }
      ${this.signedOut ? html`<a class="sign-in" href=${paths.signIn(back)}>${t("conn.signIn")}</a>` : nothing}`;
  }

  /** This device's copy holds a change the server will never take: start again from the server's. */
  private async reloadFromServer() {
    await this.board?.discardLocalCopy();
    location.reload();
  }
}

customElements.define("connection-status", ConnectionStatus);
