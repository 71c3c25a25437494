/**
 * Swedish clocks, whatever the zone of the server or the device: dates and times of meetings,
 * due dates and "today" are all read against Europe/Stockholm. Used by the server (renderers,
 * queries, the demo) and the web app (meeting times).
 */
export const STOCKHOLM = "Europe/Stockholm";

const clock = new Intl.DateTimeFormat("sv-SE", {
  timeZone: STOCKHOLM,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const offsetName = new Intl.DateTimeFormat("en-US", { timeZone: STOCKHOLM, timeZoneName: "longOffset" });

/** An instant on Swedish clocks: date "YYYY-MM-DD" and time "HH:mm"; null when it is not a time. */
export function stockholmClock(at: Date | string): { date: string; time: string } | null {
  const instant = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) return null;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    clock.formatToParts(instant).find((p) => p.type === type)?.value ?? "";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

/** "YYYY-MM-DD" of an instant in Sweden (e.g. today, for what is overdue). */
export function stockholmDate(at: Date): string {
  return stockholmClock(at)?.date ?? "";
}

/** Minutes east of UTC on Swedish clocks at the instant `ms` (60 in winter, 120 in summer). */
export function stockholmOffsetMinutes(ms: number): number {
  const name = offsetName.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? "");
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

/** The offset as written in an ISO instant: "+01:00" or "+02:00". */
export function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
