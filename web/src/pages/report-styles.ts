/** Styles of the report pages and the steering view: readable tables, status badges, charts, paper. */
import { css } from "lit";
import { badgeStyles } from "../styles/shared.js";

export const reportStyles = [
  badgeStyles,
  css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2) var(--space-4);
    align-items: center;
    margin: var(--space-3) 0;
  }
  .toolbar a {
    display: inline-flex;
    align-items: center;
    min-height: var(--touch);
  }
  .goal {
    border-top: 1px solid var(--color-border);
    padding: var(--space-3) 0;
  }
  .goal h4 {
    margin: 0 0 var(--space-1);
    font-size: var(--text-large);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: var(--space-1) var(--space-4);
    margin: var(--space-1) 0;
  }
  /* On a phone each fact's name stands above its text. */
  @media (max-width: 40rem) {
    dl.facts {
      grid-template-columns: minmax(0, 1fr);
    }
    dl.facts dd + dt {
      margin-top: var(--space-2);
    }
  }
  dl.facts dt {
    font-weight: var(--weight-strong);
  }
  dl.facts dd {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: break-word;
  }
  form {
    max-width: 48rem;
  }
  textarea {
    font-weight: normal;
    width: 100%;
    box-sizing: border-box;
    min-height: 4.5rem;
    font: inherit;
  }
  label.block {
    display: block;
    margin: var(--space-2) 0;
  }
  table {
    border-collapse: collapse;
  }
  td,
  th {
    text-align: left;
    padding: var(--space-2) var(--space-3);
    border-bottom: 1px solid var(--color-border);
  }
  /* The PDF's SHA-256 is one long word: it breaks rather than widening the page on a phone. */
  small {
    overflow-wrap: anywhere;
  }
  /* On a phone the action tables keep their four columns: smaller type, narrower cells, names wrap. */
  @media (max-width: 40rem) {
    table {
      font-size: var(--text-small);
    }
    td,
    th {
      padding: var(--space-2) var(--space-1);
    }
    td:first-child {
      overflow-wrap: anywhere;
    }
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  svg.chart {
    width: 100%;
    max-width: 40rem;
    height: auto;
    display: block;
  }
  .warning {
    color: var(--color-warning);
    font-weight: var(--weight-strong);
  }
  @media print {
    .screen-only,
    .toolbar,
    button {
      display: none !important;
    }
    .goal {
      break-inside: avoid;
    }
    svg.chart {
      break-inside: avoid;
    }
  }
`,
];
