/** The board's connection state in words (never colour alone), announced politely when it changes. */
import { css, html, LitElement, nothing } from "lit";
import { Close } from "../../../../shared/protocol/close-codes.js";
import type { ConnectionState, OpenBoard } from "../../collab/open-board.js";
import { LocaleController, t } from "../../i18n/i18n.js";
import type { MessageKey } from "../../i18n/sv.js";

const KNOWN_REASONS = new Set([4401, 4403, 4404, 4410, 4413, 4415, 4423]);

export function describeState(state: ConnectionState): string {
  switch (state.kind) {
    case "connecting":
      return t("conn.connecting");
    case "syncing":
      return t("conn.syncing");
    case "connected":
      return t("conn.connected");
    case "offline":
      return t(state.unsent ? "conn.offlineUnsent" : "conn.offline");
    case "refused": {
      const code = state.close.code;
      const reason = KNOWN_REASONS.has(code)
        ? t(`conn.reason.${code}` as MessageKey)
        : t("conn.reason.other", { code });
      return t("conn.refused", { reason });
    }
  }
}

export class ConnectionStatus extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      padding: 0.25rem 0.75rem;
      border-radius: 999px;
      border: 1px solid var(--color-border);
      background: var(--color-surface);
    }
    .dot {
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
      background: var(--color-muted);
    }
    :host([kind="connected"]) .dot {
      background: var(--color-ok);
    }
    :host([kind="refused"]) {
      border-color: var(--color-danger);
      color: var(--color-danger);
    }
    button {
      font: inherit;
      min-height: var(--touch);
      border-radius: var(--radius);
      border: 1px solid var(--color-danger);
      background: #fff;
      color: var(--color-danger);
      cursor: pointer;
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

  override willUpdate() {
    this.setAttribute("kind", this.state.kind);
  }

  override render() {
    const refusedContent = this.state.kind === "refused" && this.state.close.code === Close.ContentRefused.code;
    return html`<span class="dot" aria-hidden="true"></span><span role="status">${describeState(this.state)}</span>
      ${
        refusedContent && this.board
          ? html`<button type="button" @click=${this.reloadFromServer}>${t("conn.reloadFromServer")}</button>`
          : nothing
      }`;
  }

  /** This device's copy holds a change the server will never take: start again from the server's. */
  private async reloadFromServer() {
    await this.board?.discardLocalCopy();
    location.reload();
  }
}

customElements.define("connection-status", ConnectionStatus);
