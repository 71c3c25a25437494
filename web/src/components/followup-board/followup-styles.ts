/** Styles of the follow-up board: setup lists, indicator cards and their value grids. */
import { css } from "lit";

export const followupStyles = css`
  :host {
    display: block;
  }
  section {
    margin: 1.25rem 0;
  }
  textarea {
    width: 100%;
    max-width: 48rem;
    min-height: 4rem;
  }
  .muted {
    color: var(--color-muted, #4a4a4a);
    font-weight: normal;
    font-size: 0.9rem;
  }
  .setup {
    display: grid;
    gap: 0 2rem;
    grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
  }
  form.inline {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: end;
    max-width: none;
  }
  .new-indicator {
    max-width: 48rem;
  }
  .new-indicator .fields {
    display: grid;
    gap: 0.5rem 1rem;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
  }
  .new-indicator .wide {
    grid-column: 1 / -1;
  }
  .indicator {
    margin-bottom: 1rem;
  }
  .indicator h3 {
    margin: 0 0 0.25rem;
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    margin: 0 0 0.5rem;
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
    padding: 0.35rem 0.5rem;
    text-align: left;
    vertical-align: top;
  }
  table.values thead th.baseline {
    background: #eef3f8;
  }
  table.values tfoot {
    font-style: italic;
  }
  .cell {
    display: flex;
    gap: 0.25rem;
  }
  .cell input {
    width: 5.5rem;
    padding: 0 0.4rem;
  }
  .cell input.respondents {
    width: 6.5rem;
  }
  input[aria-invalid="true"] {
    border: 2px solid #a1261b;
  }
  .error {
    display: block;
    color: #a1261b;
    font-weight: 600;
  }
  .warn {
    display: block;
    color: #6b4a00;
    font-size: 0.85rem;
  }
  .n {
    color: var(--color-muted, #4a4a4a);
    font-size: 0.85rem;
  }
  .change.better {
    color: #1d6b2f;
  }
  .change.worse {
    color: #a1261b;
  }
  button.remove {
    font: inherit;
    min-width: var(--touch, 2.75rem);
    min-height: var(--touch, 2.75rem);
    margin-left: 0.25rem;
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    background: #fff;
    cursor: pointer;
  }
  label.follow {
    display: inline-grid;
    margin-bottom: 0.5rem;
  }
`;
