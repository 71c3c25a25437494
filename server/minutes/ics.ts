/** Pure iCalendar (RFC 5545) text for the partnership's meetings: one VEVENT per board, one VCALENDAR per feed. */

export interface CalendarMeeting {
  /** Stable id; the UID is `${boardId}@samverkan` so a calendar app updates the event instead of duplicating it. */
  boardId: string;
  /** Board title, e.g. "Samverkansmöte 23 november". */
  title: string;
  /** ISO instant with `Z` or an offset; an empty or unparseable value means "no start yet". */
  startsAt: string;
  /** ISO instant; null (or not after the start) means one hour after the start. */
  endsAt: string | null;
  /** May be "", in which case no LOCATION is written. */
  place: string;
  /** Plain text; may contain newlines, commas, semicolons, backslashes and å ä ö. */
  description: string;
  /** Absolute link to the board in the web app; left out if it is not an absolute URL. */
  url: string;
  /** ISO instant; becomes DTSTAMP and LAST-MODIFIED. */
  updatedAt: string;
  /** Bumped whenever the meeting changes, so clients accept the newer copy. */
  sequence: number;
  cancelled?: boolean;
}

const CRLF = "\r\n";
/** RFC 5545 §3.1: content lines SHOULD NOT exceed 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;
const HOUR_MS = 60 * 60 * 1000;

// Only instants with an explicit zone: a zone-less ISO string would be read in the server's local time,
// which makes the output depend on the host.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Milliseconds since the epoch, or null when the value is not an ISO instant with a zone. */
function parseInstant(value: string | null): number | null {
  if (value === null || !ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function requireInstant(value: string, field: string): number {
  const ms = parseInstant(value);
  if (ms === null) throw new RangeError(`${field} is not an ISO instant with a zone: ${JSON.stringify(value)}`);
  return ms;
}

/** `YYYYMMDDTHHMMSSZ`; sub-second precision is dropped because DATE-TIME has none. */
function utc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * TEXT value escaping (§3.3.11). Every line break becomes the two characters `\n`, so no value can end
 * the content line and start a property or component of its own. Other control characters are not
 * allowed in TEXT at all and are dropped.
 */
function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n|\r|\n/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/[\\;,\n]/g, (c) => (c === "\n" ? "\\n" : `\\${c}`))
  );
}

/**
 * Folds one content line into physical lines of at most 75 UTF-8 octets (§3.1). Splits only between
 * code points, so a multi-byte character such as "ö" is never cut in half; the leading space of a
 * continuation line counts towards its 75.
 */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).byteLength;
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** A URI value is not TEXT-escaped; normalising through URL also removes any line break or control character. */
function absoluteUrl(value: string): string | null {
  if (!URL.canParse(value)) return null;
  return new URL(value).href;
}

/**
 * The unfolded content lines of one VEVENT, from BEGIN to END. `calendar` folds them; callers that
 * assemble their own document must fold too. Throws a RangeError if `startsAt` or `updatedAt` is not
 * an ISO instant with a zone.
 */
export function meetingEvent(m: CalendarMeeting): string[] {
  const start = requireInstant(m.startsAt, "startsAt");
  const stamp = requireInstant(m.updatedAt, "updatedAt");
  const givenEnd = parseInstant(m.endsAt);
  // DTEND must be later than DTSTART (§3.6.1); a missing or backwards end falls back to the usual hour.
  const end = givenEnd !== null && givenEnd > start ? givenEnd : start + HOUR_MS;
  const sequence = Number.isFinite(m.sequence) ? Math.max(0, Math.trunc(m.sequence)) : 0;
  const url = absoluteUrl(m.url);

  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(`${m.boardId}@samverkan`)}`,
    // DTSTAMP from the meeting rather than "now", so an unchanged feed is byte-identical between requests.
    `DTSTAMP:${utc(stamp)}`,
    `LAST-MODIFIED:${utc(stamp)}`,
    `SEQUENCE:${sequence}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${escapeText(m.title)}`,
  ];
  if (m.place !== "") lines.push(`LOCATION:${escapeText(m.place)}`);
  if (m.description !== "") lines.push(`DESCRIPTION:${escapeText(m.description)}`);
  if (url !== null) lines.push(`URL:${url}`);
  lines.push(`STATUS:${m.cancelled ? "CANCELLED" : "CONFIRMED"}`, "END:VEVENT");
  return lines;
}

/**
 * A whole VCALENDAR document: CRLF line endings, folded lines, times in UTC. Meetings without a valid
 * start (an empty or unparseable `startsAt`) are skipped: a board whose meeting has not been scheduled yet
 * has no place in a calendar and must not break the feed for the others.
 */
export function calendar(name: string, meetings: CalendarMeeting[]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//Samverkan//Samverkan//SV",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    "X-WR-TIMEZONE:Europe/Stockholm",
  ];
  for (const m of meetings) {
    if (parseInstant(m.startsAt) === null) continue;
    lines.push(...meetingEvent(m));
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join(CRLF) + CRLF;
}
