/** What a person can be notified about; each can be turned off for e-mail (the bell keeps them all). */
export { NOTIFICATION_KINDS, type NotificationKind } from "../../shared/api/notifications.js";

export type MailLocale = "sv" | "en";
export const mailLocale = (value: string | null | undefined): MailLocale => (value === "en" ? "en" : "sv");
