/** Styles shared by pages: headings, forms, tables and buttons with 44 px touch targets and a visible focus. */
import { css } from "lit";

export const pageStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: var(--text-h1);
    line-height: 1.25;
    margin: 0 0 var(--space-4);
  }
  h2 {
    font-size: var(--text-h2);
    line-height: 1.3;
    margin: var(--space-5) 0 var(--space-2);
  }
  a {
    color: var(--color-primary);
  }
  :focus-visible {
    outline: var(--focus-ring);
    outline-offset: 2px;
  }
  .muted {
    color: var(--color-muted);
  }
  /* A problem to act on: said in words (role="alert"), the colour only adds to it. */
  .error {
    color: var(--color-danger);
    font-weight: var(--weight-strong);
  }
  .card {
    background: var(--color-surface-raised);
    border: 1px solid var(--color-border);
    border-radius: var(--radius-large);
    box-shadow: var(--shadow-card);
    padding: var(--space-4);
  }
  /* The card's padding is its top margin: a heading first in it adds none of its own. */
  .card > :first-child {
    margin-top: 0;
  }
  /* A wide table scrolls sideways inside the page on a phone instead of widening the page. */
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: var(--space-2);
  }
`;

/** Text for screen readers only (live regions, labels of icon buttons). */
export const srOnly = css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

export const formStyles = css`
  /* Date fields (components/date-field): text in the Swedish form plus a calendar button. */
  .date-field { display: inline-flex; flex-direction: column; gap: var(--space-1); max-width: 100%; }
  .date-row { display: inline-flex; align-items: stretch; gap: var(--space-1); position: relative; max-width: 100%; }
  .date-row input.typed { min-width: 0; font-variant-numeric: tabular-nums; }
  .date-row .pick { min-width: var(--touch); min-height: var(--touch); display: inline-flex; align-items: center; justify-content: center; padding: 0; }
  .date-row input.native { position: absolute; left: 0; bottom: 0; width: 1px; height: 1px; opacity: 0; pointer-events: none; border: 0; padding: 0; }
  .date-error:not([hidden]) { color: var(--color-danger); font-size: var(--text-small); }
  /* One column that never grows past the screen: a select with a long option shrinks instead. */
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--space-4);
    max-width: 28rem;
  }
  label {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    max-width: 100%;
    gap: var(--space-1);
    font-weight: var(--weight-strong);
  }
  /*
   * Every field is one touch target tall borders included (a select already is), so the labels of
   * fields side by side line up: a text or date field was 2 px taller than a select beside it.
   */
  input,
  select,
  textarea {
    box-sizing: border-box;
  }
  input {
    font: inherit;
    /* What people type is text, not a label: inputs inside a bold label are not bold. */
    font-weight: 400;
    min-height: var(--touch);
    padding: 0 var(--space-3);
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
  }
  select {
    max-width: 100%;
    min-width: 0;
  }
  select,
  textarea {
    font: inherit;
    font-weight: 400;
    min-height: var(--touch);
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    padding: var(--space-1) var(--space-2);
  }
  /* Every field on the same white ground (a select is otherwise grey in Chromium). */
  input,
  select,
  textarea {
    background: var(--color-surface-raised);
    color: var(--color-text);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: left;
    border-bottom: 1px solid var(--color-border);
    padding: var(--space-1) var(--space-2);
    vertical-align: middle;
  }
  button.secondary {
    background: var(--color-surface-raised);
    color: var(--color-primary);
  }
  button.danger {
    background: var(--color-surface-raised);
    color: var(--color-danger);
    border-color: var(--color-danger);
  }
  input[aria-invalid="true"] {
    border: 2px solid var(--color-danger);
  }
  .hint {
    font-weight: 400;
    color: var(--color-muted);
    font-size: var(--text-small);
  }
  .field-error {
    font-weight: 400;
    color: var(--color-danger);
  }
  button {
    font: inherit;
    min-height: var(--touch);
    min-width: var(--touch);
    padding: 0 1.25rem;
    border-radius: var(--radius);
    border: 1px solid var(--color-primary);
    background: var(--color-primary);
    color: var(--color-primary-text);
    cursor: pointer;
    justify-self: start;
  }
  button[disabled] {
    opacity: 0.7;
    cursor: progress;
  }
  [role="alert"] {
    color: var(--color-danger);
    border-left: 4px solid var(--color-danger);
    padding: var(--space-2) var(--space-3);
    background: var(--color-danger-soft);
  }
  /* A row of checkboxes, each with its label beside it (still a 44 px target). */
  .checks label,
  label.check {
    display: inline-flex;
    flex-direction: row;
    align-items: center;
    gap: var(--space-2);
    min-height: var(--touch);
    margin-right: var(--space-4);
    font-weight: 400;
  }
  /* A box or a round keeps its size when the text beside it wraps to two lines. */
  input[type="checkbox"],
  input[type="radio"] {
    flex-shrink: 0;
  }
  .checks input,
  label.check input,
  input[type="radio"] {
    min-height: auto;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
  }
`;

/**
 * One badge for every chip on every screen: status (of a goal, an action or a decision point),
 * PGSA phase, overdue, level, perspective. Words carry the meaning; the soft colour only adds to it.
 * Tones: `ok`, `warning`, `danger`, `info`, `neutral`; a goal's status names its tone directly.
 */
export const badgeStyles = css`
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-1) var(--space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .badge {
    display: inline-block;
    box-sizing: border-box;
    padding: 0 var(--space-2);
    border: 1px solid var(--color-border);
    border-radius: 999px;
    background: var(--color-surface-raised);
    color: var(--color-text);
    font-size: var(--text-small);
    font-weight: var(--weight-strong);
    line-height: 1.6;
    overflow-wrap: anywhere;
  }
  .badge.ok,
  .badge.achieved {
    background: var(--color-ok-soft);
    border-color: var(--color-ok);
    color: #14481f;
  }
  .badge.warning,
  .badge.partly_achieved {
    background: var(--color-warning-soft);
    border-color: var(--color-warning);
    color: #4d3600;
  }
  .badge.danger,
  .badge.not_achieved {
    background: var(--color-danger-soft);
    border-color: var(--color-danger);
    color: #6d0f12;
  }
  .badge.info {
    background: var(--color-accent-soft);
    border-color: var(--color-primary);
    color: var(--color-primary);
  }
  .badge.neutral,
  .badge.not_started {
    background: var(--color-surface);
  }
`;
