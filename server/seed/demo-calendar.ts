/**
 * Dates for the demo, relative to the day it is seeded, in Swedish time: the meeting was a recent
 * Thursday afternoon, due dates lie ahead (a few already passed), measurements lie behind.
 */
import { formatOffset, STOCKHOLM, stockholmDate, stockholmOffsetMinutes } from "../../shared/time/stockholm.js";

const DAY_MS = 86_400_000;
const weekdayFormat = new Intl.DateTimeFormat("en-US", { timeZone: STOCKHOLM, weekday: "short" });

/** YYYY-MM-DD of an instant in Swedish time. */
export const swedishDate = stockholmDate;

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
    meetingTime: (hhmm) =>
      `${meetingDate}T${hhmm}:00${formatOffset(stockholmOffsetMinutes(instant(meetingDay).getTime()))}`,
    year: Number(swedishDate(now).slice(0, 4)),
  };
}
