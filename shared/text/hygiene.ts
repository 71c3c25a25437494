/**
 * The one rule for text people store, on the server and in the browser alike:
 * - NUL (U+0000) and lone surrogates are refused: PostgreSQL cannot store the first in text, and
 *   the second is not a character at all (it cannot be encoded as UTF-8);
 * - bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are
 *   removed from names and titles: in a title they can make a record read differently from what
 *   it holds (text spoofing in a public record), and nobody types them on purpose.
 */

/** Why this text cannot be stored, or null when it can. */
export function unstorableText(value: string): string | null {
  if (value.includes("\u0000")) return "Contains a NUL character, which cannot be stored.";
  if (hasLoneSurrogate(value)) return "Contains a broken character (a lone surrogate), which cannot be stored.";
  return null;
}

function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return true;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** A name or title without bidirectional embedding, override or isolate controls. */
export function withoutBidiControls(value: string): string {
  return value.replace(BIDI_CONTROLS, "");
}

/**
 * The first string anywhere in a JSON value (object keys included) that cannot be stored, with
 * its path ("items.2.title"), or null.
 */
export function findUnstorableText(
  value: unknown,
  path: (string | number)[] = [],
): { path: string; reason: string } | null {
  const stack: [unknown, (string | number)[]][] = [[value, path]];
  while (stack.length > 0) {
    const [current, at] = stack.pop() as [unknown, (string | number)[]];
    if (typeof current === "string") {
      const reason = unstorableText(current);
      if (reason) return { path: at.join(".") || "(body)", reason };
    } else if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) stack.push([current[i], [...at, i]]);
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        const reason = unstorableText(key);
        if (reason) return { path: [...at, key].join("."), reason };
        stack.push([item, [...at, key]]);
      }
    }
  }
  return null;
}
