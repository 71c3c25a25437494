/** Styles of <comment-thread>: the thread, the composer and the mention list. */
import { css } from "lit";

export const commentStyles = css`
  :host {
    display: block;
  }
  ol {
    list-style: none;
    padding: 0;
    margin: 0 0 var(--space-4);
    display: grid;
    gap: var(--space-3);
  }
  article {
    border-left: 3px solid var(--color-border);
    padding: var(--space-1) 0 var(--space-1) var(--space-3);
  }
  .by {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--space-3);
    color: var(--color-muted);
    font-size: var(--text-small);
  }
  .by strong {
    color: var(--color-text);
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: var(--space-1) 0;
  }
  .mention {
    font-weight: var(--weight-strong);
    color: var(--color-primary);
  }
  .deleted {
    font-style: italic;
    color: var(--color-muted);
  }
  form {
    max-width: none;
    gap: var(--space-2);
  }
  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: 5rem;
  }
  .buttons {
    display: flex;
    gap: var(--space-2);
    flex-wrap: wrap;
  }
  .field {
    position: relative;
  }
  .mentions {
    list-style: none;
    margin: var(--space-1) 0 0;
    padding: var(--space-1) 0;
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    background: var(--color-surface-raised);
    max-width: 24rem;
    box-shadow: var(--shadow-float);
  }
  .mentions li {
    min-height: var(--touch);
    display: flex;
    align-items: center;
    padding: 0 var(--space-3);
    cursor: pointer;
  }
  .mentions li[aria-selected="true"] {
    background: var(--color-primary);
    color: var(--color-primary-text);
  }
  textarea:focus-visible,
  button:focus-visible {
    outline: var(--focus-ring);
    outline-offset: 2px;
  }
`;
