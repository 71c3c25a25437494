/**
 * Styles of the plan: a document to read (measure, headings, badges for goal status), the edit
 * mode's cards with their move and remove tools (44 px targets), fields in normal weight that
 * grow with their text, and paper: the read view alone, no controls.
 */
import { css, unsafeCSS } from "lit";
import { badgeStyles, formStyles, pageStyles, srOnly } from "../../styles/shared.js";
import { boardStatusStyles } from "../board-status/board-status.js";
import { targetHighlightCss } from "../board-target/board-target.js";

export const planBoardStyles = [
  pageStyles,
  formStyles,
  srOnly,
  badgeStyles,
  boardStatusStyles,
  unsafeCSS(targetHighlightCss),
  css`
    .goal-extras {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      margin-top: var(--space-2);
    }
    @media print {
      .goal-extras {
        display: none;
      }
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      align-items: center;
      justify-content: flex-end;
    }
    .bar .note {
      margin: 0;
      flex: 1 1 20rem;
    }
    /* Edit mode on: the toggle looks pressed (its state is also said: aria-pressed). */
    button.mode[aria-pressed="true"] {
      background: var(--color-surface-raised);
      color: var(--color-primary);
      border-width: 2px;
      box-shadow: inset 0 2px 4px rgb(0 0 0 / 20%);
    }
    button.mode[aria-pressed="true"]::before {
      content: "✓ ";
    }
    .note {
      border-left: 4px solid var(--color-primary);
      padding: var(--space-2) var(--space-3);
      background: var(--color-surface);
    }
    article {
      max-width: 46rem;
    }
    article section {
      margin: var(--space-6) 0;
    }
    .prose p,
    .multiline {
      margin: 0 0 var(--space-3);
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .lead {
      color: var(--color-muted);
    }
    ol.goals,
    ul.goals {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--space-4);
    }
    .goals > li {
      border-left: 4px solid var(--color-border);
      padding: var(--space-1) 0 var(--space-1) var(--space-4);
    }
    .goals h3 {
      margin: 0 0 var(--space-1);
      font-size: var(--text-large);
    }
    .goal .badges {
      margin: 0 0 var(--space-1);
    }
    table.contacts th {
      font-weight: var(--weight-strong);
    }
    table.contacts td,
    table.contacts th {
      padding: var(--space-2);
      vertical-align: top;
      overflow-wrap: anywhere;
    }
    /* Edit mode. */
    input,
    select,
    textarea {
      font-weight: 400;
      width: 100%;
      box-sizing: border-box;
    }
    textarea {
      field-sizing: content;
      min-height: calc(var(--touch) + 0.5rem);
      resize: vertical;
      line-height: 1.5;
      padding: var(--space-2) var(--space-3);
    }
    input[type="checkbox"] {
      width: auto;
    }
    form {
      max-width: none;
    }
    ol.items {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: var(--space-3);
    }
    ol.items > li {
      display: grid;
      gap: var(--space-3);
    }
    ol.items > li.dragging {
      opacity: 0.5;
    }
    ol.items > li.drop-before {
      box-shadow: 0 -4px 0 var(--color-primary);
    }
    ol.items > li.drop-after {
      box-shadow: 0 4px 0 var(--color-primary);
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      align-items: center;
    }
    .tools .name {
      flex: 1 1 12rem;
      font-weight: var(--weight-strong);
      overflow-wrap: anywhere;
    }
    .tools button {
      padding: 0 var(--space-3);
    }
    .handle {
      cursor: grab;
      display: inline-grid;
      place-items: center;
      min-width: var(--touch);
      min-height: var(--touch);
      border: 1px dashed var(--color-border);
      border-radius: var(--radius);
      user-select: none;
    }
    .fields {
      display: grid;
      gap: var(--space-3);
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    }
    fieldset {
      border: 1px solid var(--color-border);
      border-radius: var(--radius);
    }
    .add {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      align-items: end;
      margin-top: var(--space-3);
    }
    .add label {
      flex: 1 1 14rem;
    }
    @media print {
      .bar,
      .toolbar,
      .no-print,
      button {
        display: none !important;
      }
      article {
        max-width: none;
      }
      .goals > li,
      tr {
        break-inside: avoid;
      }
      a {
        color: inherit;
      }
    }
  `,
];
