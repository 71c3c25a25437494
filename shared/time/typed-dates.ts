/**
 * Dates and times as people type them in a Swedish office, read into the forms the app stores:
 * "2026-12-20", "20261220", "20/12/2026", "20.12.2026" → "2026-12-20"; "13:00", "13.00", "1300",
 * "9" → "09:00". The Swedish way of writing a date is ÅÅÅÅ-MM-DD, so that is what fields show
 * (the browser's own date input shows mm/dd/yyyy on an American-English system).
 */

/** "YYYY-MM-DD" for a date that exists, null for anything else (31 February, 2026-13-01, "soon"). */
export function readTypedDate(text: string): string | null {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-?(\d{1,2})-?(\d{1,2})$/.exec(s);
  if (match && (s.includes("-") || s.length === 8)) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** "HH:MM" on the 24-hour clock, null when it is not a time of day. */
export function readTypedTime(text: string): string | null {
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2] ?? 0);
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/**
 * "YYYY-MM-DDTHH:mm" (a datetime-local value) from "2026-12-10 13:00", "2026-12-10 kl. 13.00" or
 * "2026-12-10T13:00"; a date alone is not enough for a meeting's time. Null when not both.
 */
export function readTypedDateTime(text: string): string | null {
  const match = /^(\S+?)(?:T|\s+(?:kl\.?\s*)?)(\S+)$/i.exec(text.trim());
  if (!match) return null;
  const date = readTypedDate(match[1] as string);
  const time = readTypedTime(match[2] as string);
  return date && time ? `${date}T${time}` : null;
}

/** How a datetime-local value is shown in a field: "2026-12-10 13:00". */
export function showDateTime(local: string): string {
  return local.replace("T", " ");
}
