/**
 * Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer)
 * in free text. Samverkan plans work between organisations; patient data must never be stored in
 * it, and people type "pat. 19xxxxxx-xxxx" by habit. One rule for the editor's warning, the API's
 * refusal and the realtime layer's removal.
 *
 * A match is a written form — YYMMDD-NNNC, YYMMDD+NNNC (aged 100 or more), YYYYMMDD-NNNC, or the
 * same without separator, with an en dash or with spaces — whose date exists (leap years checked;
 * a samordningsnummer adds 60 to the day) and whose last digit is the Luhn check digit of the
 * ten-digit form. Digit runs that are longer, shorter or grouped otherwise (phone numbers such as
 * 070-123 45 67) and dates with a four-digit suffix that fails the check are not numbers.
 *
 * Digits inside a UUID are never a number: one random UUID in about 18,000 holds a valid
 * "YYMMDD-NNNC" between its groups and one in 85 the start of one, and ids are UUIDs — a card's key,
 * an owner in a request, a deep link pasted into the minutes.
 *
 * One kind of false positive remains: a ten-digit run without separators that happens to be a
 * valid date plus check digit (about one in twenty mobile numbers written 070xxxxxxx). The editor
 * tells the writer why, and writing the number with its usual spaces avoids it.
 */

export type IdentityNumberKind = "personnummer" | "samordningsnummer";

export interface IdentityNumberMatch {
  /** UTF-16 offsets into the text: `text.slice(start, end)` is the number as written. */
  start: number;
  end: number;
  kind: IdentityNumberKind;
}

/** What a removed number is replaced with, in documents and wherever text is cleaned. */
export const IDENTITY_NUMBER_PLACEHOLDER = "[personnummer borttaget]";

// Not preceded or followed by a digit. The separator: a hyphen,
// an en dash or a plus (with optional spaces around it), one or more spaces, or nothing.
const CANDIDATE = /(?<!\p{Nd})((?:18|19|20)?)(\d{6})(\s*[-\u2013+]\s*|[ \u00a0]{1,2}|)(\d{4})(?!\p{Nd})/gu;

/** Cheap pre-check: at least ten digits in the text. Most texts have none. */
function mayContain(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digits >= 10) return true;
  }
  return false;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Whether text[start, end) overlaps a UUID written in the text. */
function inUuid(text: string, start: number, end: number): boolean {
  if (!text.includes("-")) return false;
  for (const m of text.matchAll(UUID)) if (m.index < end && m.index + m[0].length > start) return true;
  return false;
}

export function findIdentityNumbers(text: string): IdentityNumberMatch[] {
  if (!mayContain(text)) return [];
  const found: IdentityNumberMatch[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century = "", date = "", separator = "", tail = ""] = m;
    if (inUuid(text, m.index, m.index + whole.length)) continue;
    const kind = check(century, date, separator, tail);
    if (kind) found.push({ start: m.index, end: m.index + whole.length, kind });
  }
  return found;
}

export function containsIdentityNumber(text: string): boolean {
  return findIdentityNumbers(text).length > 0;
}

/** The text with every identity number replaced by the placeholder. */
export function withoutIdentityNumbers(text: string, placeholder = IDENTITY_NUMBER_PLACEHOLDER): string {
  const found = findIdentityNumbers(text);
  let out = text;
  for (let i = found.length - 1; i >= 0; i--) {
    const { start, end } = found[i] as IdentityNumberMatch;
    out = out.slice(0, start) + placeholder + out.slice(end);
  }
  return out;
}

// The start of one as it is typed: a date (six or eight digits) followed by a separator or by up
// to three more digits — not yet a number, but the editor warns before it is one.
const STARTED = /(?<!\p{Nd})((?:18|19|20)?)(\d{6})(?:\s*[-\u2013+]\s*\d{0,3}|[ \u00a0]?\d{1,3})(?!\p{Nd})/gu;

/**
 * Where the text holds a number being typed (a valid date and the start of the last four digits)
 * or a complete one: the span to warn about and to offer to remove. Null when there is none.
 */
export function identityNumberInProgress(text: string): { start: number; end: number } | null {
  const complete = findIdentityNumbers(text)[0];
  if (complete) return { start: complete.start, end: complete.end };
  for (const m of text.matchAll(STARTED)) {
    const [whole, , date = ""] = m;
    if (validDate(date) && !inUuid(text, m.index, m.index + whole.length))
      return { start: m.index, end: m.index + whole.length };
  }
  return null;
}

function validDate(date: string): boolean {
  const month = Number(date.slice(2, 4));
  const day = Number(date.slice(4, 6)) % 60 || 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && Number(date.slice(4, 6)) <= 91;
}

function check(century: string, date: string, separator: string, tail: string): IdentityNumberKind | null {
  const yy = Number(date.slice(0, 2));
  const month = Number(date.slice(2, 4));
  let day = Number(date.slice(4, 6));
  let kind: IdentityNumberKind = "personnummer";
  if (day > 60) {
    day -= 60;
    kind = "samordningsnummer";
  }
  if (month < 1 || month > 12 || day < 1) return null;
  const plus = separator.trim() === "+";
  // Which centuries the birth year may be in: given, or 1800s/1900s for "+" (100 or older), or
  // either of the last two (the date must exist in at least one of them — 29 Feb in 00).
  const centuries = century ? [Number(century)] : plus ? [18, 19] : [19, 20];
  if (century && plus) return null; // the twelve-digit form has no "+"
  if (!centuries.some((c) => day <= daysIn(c * 100 + yy, month))) return null;
  return luhn(date + tail) ? kind : null;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Luhn over the ten-digit form: weights 2,1,2,1,… from the first digit; the sum ends in 0. */
function luhn(ten: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = ten.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The first string anywhere in a JSON value that holds an identity number, with its path
 * ("items.2.title") and kind, or null. Object keys are checked too; `skip` names fields that are
 * never stored as text (passwords).
 */
export function findIdentityNumberIn(
  value: unknown,
  skip: ReadonlySet<string> = new Set(),
): { path: string; kind: IdentityNumberKind } | null {
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length > 0) {
    const [current, at] = stack.pop() as [unknown, (string | number)[]];
    if (typeof current === "string") {
      const match = findIdentityNumbers(current)[0];
      if (match) return { path: at.join(".") || "(body)", kind: match.kind };
    } else if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) stack.push([current[i], [...at, i]]);
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (skip.has(key)) continue;
        const inKey = findIdentityNumbers(key)[0];
        // The path names where it is, never the number itself.
        if (inKey) return { path: [...at, "(field name)"].join("."), kind: inKey.kind };
        stack.push([item, [...at, key]]);
      }
    }
  }
  return null;
}
