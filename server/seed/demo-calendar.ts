/**
 * Dates for the demo, relative to the day it is seeded, in Swedish time: the meeting was a recent
 * Thursday afternoon, due dates lie ahead (a few already passed), measurements lie behind.
 */
const DAY_MS = 86_400_000;
const ZONE = "Europe/Stockholm";

const dateFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const weekdayFormat = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, weekday: "short" });
const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, timeZoneName: "longOffset" });

/** YYYY-MM-DD of an instant in Swedish time. */
export function swedishDate(at: Date): string {
  return dateFormat.format(at);
}

/** "+01:00" or "+02:00": Sweden's offset from UTC on that day. */
function swedishOffset(at: Date): string {
  const name = offsetFormat.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT+01:00";
  const match = /GMT([+-]\d{2}:\d{2})/.exec(name);
  return match?.[1] ?? "+00:00";
}

export interface DemoCalendar {
  /** The seeding day plus `days` (negative = in the past), as YYYY-MM-DD. */
  date(days: number): string;
  /** The same day as an instant (noon), for `createdAt` fields. */
  instant(days: number): Date;
  /** Days from the seeding day back to the demo meeting (negative). */
  meetingDay: number;
  /** A time of day on the meeting day with its offset, e.g. 2026-11-12T13:00:00+01:00. */
  meetingTime(hhmm: string): string;
  year: number;
}

export function demoCalendar(now: Date): DemoCalendar {
  const instant = (days: number) => {
    const at = new Date(now.getTime() + days * DAY_MS);
    return new Date(`${swedishDate(at)}T12:00:00Z`);
  };
  // The latest Thursday at least a week back: minutes that have had time to be approved.
  let meetingDay = -7;
  while (weekdayFormat.format(instant(meetingDay)) !== "Thu") meetingDay--;
  const meetingDate = swedishDate(instant(meetingDay));
  return {
    date: (days) => swedishDate(instant(days)),
    instant,
    meetingDay,
    meetingTime: (hhmm) => `${meetingDate}T${hhmm}:00${swedishOffset(instant(meetingDay))}`,
    year: Number(swedishDate(now).slice(0, 4)),
  };
}
