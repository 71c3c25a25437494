/** Styles of the admin's tables: rows that wrap on a tablet held upright, buttons side by side. */
import { css } from "lit";

export const adminTableStyles = css`
  table {
    margin: 0.5rem 0 1rem;
  }
  td,
  th {
    padding: 0.5rem;
  }
  td.wrap {
    overflow-wrap: anywhere;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  form.inline {
    display: grid;
    gap: 0.5rem;
    max-width: none;
  }
  ul.memberships {
    margin: 0;
    padding-left: 1.1rem;
  }
  p[role="status"]:empty {
    margin: 0;
  }
`;
