/** Styles of the admin's tables: rows that wrap on a tablet held upright, buttons side by side. */
import { css } from "lit";

export const adminTableStyles = css`
  table {
    margin: var(--space-2) 0 var(--space-4);
  }
  td,
  th {
    padding: var(--space-2);
  }
  td.wrap {
    overflow-wrap: anywhere;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2);
  }
  form.inline {
    display: grid;
    gap: var(--space-2);
    max-width: none;
  }
  ul.memberships {
    margin: 0;
    padding-left: var(--space-5);
  }
  p[role="status"]:empty {
    margin: 0;
  }
`;
