/** Notifications (the bell), a person's notification settings and the admin's view of unsent mail. */
import { z } from "zod";

import { NOTIFICATION_KINDS, type NotificationKind } from "../notifications/kinds.js";

export { NOTIFICATION_KINDS, type NotificationKind };

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  workspaceId: string | null;
  link: string;
  title: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationSettings {
  locale: "sv" | "en";
  /** Kinds that do not come by e-mail; the bell shows them all. */
  emailOff: NotificationKind[];
  /** Whether this instance sends e-mail at all (SMTP configured). */
  emailEnabled: boolean;
}

export const notificationSettingsBody = z.strictObject({
  locale: z.enum(["sv", "en"]).optional(),
  emailOff: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length).optional(),
});
export type NotificationSettingsBody = z.infer<typeof notificationSettingsBody>;

/** The bell's long poll: with `seen` (the count shown) and `wait` (seconds), answered when the count differs or the wait is over. */
export const UNREAD_WAIT_MAX_S = 30;
export const unreadCountQuery = z.strictObject({
  wait: z.coerce.number().int().min(1).max(UNREAD_WAIT_MAX_S).optional(),
  seen: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export interface UnsentMail {
  id: string;
  to: string;
  kind: string;
  subject: string;
  status: "pending" | "failed";
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
}
