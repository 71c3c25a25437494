/** What a person can be notified about (no zod here: the web app's first download imports it). */
export const NOTIFICATION_KINDS = [
  "invited",
  "action_assigned",
  "minutes_to_approve",
  "minutes_sealed",
  "actions_overdue",
  "mentioned",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
