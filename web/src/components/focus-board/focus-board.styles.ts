/** Styles of the focus-area kanban. */
import { css } from "lit";

export const focusBoardStyles = css`
  :host {
    display: block;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    align-items: center;
    margin-bottom: 0.75rem;
  }
  label {
    display: inline-flex;
    gap: 0.4rem;
    align-items: center;
  }
  select,
  input,
  button {
    font: inherit;
    min-height: var(--touch);
  }
  select,
  input {
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    padding: 0 0.5rem;
    background: #fff;
  }
  button {
    min-width: var(--touch);
    border-radius: var(--radius);
    border: 1px solid var(--color-primary);
    background: var(--color-primary);
    color: var(--color-primary-text);
    padding: 0 1rem;
    cursor: pointer;
  }
  .columns {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(15rem, 1fr);
    gap: 0.75rem;
    overflow-x: auto;
    padding-bottom: 0.5rem;
  }
  .column {
    background: var(--color-surface);
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    padding: 0.5rem;
    min-height: 10rem;
  }
  .column.drop-target {
    outline: 3px dashed var(--color-primary);
  }
  h2 {
    font-size: 1.05rem;
    margin: 0.25rem 0 0.5rem;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .card {
    background: #fff;
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    padding: 0.5rem;
    display: grid;
    gap: 0.35rem;
  }
  .card button.open {
    background: transparent;
    color: var(--color-text);
    border: none;
    text-align: left;
    font-weight: 600;
    padding: 0.25rem;
  }
  .meta {
    color: var(--color-muted);
    font-size: 0.9rem;
  }
  .overdue {
    color: var(--color-danger);
    font-weight: 600;
  }
  .add {
    display: flex;
    gap: 0.5rem;
    margin-top: 0.5rem;
    flex-wrap: wrap;
  }
  .add input {
    flex: 1;
    min-width: 8rem;
  }
  :focus-visible {
    outline: var(--focus-ring);
    outline-offset: 2px;
  }
  .note {
    border-left: 4px solid var(--color-primary);
    padding: 0.5rem 0.75rem;
    background: var(--color-surface);
  }
`;
