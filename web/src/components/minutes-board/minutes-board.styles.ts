/** Styles of the minutes screen, on top of the shared page and form styles (44 px targets, visible focus). */
import { css } from "lit";
import { dialogStyles } from "../../styles/dialog.js";
import { formStyles, pageStyles, srOnly } from "../../styles/shared.js";
import { boardStatusStyles } from "../board-status/board-status.js";

export const minutesBoardStyles = [
  pageStyles,
  formStyles,
  srOnly,
  boardStatusStyles,
  dialogStyles,
  css`
    .note {
      border-left: 4px solid var(--color-primary);
      padding: var(--space-2) var(--space-3);
      background: var(--color-surface);
    }
    section {
      margin: var(--space-5) 0;
    }
    h3 {
      font-size: var(--text-large);
      margin: var(--space-4) 0 var(--space-2);
    }
    h4 {
      font-size: var(--text-base);
      margin: var(--space-4) 0 var(--space-1);
    }
    form {
      max-width: none;
    }
    input,
    select,
    textarea {
      font-weight: 400;
    }
    .fields,
    form.inline,
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2) var(--space-4);
      align-items: end;
    }
    .grow {
      flex: 1 1 16rem;
    }
    /* A plain text field in a row (the meeting's place) takes the room left instead of cutting its text. */
    .fields > label:has(> input) {
      flex: 1 1 16rem;
    }
    .fields > label > input {
      box-sizing: border-box;
      width: 100%;
    }
    label.number input {
      width: 7rem;
    }
    .hint {
      display: block;
    }
    .details {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: var(--space-1) var(--space-4);
      margin: 0;
    }
    dt {
      font-weight: var(--weight-strong);
    }
    dd {
      margin: 0;
    }
    fieldset {
      border: 1px solid var(--color-border);
      border-radius: var(--radius);
      margin: var(--space-4) 0 0;
    }
    ul.attendees,
    ul.actions,
    ol.decisions {
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--space-2);
    }
    ul.attendees,
    ul.actions {
      list-style: none;
    }
    ol.decisions {
      padding-left: var(--space-5);
    }
    ul.attendees li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-1) var(--space-4);
      border-bottom: 1px solid var(--color-border);
      padding: var(--space-1) 0;
    }
    ul.attendees .who {
      flex: 1 1 14rem;
    }
    .add-attendees {
      display: grid;
      gap: var(--space-4);
      margin-top: var(--space-4);
    }
    .item {
      background: var(--color-surface);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-large);
      box-shadow: var(--shadow-card);
      padding: var(--space-3) var(--space-4) var(--space-4);
    }
    .item h3 {
      margin-top: 0;
      font-size: var(--text-h2);
    }
    textarea {
      width: 100%;
      box-sizing: border-box;
    }
    fieldset.action {
      background: var(--color-surface-raised);
      margin: 0;
    }
    fieldset.action legend {
      font-weight: var(--weight-strong);
    }
    .fact {
      margin: 0;
      min-height: var(--touch);
      display: flex;
      align-items: center;
      gap: var(--space-1);
    }
    .action-form {
      margin-top: var(--space-3);
      gap: var(--space-2);
    }
    a.focus-link {
      display: inline-flex;
      align-items: center;
      min-height: var(--touch);
    }
    button.secondary {
      align-self: end;
    }
    .add-item {
      margin-top: var(--space-4);
    }
  `,
];
