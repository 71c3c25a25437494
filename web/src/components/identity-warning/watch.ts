/**
 * Part of the first download: loads the identity warning (identity-warning.ts, with the rule it
 * applies) the first time a text field holds six digits in a row — before that nothing can be a
 * personal identity number. From then on the warning's own listener sees every keystroke. The
 * rich-text editor loads the warning itself.
 */
import type { TextField } from "./identity-warning.js";

const SIX_DIGITS = /\d{6}/;
let loaded = false;

function onInput(event: Event) {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
  if (!SIX_DIGITS.test(target.value)) return;
  window.removeEventListener("input", onInput, true);
  const field: TextField = target;
  void import("./identity-warning.js").then(
    (warning) => {
      loaded = true;
      warning.inspectField(field);
    },
    () => window.addEventListener("input", onInput, true), // offline and not on the device: try again later
  );
}

export function watchForIdentityNumbers(): void {
  if (!loaded) window.addEventListener("input", onInput, true);
}
