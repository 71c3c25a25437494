/**
 * Meeting times between a datetime-local input and the stored ISO instant. The wall-clock time
 * typed is Swedish time whatever the device's zone, as everywhere else in the app (dates are
 * shown in Europe/Stockholm), and it is stored with its offset, e.g. 2026-03-12T13:00:00+01:00.
 */
import { formatOffset, stockholmClock, stockholmOffsetMinutes } from "../../../../shared/time/stockholm.js";

/** "YYYY-MM-DDTHH:mm" (a datetime-local value) for a stored instant, in Swedish time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const at = stockholmClock(iso);
  return at ? `${at.date}T${at.time}` : "";
}

/** The instant a datetime-local value means in Swedish time, with its offset; null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const asUtc = Date.UTC(y as number, (mo as number) - 1, d, h, mi);
  // The offset at the guessed instant, then again at the corrected one (right across DST changes).
  let offset = stockholmOffsetMinutes(asUtc - stockholmOffsetMinutes(asUtc) * 60_000);
  offset = stockholmOffsetMinutes(asUtc - offset * 60_000);
  return `${value.slice(0, 16)}:00${formatOffset(offset)}`;
}

/** The calendar year (Swedish time) a meeting belongs to: its start, or today when it has none. */
export function meetingYear(startsAt: string | null, now = new Date()): number {
  const at = (startsAt ? stockholmClock(startsAt) : null) ?? stockholmClock(now);
  return Number(at?.date.slice(0, 4));
}
