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
      padding: 0.5rem 0.75rem;
      background: var(--color-surface);
    }
    section {
      margin: 1.5rem 0;
    }
    h3 {
      font-size: 1.1rem;
      margin: 1rem 0 0.5rem;
    }
    h4 {
      font-size: 1rem;
      margin: 1rem 0 0.25rem;
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
      gap: 0.5rem 1rem;
      align-items: end;
    }
    .grow {
      flex: 1 1 16rem;
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
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
    }
    fieldset {
      border: 1px solid var(--color-border);
      border-radius: var(--radius);
      margin: 1rem 0 0;
    }
    ul.attendees,
    ul.actions,
    ol.decisions {
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    ul.attendees,
    ul.actions {
      list-style: none;
    }
    ol.decisions {
      padding-left: 1.5rem;
    }
    ul.attendees li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 1rem;
      border-bottom: 1px solid var(--color-border);
      padding: 0.25rem 0;
    }
    ul.attendees .who {
      flex: 1 1 14rem;
    }
    .add-attendees {
      display: grid;
      gap: 1rem;
      margin-top: 1rem;
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
      background: #fff;
      margin: 0;
    }
    fieldset.action legend {
      font-weight: 600;
    }
    .fact {
      margin: 0;
      min-height: var(--touch);
      display: flex;
      align-items: center;
      gap: 0.25rem;
    }
    .action-form {
      margin-top: 0.75rem;
      gap: 0.5rem;
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
      margin-top: 1rem;
    }
  `,
];
