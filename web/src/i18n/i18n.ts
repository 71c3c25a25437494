/**
 * The UI language: Swedish by default, English on request, remembered on this device. `t()`
 * fills {placeholders}; `LocaleController` re-renders an element when the language changes. The
 * English texts are fetched when English is chosen (most people never need them: they are not
 * part of the first download); until they are here, the page stays in Swedish.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { type MessageKey, sv } from "./sv.js";

export type { MessageKey };
export type Locale = "sv" | "en";
let english: Record<MessageKey, string> | null = null;
let fetchingEnglish: Promise<boolean> | null = null;

/** Fetches the English texts once; false when they cannot be had (offline and not on the device). */
function loadEnglish(): Promise<boolean> {
  fetchingEnglish ??= import("./en.js").then(
    (module) => {
      english = module.en;
      return true;
    },
    () => {
      fetchingEnglish = null; // try again next time
      return false;
    },
  );
  return fetchingEnglish;
}
const STORAGE_KEY = "samverkan.locale";
const listeners = new Set<() => void>();

function initial(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "sv";
  } catch {
    return "sv";
  }
}

let current: Locale = "sv";

/** Reads the remembered choice and sets the page language; called once at start-up. */
export function initLocale(): void {
  current = "sv";
  document.documentElement.lang = "sv";
  if (initial() === "en") void setLocale("en");
}

export function locale(): Locale {
  return current;
}

export async function setLocale(next: Locale): Promise<void> {
  if (next === current) return;
  if (next === "en" && !english && !(await loadEnglish())) return;
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode: the choice lasts for this page only
  }
  for (const listener of listeners) listener();
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const messages = current === "en" && english ? english : sv;
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Keys that come in a one/other pair ("home.actionsTotal" for "home.actionsTotal.one" and ".other"). */
type PluralKey = { [K in MessageKey]: K extends `${infer Base}.one` ? Base : never }[MessageKey];

/** A count in words with the language's plural form: "1 aktivitet", "3 aktiviteter". */
export function tp(key: PluralKey, count: number, vars: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(current === "sv" ? "sv-SE" : "en-GB").select(count) === "one" ? "one" : "other";
  return t(`${key}.${form}` as MessageKey, { count, ...vars });
}

/** A date (YYYY-MM-DD or ISO) the way the reader's language writes it. */
export function formatDate(value: string, withTime = false): string {
  const date = new Date(value.length === 10 ? `${value}T12:00:00` : value);
  return new Intl.DateTimeFormat(current === "sv" ? "sv-SE" : "en-GB", {
    dateStyle: "medium",
    ...(withTime ? { timeStyle: "short" } : {}),
    timeZone: "Europe/Stockholm",
  }).format(date);
}

export class LocaleController implements ReactiveController {
  private readonly update = () => this.host.requestUpdate();
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    listeners.add(this.update);
  }
  hostDisconnected(): void {
    listeners.delete(this.update);
  }
}

/** Why a board write was refused (BoardInputError), in the reader's words; the schemas' own are English. */
export function inputProblem(error: { issue?: { code: string; maximum?: number } }): string {
  const issue = error.issue;
  if (issue?.code === "too_small") return t("input.required");
  if (issue?.code === "too_big" && issue.maximum !== undefined) return t("input.tooLong", { max: issue.maximum });
  return t("input.invalid");
}
