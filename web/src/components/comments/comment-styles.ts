/** Styles of <comment-thread>: the thread, the composer and the mention list. */
import { css } from "lit";

export const commentStyles = css`
  :host {
    display: block;
  }
  ol {
    list-style: none;
    padding: 0;
    margin: 0 0 1rem;
    display: grid;
    gap: 0.75rem;
  }
  article {
    border-left: 3px solid var(--color-border);
    padding: 0.25rem 0 0.25rem 0.75rem;
  }
  .by {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    color: var(--color-muted);
    font-size: 0.9rem;
  }
  .by strong {
    color: var(--color-text, inherit);
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0.25rem 0;
  }
  .mention {
    font-weight: 600;
    color: var(--color-primary);
  }
  .deleted {
    font-style: italic;
    color: var(--color-muted);
  }
  form {
    max-width: none;
    gap: 0.5rem;
  }
  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: 5rem;
  }
  .buttons {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
  }
  .field {
    position: relative;
  }
  .mentions {
    list-style: none;
    margin: 0.25rem 0 0;
    padding: 0.25rem 0;
    border: 1px solid var(--color-border);
    border-radius: var(--radius);
    background: #fff;
    max-width: 24rem;
    box-shadow: var(--shadow-float);
  }
  .mentions li {
    min-height: var(--touch);
    display: flex;
    align-items: center;
    padding: 0 0.75rem;
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
