/**
 * Meeting times between a datetime-local input and the stored ISO instant. The wall-clock time
 * typed is Swedish time whatever the device's zone, as everywhere else in the app (dates are
 * shown in Europe/Stockholm), and it is stored with its offset, e.g. 2026-03-12T13:00:00+01:00.
 */
const ZONE = "Europe/Stockholm";

const wallClock = new Intl.DateTimeFormat("sv-SE", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Minutes east of UTC in Stockholm at the instant `ms`. */
function offsetAt(ms: number): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: ZONE, timeZoneName: "longOffset" })
    .formatToParts(new Date(ms))
    .find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** "YYYY-MM-DDTHH:mm" (a datetime-local value) for a stored instant, in Swedish time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return wallClock.format(date).replace(" ", "T");
}

/** The instant a datetime-local value means in Swedish time, with its offset; null when empty or not a time. */
export function fromLocalInput(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const asUtc = Date.UTC(y as number, (mo as number) - 1, d, h, mi);
  // The offset at the guessed instant, then again at the corrected one (right across DST changes).
  let offset = offsetAt(asUtc - offsetAt(asUtc) * 60_000);
  offset = offsetAt(asUtc - offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.slice(0, 16)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The calendar year (Swedish time) a meeting belongs to: its start, or today when it has none. */
export function meetingYear(startsAt: string | null, now = new Date()): number {
  const date = startsAt ? new Date(startsAt) : now;
  return Number(wallClock.format(Number.isNaN(date.getTime()) ? now : date).slice(0, 4));
}
