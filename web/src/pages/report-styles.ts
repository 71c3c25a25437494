/** Styles of the report pages and the steering view: readable tables, status badges, charts, paper. */
import { css } from "lit";
import { badgeStyles } from "../styles/shared.js";

export const reportStyles = [
  badgeStyles,
  css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin: 0.75rem 0;
  }
  .toolbar a {
    display: inline-flex;
    align-items: center;
    min-height: var(--touch, 44px);
  }
  .goal {
    border-top: 1px solid var(--color-border);
    padding: 0.75rem 0;
  }
  .goal h4 {
    margin: 0 0 0.25rem;
    font-size: 1.05rem;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0.25rem 0;
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
    white-space: pre-wrap;
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
    margin: 0.5rem 0;
  }
  table {
    border-collapse: collapse;
  }
  td,
  th {
    text-align: left;
    padding: 0.35rem 0.6rem;
    border-bottom: 1px solid var(--color-border);
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
    color: #92400e;
    font-weight: 600;
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
