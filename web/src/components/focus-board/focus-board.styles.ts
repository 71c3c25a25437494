/** Styles of the focus-area kanban. */
import { css } from "lit";

export const focusBoardStyles = css`
  :host {
    display: block;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2) var(--space-5);
    align-items: center;
    margin-bottom: var(--space-3);
  }
  label {
    display: inline-flex;
    gap: var(--space-2);
    align-items: center;
    max-width: 100%;
  }
  /* A long organisation name shortens the filter instead of widening the page on a phone. */
  .filters select {
    min-width: 0;
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
    padding: 0 var(--space-2);
    background: var(--color-surface-raised);
  }
  button {
    min-width: var(--touch);
    border-radius: var(--radius);
    border: 1px solid var(--color-primary);
    background: var(--color-primary);
    color: var(--color-primary-text);
    padding: 0 var(--space-4);
    cursor: pointer;
  }
  /* Tablet and phone: columns scroll sideways and snap; the switcher shows them all. */
  .switcher {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2);
    margin-bottom: var(--space-2);
  }
  .switcher button,
  .move button {
    background: var(--color-surface-raised);
    color: var(--color-primary);
    padding: 0 var(--space-3);
  }
  .switcher button[aria-current="true"] {
    background: var(--color-primary);
    color: var(--color-primary-text);
  }
  .count {
    font-weight: var(--weight-strong);
  }
  .columns {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(15rem, 1fr);
    gap: var(--space-3);
    overflow-x: auto;
    scroll-snap-type: x proximity;
    padding-bottom: var(--space-2);
  }
  .column {
    scroll-snap-align: start;
    min-width: 0;
    background: var(--color-surface);
    border: 1px solid var(--color-border);
    border-radius: var(--radius-large);
    padding: var(--space-2);
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
  /* The Alt + arrow hint is for keyboards: not shown where the pointer is a finger and nothing hovers
     (a tablet, a phone). The cards still name it as their description for screen readers. */
  @media (hover: none) and (pointer: coarse) {
    #move-hint {
      display: none;
    }
  }
  .move ul {
    list-style: none;
    margin: var(--space-1) 0 0;
    padding: 0;
    display: grid;
    gap: var(--space-1);
  }
  .move [role="menuitem"] {
    width: 100%;
    text-align: left;
  }
  .column.drop-target {
    outline: 3px dashed var(--color-primary);
  }
  h2 {
    font-size: var(--text-large);
    margin: var(--space-1) var(--space-1) var(--space-2);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--space-2);
  }
  .card {
    background: var(--color-surface-raised);
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    box-shadow: var(--shadow-card);
    padding: var(--space-2);
    display: grid;
    gap: var(--space-1);
  }
  .card button.open {
    background: transparent;
    color: var(--color-text);
    border: none;
    text-align: left;
    font-weight: var(--weight-strong);
    padding: var(--space-1);
    overflow-wrap: anywhere;
  }
  .meta {
    overflow-wrap: anywhere;
    color: var(--color-muted);
    font-size: var(--text-small);
    padding: 0 var(--space-1);
  }
  .overdue {
    color: var(--color-danger);
    font-weight: var(--weight-strong);
  }
  .card .badges {
    padding: 0 var(--space-1);
  }
  .add {
    display: flex;
    gap: var(--space-2);
    margin-top: var(--space-2);
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
    padding: var(--space-2) var(--space-3);
    background: var(--color-surface);
  }
`;
