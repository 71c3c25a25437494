/**
 * The words of every notification mail, in Swedish and English: a subject, plain text and simple
 * HTML with the link. Nothing from a board beyond titles goes into a mail.
 */
import type { MailLocale, NotificationKind } from "./kinds.js";

export interface MailItem {
  title: string;
  url: string;
}

export interface MailInput {
  kind: NotificationKind;
  /** The action's, the board's or the partnership's title. */
  title: string;
  workspaceName: string;
  url: string;
  /** The digest: one line per overdue action. */
  items?: MailItem[];
  /** Absent for mail to an address without an account (an invitation). */
  unsubscribeUrl?: string;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

type Words = {
  subject: (m: MailInput) => string;
  lead: (m: MailInput) => string;
  open: string;
};

const SV: Record<NotificationKind, Words> = {
  invited: {
    subject: (m) => `Inbjudan till ${m.title}`,
    lead: (m) => `Du är inbjuden till samverkan ${m.title} i Samverkan.`,
    open: "Öppna inbjudan",
  },
  action_assigned: {
    subject: (m) => `Du är ansvarig för åtgärden ${m.title}`,
    lead: (m) => `Du har blivit ansvarig för åtgärden "${m.title}" i ${m.workspaceName}.`,
    open: "Öppna åtgärden",
  },
  minutes_to_approve: {
    subject: (m) => `Protokoll att justera: ${m.title}`,
    lead: (m) => `Protokollet "${m.title}" i ${m.workspaceName} är avslutat och väntar på att du justerar det.`,
    open: "Öppna protokollet",
  },
  minutes_sealed: {
    subject: (m) => `Protokollet är justerat och arkiverat: ${m.title}`,
    lead: (m) => `Protokollet "${m.title}" i ${m.workspaceName} är justerat och arkiverat.`,
    open: "Öppna protokollet",
  },
  actions_overdue: {
    subject: (m) => (m.items?.length === 1 ? "1 försenad åtgärd" : `${m.items?.length ?? 0} försenade åtgärder`),
    lead: () => "Det här är åtgärder du är ansvarig för som har passerat sitt slutdatum:",
    open: "Öppna",
  },
  mentioned: {
    subject: (m) => `Du nämns i en kommentar: ${m.title}`,
    lead: (m) => `Någon har nämnt dig i en kommentar om "${m.title}" i ${m.workspaceName}.`,
    open: "Öppna kommentarerna",
  },
};

const EN: Record<NotificationKind, Words> = {
  invited: {
    subject: (m) => `Invitation to ${m.title}`,
    lead: (m) => `You are invited to the partnership ${m.title} in Samverkan.`,
    open: "Open the invitation",
  },
  action_assigned: {
    subject: (m) => `You own the action ${m.title}`,
    lead: (m) => `You are now the owner of the action "${m.title}" in ${m.workspaceName}.`,
    open: "Open the action",
  },
  minutes_to_approve: {
    subject: (m) => `Minutes to approve: ${m.title}`,
    lead: (m) => `The minutes "${m.title}" in ${m.workspaceName} are closed and await your approval.`,
    open: "Open the minutes",
  },
  minutes_sealed: {
    subject: (m) => `Minutes approved and sealed: ${m.title}`,
    lead: (m) => `The minutes "${m.title}" in ${m.workspaceName} are approved and sealed.`,
    open: "Open the minutes",
  },
  actions_overdue: {
    subject: (m) => (m.items?.length === 1 ? "1 overdue action" : `${m.items?.length ?? 0} overdue actions`),
    lead: () => "These actions you own are past their due date:",
    open: "Open",
  },
  mentioned: {
    subject: (m) => `You are mentioned in a comment: ${m.title}`,
    lead: (m) => `Someone mentioned you in a comment on "${m.title}" in ${m.workspaceName}.`,
    open: "Open the comments",
  },
};

const FOOTER = {
  sv: { unsubscribe: "Vill du inte få de här e-postmeddelandena? Avsluta prenumerationen:", sender: "Samverkan" },
  en: { unsubscribe: "Don't want these e-mails? Unsubscribe:", sender: "Samverkan" },
};

const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

export function composeMail(locale: MailLocale, input: MailInput): MailContent {
  const words = (locale === "en" ? EN : SV)[input.kind];
  const footer = FOOTER[locale];
  const subject = words.subject(input);
  const lead = words.lead(input);
  const text: string[] = [lead, ""];
  const html: string[] = [`<p>${escapeHtml(lead)}</p>`];
  if (input.items?.length) {
    for (const item of input.items) text.push(`- ${item.title}: ${item.url}`);
    text.push("");
    html.push(
      `<ul>${input.items.map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.title)}</a></li>`).join("")}</ul>`,
    );
  } else {
    text.push(`${words.open}: ${input.url}`, "");
    html.push(`<p><a href="${escapeHtml(input.url)}">${escapeHtml(words.open)}</a></p>`);
  }
  text.push(`-- `, footer.sender);
  if (input.unsubscribeUrl) {
    text.push("", `${footer.unsubscribe} ${input.unsubscribeUrl}`);
    html.push(
      `<p style="color:#555;font-size:0.9em">${escapeHtml(footer.unsubscribe)} <a href="${escapeHtml(input.unsubscribeUrl)}">${escapeHtml(input.unsubscribeUrl)}</a></p>`,
    );
  }
  return {
    subject,
    text: text.join("\n"),
    html: `<!doctype html><html lang="${locale}"><body>${html.join("\n")}</body></html>`,
  };
}
