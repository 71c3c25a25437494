/** Styles of the actions list and the decision log: the filter form, the tables, and paper. */
import { css } from "lit";

export const myWorkStyles = css`
  form.filters {
    max-width: none;
    display: grid;
    gap: 0.75rem 1rem;
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
    gap: 0.5rem 1rem;
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
    padding: 0.4rem 0.5rem;
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
    font-weight: 600;
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
      font-size: 1.3rem;
      margin-bottom: 0.25rem;
    }
    h2 {
      font-size: 1.1rem;
      margin-top: 0.5rem;
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
