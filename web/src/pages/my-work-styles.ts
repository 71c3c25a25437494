/** Styles of the actions list and the decision log: the filter form, the tables, and paper. */
import { css } from "lit";

export const myWorkStyles = css`
  form.filters {
    max-width: none;
    display: grid;
    gap: var(--space-3) var(--space-4);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr));
    align-items: end;
  }
  form.filters select,
  form.filters input:not([type="checkbox"]) {
    width: 100%;
    box-sizing: border-box;
  }
  .checks,
  .buttons {
    grid-column: 1 / -1;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2) var(--space-4);
    align-items: center;
  }
  a.download {
    display: inline-flex;
    align-items: center;
    min-height: var(--touch);
  }
  .table-wrap {
    overflow-x: auto;
  }
  td,
  th {
    padding: var(--space-2) var(--space-2);
  }
  td a {
    display: inline-block;
    min-height: 1.5rem;
    overflow-wrap: break-word;
  }
  td.title {
    min-width: 9rem;
  }
  .overdue {
    color: var(--color-danger);
    font-weight: var(--weight-strong);
  }
  td.due {
    min-width: 6.5rem;
  }
  td.due .overdue {
    display: block;
  }
  .print-only {
    display: none;
  }
  @media print {
    .screen-only,
    form,
    button {
      display: none !important;
    }
    .print-only {
      display: block;
    }
    h1 {
      font-size: var(--text-h2);
      margin-bottom: var(--space-1);
    }
    h2 {
      font-size: var(--text-large);
      margin-top: var(--space-2);
    }
    a {
      color: inherit;
      text-decoration: none;
    }
    table {
      font-size: 10pt;
    }
    tr {
      break-inside: avoid;
    }
    .overdue {
      color: inherit;
    }
  }
`;
