/** Styles of the follow-up board: setup lists, indicator cards and their value grids. */
import { css } from "lit";

export const followupStyles = css`
  :host {
    display: block;
  }
  section {
    margin: var(--space-5) 0;
  }
  textarea {
    box-sizing: border-box;
    width: 100%;
    max-width: 48rem;
    min-height: 4rem;
  }
  .muted {
    color: var(--color-muted);
    font-weight: normal;
    font-size: var(--text-small);
  }
  .setup {
    display: grid;
    gap: 0 var(--space-6);
    grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
  }
  /* Units and occasions: one row each, the name (and its organisation or date) then "×" at the end. */
  .setup ul {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--space-1);
  }
  .setup li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    column-gap: var(--space-1);
    border-bottom: 1px solid var(--color-surface);
  }
  .setup li button.remove {
    margin-left: auto;
  }
  form.inline {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2);
    align-items: end;
    max-width: none;
  }
  .new-indicator {
    max-width: 48rem;
  }
  .new-indicator .fields {
    display: grid;
    gap: var(--space-2) var(--space-4);
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  }
  .new-indicator .wide {
    grid-column: 1 / -1;
  }
  .indicator {
    margin-bottom: var(--space-4);
  }
  .indicator h3 {
    margin: 0 0 var(--space-1);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-1) var(--space-4);
    margin: 0 0 var(--space-2);
  }
  .grid-wrap {
    overflow-x: auto;
  }
  table.values {
    border-collapse: collapse;
    min-width: 100%;
  }
  table.values th,
  table.values td {
    border: 1px solid var(--color-border);
    padding: var(--space-2) var(--space-2);
    text-align: left;
    vertical-align: top;
  }
  table.values thead th.baseline {
    background: var(--color-accent-soft);
  }
  table.values tfoot {
    font-style: italic;
  }
  .cell {
    display: flex;
    gap: var(--space-1);
  }
  .cell input {
    width: 5.5rem;
    padding: 0 var(--space-2);
  }
  .cell input.respondents {
    width: 6.5rem;
  }
  input[aria-invalid="true"] {
    border: 2px solid var(--color-danger);
  }
  .error {
    display: block;
    color: var(--color-danger);
    font-weight: var(--weight-strong);
  }
  .warn {
    display: block;
    color: var(--color-warning);
    font-size: var(--text-small);
  }
  .n {
    color: var(--color-muted);
    font-size: var(--text-small);
  }
  .change.better {
    color: var(--color-ok);
  }
  .change.worse {
    color: var(--color-danger);
  }
  button.remove {
    font: inherit;
    min-width: var(--touch);
    min-height: var(--touch);
    margin-left: var(--space-1);
    border: 1px solid var(--color-danger);
    border-radius: var(--radius);
    background: var(--color-surface-raised);
    /* The page's buttons have white text; on this white ground the "×" needs a colour of its own. */
    color: var(--color-danger);
    cursor: pointer;
  }
  label.follow {
    display: inline-grid;
    margin-bottom: var(--space-2);
  }
`;
