/**
 * A line above the app that says what the device is doing for the person: offline ("what you see is
 * stored on this device"), and that a new version is ready (with "Ladda om"). Empty otherwise.
 */
import { css, html, LitElement, nothing } from "lit";
import { LocaleController, t } from "../i18n/i18n.js";
import { loadNewVersion, newVersionReady, onNewVersion } from "./service-worker.js";

export class OfflineBanner extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2) var(--space-4);
      padding: var(--space-2) var(--space-4);
      border-bottom: 1px solid var(--color-border);
      background: var(--color-surface);
      color: var(--color-text);
    }
    p {
      margin: 0;
    }
    button {
      font: inherit;
      min-height: var(--touch);
      min-width: var(--touch);
      padding: 0 var(--space-3);
      border: 1px solid var(--color-primary);
      border-radius: var(--radius);
      background: var(--color-surface-raised);
      color: var(--color-primary);
      cursor: pointer;
    }
    button:focus-visible {
      outline: var(--focus-ring);
      outline-offset: 2px;
    }
  `;
  static override properties = { offline: { state: true }, newVersion: { state: true } };
  declare private offline: boolean;
  declare private newVersion: boolean;
  private stop: (() => void) | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.offline = !navigator.onLine;
    this.newVersion = newVersionReady();
  }

  private readonly onNetwork = () => {
    this.offline = !navigator.onLine;
  };

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener("online", this.onNetwork);
    window.addEventListener("offline", this.onNetwork);
    this.stop = onNewVersion(() => {
      this.newVersion = newVersionReady();
    });
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("online", this.onNetwork);
    window.removeEventListener("offline", this.onNetwork);
    this.stop?.();
  }

  override render() {
    // The live region is always there, so a change of state is announced.
    return html`<div role="status">
      ${this.offline ? html`<div class="bar"><p>${t("offline.banner")}</p></div>` : nothing}
      ${
        this.newVersion
          ? html`<div class="bar">
              <p>${t("app.updateReady")}</p>
              <button type="button" @click=${() => loadNewVersion()}>${t("app.reload")}</button>
            </div>`
          : nothing
      }
    </div>`;
  }
}

customElements.define("offline-banner", OfflineBanner);
