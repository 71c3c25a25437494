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
  /* Tablet and phone: columns scroll sideways and snap; the switcher shows them all. */
  .switcher {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    margin-bottom: 0.5rem;
  }
  .switcher button,
  .move button {
    background: #fff;
    color: var(--color-primary);
    padding: 0 0.75rem;
  }
  .switcher button[aria-current="true"] {
    background: var(--color-primary);
    color: var(--color-primary-text);
  }
  .count {
    font-weight: 600;
  }
  .columns {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(15rem, 1fr);
    gap: 0.75rem;
    overflow-x: auto;
    scroll-snap-type: x proximity;
    padding-bottom: 0.5rem;
  }
  .column {
    scroll-snap-align: start;
    min-width: 0;
    background: var(--color-surface);
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    padding: 0.5rem;
    min-height: 10rem;
  }
  /* Phone: one column at a time, the next one peeking in. */
  @media (max-width: 599px) {
    .columns {
      grid-auto-columns: calc(100% - 2.5rem);
    }
  }
  /* Desktop: all five side by side, no switcher needed. */
  @media (min-width: 1240px) {
    .columns {
      grid-auto-columns: minmax(0, 1fr);
    }
    .switcher {
      display: none;
    }
  }
  @media (pointer: coarse) {
    #move-hint {
      display: none;
    }
  }
  .move ul {
    list-style: none;
    margin: 0.35rem 0 0;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  .move [role="menuitem"] {
    width: 100%;
    text-align: left;
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
    overflow-wrap: anywhere;
  }
  .meta {
    overflow-wrap: anywhere;
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
