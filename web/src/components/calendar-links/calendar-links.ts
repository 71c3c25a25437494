/**
 * The partnership's meetings in one's own calendar: download them all once (.ics), or make a
 * personal subscription link a calendar app keeps polling — shown once, renewable (the old link
 * stops working) and removable.
 */
import { css, html, LitElement, nothing } from "lit";
import { api, post } from "../../api/client.js";
import { LocaleController, t } from "../../i18n/i18n.js";
import { formStyles, pageStyles } from "../../styles/shared.js";

export class CalendarLinks extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    // It opens a card on the home page: the card's padding is the heading's top margin.
    css`
      h2:first-child {
        margin-top: 0;
      }
    `,
  ];
  static override properties = {
    workspaceId: { attribute: false },
    url: { state: true },
    notice: { state: true },
  };
  declare workspaceId: string;
  declare private url: string | null;
  declare private notice: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.url = null;
    this.notice = null;
  }

  private get base() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
  }

  private async subscribe() {
    try {
      this.url = (await post<{ url: string }>(`${this.base}/calendar-feed`)).url;
      this.notice = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>("input")?.select();
    } catch (error) {
      this.notice = (error as Error).message;
    }
  }

  private async unsubscribe() {
    try {
      await api("DELETE", `${this.base}/calendar-feed`);
      this.url = null;
      this.notice = t("calendar.removed");
    } catch (error) {
      this.notice = (error as Error).message;
    }
  }

  override render() {
    return html`<h2>${t("calendar.heading")}</h2>
      <p><a href=${`${this.base}/meetings.ics`} download>${t("calendar.download")}</a></p>
      <p class="muted">${t("calendar.subscribeHint")}</p>
      ${
        this.url
          ? html`<label>${t("calendar.link")} <input readonly .value=${this.url} /></label>
              <p class="muted">${t("calendar.linkSecret")}</p>`
          : nothing
      }
      <p>
        <button type="button" class="secondary" @click=${this.subscribe}>
          ${this.url ? t("calendar.renew") : t("calendar.subscribe")}
        </button>
        <button type="button" class="secondary" @click=${this.unsubscribe}>${t("calendar.remove")}</button>
      </p>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}`;
  }
}

customElements.define("calendar-links", CalendarLinks);
