/**
 * The admin's view of e-mail that has not gone out: mail waiting for another try after the SMTP
 * server refused it, and mail given up after the last try — with whom it was for, what it was
 * about, how many tries, the last error and when the next try is. A failing SMTP server never
 * fails what triggered the mail (server/notifications/outbox.ts); this is where it shows.
 */
import { html, LitElement, nothing } from "lit";
import type { UnsentMail } from "../../../../shared/api/notifications.js";
import { get } from "../../api/client.js";
import { textArea } from "../../i18n/area.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import { pageStyles } from "../../styles/shared.js";
import { adminProblem } from "./admin-errors.js";
import { adminTableStyles } from "./admin-styles.js";

const mailSv = {
  "mail.heading": "E-post som inte har skickats",
  "mail.hint":
    "När e-postservern inte svarar försöker Samverkan igen efter 1, 5, 30 och 120 minuter. Det som utlöste e-posten påverkas aldrig.",
  "mail.off": "Den här installationen skickar ingen e-post (SMTP_URL är inte satt). Aviseringar syns bara i appen.",
  "mail.none": "All e-post har skickats.",
  "mail.failedCount.one": "{count} e-postmeddelande kunde inte skickas.",
  "mail.failedCount.other": "{count} e-postmeddelanden kunde inte skickas.",
  "mail.pendingCount.one": "{count} e-postmeddelande väntar på att skickas.",
  "mail.pendingCount.other": "{count} e-postmeddelanden väntar på att skickas.",
  "mail.to": "Till",
  "mail.subject": "Ämne",
  "mail.status": "Status",
  "mail.lastError": "Senaste fel",
  "mail.pending": "Väntar, nytt försök {when}",
  "mail.pendingSoon": "Väntar på att skickas",
  "mail.failed": "Kunde inte skickas",
  "mail.attempts.one": "{count} försök",
  "mail.attempts.other": "{count} försök",
  "mail.created": "Skapad {when}",
} as const;

const mailEn: Record<keyof typeof mailSv, string> = {
  "mail.heading": "E-mail that has not been sent",
  "mail.hint":
    "When the mail server does not answer, Samverkan tries again after 1, 5, 30 and 120 minutes. What triggered the mail is never affected.",
  "mail.off": "This instance sends no e-mail (SMTP_URL is not set). Notifications show in the app only.",
  "mail.none": "All e-mail has been sent.",
  "mail.failedCount.one": "{count} e-mail could not be sent.",
  "mail.failedCount.other": "{count} e-mails could not be sent.",
  "mail.pendingCount.one": "{count} e-mail is waiting to be sent.",
  "mail.pendingCount.other": "{count} e-mails are waiting to be sent.",
  "mail.to": "To",
  "mail.subject": "Subject",
  "mail.status": "Status",
  "mail.lastError": "Last error",
  "mail.pending": "Waiting, next try {when}",
  "mail.pendingSoon": "Waiting to be sent",
  "mail.failed": "Could not be sent",
  "mail.attempts.one": "{count} try",
  "mail.attempts.other": "{count} tries",
  "mail.created": "Created {when}",
};

const { t: tm, tp: tmp } = textArea(mailSv, mailEn);

export class AdminMail extends LitElement {
  static override styles = [pageStyles, adminTableStyles];
  static override properties = { mails: { state: true }, enabled: { state: true }, problem: { state: true } };
  declare private mails: UnsentMail[] | null;
  /** Whether SMTP is configured at all (null until known). */
  declare private enabled: boolean | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.mails = null;
    this.enabled = null;
    this.problem = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const [outbox, settings] = await Promise.all([
        get<{ mails: UnsentMail[] }>("/api/admin/mail-outbox"),
        get<{ emailEnabled: boolean }>("/api/me/notification-settings"),
      ]);
      this.mails = outbox.mails;
      this.enabled = settings.emailEnabled;
    } catch (error) {
      this.problem = adminProblem(error);
    }
  }

  private status(m: UnsentMail) {
    if (m.status === "failed") return html`<strong>${tm("mail.failed")}</strong>`;
    return m.attempts > 0 ? tm("mail.pending", { when: formatDate(m.nextAttemptAt, true) }) : tm("mail.pendingSoon");
  }

  private table(list: UnsentMail[]) {
    const failed = list.filter((m) => m.status === "failed").length;
    const pending = list.length - failed;
    return html`<p>
        ${failed > 0 ? html`<strong>${tmp("mail.failedCount", failed)}</strong>` : nothing}
        ${pending > 0 ? tmp("mail.pendingCount", pending) : nothing}
      </p>
      <div class="table-wrap"><table>
        <thead>
          <tr>
            <th scope="col">${tm("mail.to")}</th>
            <th scope="col">${tm("mail.subject")}</th>
            <th scope="col">${tm("mail.status")}</th>
            <th scope="col">${tm("mail.lastError")}</th>
          </tr>
        </thead>
        <tbody>
          ${list.map(
            (m) => html`<tr>
              <td class="wrap">${m.to}</td>
              <td>${m.subject}<div class="muted">${tm("mail.created", { when: formatDate(m.createdAt, true) })}</div></td>
              <td>${this.status(m)}<div class="muted">${tmp("mail.attempts", m.attempts)}</div></td>
              <td class="wrap">${m.lastError ?? "–"}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
  }

  override render() {
    const list = this.mails;
    return html`<h2>${tm("mail.heading")}</h2>
      ${this.enabled === false ? html`<p>${tm("mail.off")}</p>` : html`<p class="muted">${tm("mail.hint")}</p>`}
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      ${
        list === null
          ? this.problem
            ? nothing
            : html`<p role="status">${t("app.loading")}</p>`
          : list.length === 0
            ? this.enabled === false
              ? nothing
              : html`<p>${tm("mail.none")}</p>`
            : this.table(list)
      }`;
  }
}

customElements.define("admin-mail", AdminMail);
