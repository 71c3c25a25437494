/** Which notifications come by e-mail, and in which language; saved as soon as a choice changes. */
import { css, html, LitElement, nothing } from "lit";
import type { NotificationSettings } from "../../../../shared/api/notifications.js";
import { NOTIFICATION_KINDS, type NotificationKind } from "../../../../shared/notifications/kinds.js";
import { api, get } from "../../api/client.js";
import { LocaleController } from "../../i18n/i18n.js";
import { type NotificationTextKey, tn } from "./notification-texts.js";

export class NotificationSettingsForm extends LitElement {
  static override styles = css`
    :host {
      display: block;
      border-top: 1px solid var(--color-border);
      margin-top: var(--space-2);
    }
    summary {
      min-height: var(--touch);
      display: flex;
      align-items: center;
      cursor: pointer;
      font-weight: var(--weight-strong);
      color: var(--color-primary);
    }
    :focus-visible {
      outline: var(--focus-ring);
      outline-offset: 2px;
    }
    fieldset {
      border: none;
      margin: 0;
      padding: 0;
    }
    label {
      display: flex;
      align-items: center;
      gap: var(--space-2);
      min-height: var(--touch);
    }
    input[type="checkbox"] {
      width: 1.25rem;
      height: 1.25rem;
    }
    select {
      font: inherit;
      min-height: var(--touch);
    }
    .muted {
      color: var(--color-muted);
    }
  `;
  static override properties = { settings: { state: true }, message: { state: true } };
  declare private settings: NotificationSettings | null;
  declare private message: string;

  constructor() {
    super();
    new LocaleController(this);
    this.settings = null;
    this.message = "";
  }

  private async load() {
    if (this.settings) return;
    this.settings = await get<NotificationSettings>("/api/me/notification-settings").catch(() => null);
  }

  private async save(change: Partial<Pick<NotificationSettings, "locale" | "emailOff">>) {
    try {
      this.settings = await api<NotificationSettings>("PUT", "/api/me/notification-settings", change);
      this.message = tn("notifications.saved");
    } catch {
      this.message = tn("notifications.saveFailed");
    }
  }

  private toggle(kind: NotificationKind, on: boolean) {
    const off = new Set(this.settings?.emailOff ?? []);
    if (on) off.delete(kind);
    else off.add(kind);
    void this.save({ emailOff: [...off] });
  }

  override render() {
    const s = this.settings;
    return html`<details @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && void this.load()}>
      <summary>${tn("notifications.settings")}</summary>
      ${
        s
          ? html`${s.emailEnabled ? nothing : html`<p class="muted">${tn("notifications.emailDisabled")}</p>`}
            <fieldset>
              <legend class="muted">${tn("notifications.settingsHint")}</legend>
              ${NOTIFICATION_KINDS.map(
                (kind) => html`<label>
                  <input
                    type="checkbox"
                    .checked=${!s.emailOff.includes(kind)}
                    @change=${(e: Event) => this.toggle(kind, (e.target as HTMLInputElement).checked)}
                  />
                  ${tn(`notifications.email.${kind}` as NotificationTextKey)}
                </label>`,
              )}
            </fieldset>
            <label>
              ${tn("notifications.mailLanguage")}
              <select @change=${(e: Event) => void this.save({ locale: (e.target as HTMLSelectElement).value as "sv" | "en" })}>
                <option value="sv" lang="sv" ?selected=${s.locale === "sv"}>Svenska</option>
                <option value="en" lang="en" ?selected=${s.locale === "en"}>English</option>
              </select>
            </label>
            <p role="status" class="muted">${this.message}</p>`
          : nothing
      }
    </details>`;
  }
}

customElements.define("notification-settings", NotificationSettingsForm);
