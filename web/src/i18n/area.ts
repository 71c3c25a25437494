/**
 * Texts that only a part loaded on demand needs (a page, the header's bell): kept beside that part
 * instead of in sv.ts, so neither language is in everyone's first download (the "texts" chunk).
 * `textArea(sv, en)` gives that part its own `t()` and `tp()`, reading the app's current language.
 */
import { locale } from "./i18n.js";

type Vars = Record<string, string | number>;

/** Every text area made so far, for tests that look for English left in the Swedish interface. */
export const TEXT_AREAS: { sv: Record<string, string>; en: Record<string, string> }[] = [];

export function textArea<const Sv extends Record<string, string>>(sv: Sv, en: Record<keyof Sv, string>) {
  TEXT_AREAS.push({ sv, en });
  type Key = keyof Sv & string;
  type PluralKey = { [K in Key]: K extends `${infer Base}.one` ? Base : never }[Key];
  const t = (key: Key, vars: Vars = {}): string =>
    (locale() === "en" ? en : sv)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  /** A count in words with the language's plural form, as i18n's `tp()`. */
  const tp = (key: PluralKey, count: number, vars: Vars = {}): string => {
    const form = new Intl.PluralRules(locale() === "sv" ? "sv-SE" : "en-GB").select(count) === "one" ? "one" : "other";
    return t(`${key}.${form}` as Key, { count, ...vars });
  };
  return { t, tp };
}
