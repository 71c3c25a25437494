/**
 * One look for every modal dialog (card, removal confirm, goal history, goal comments, a decision
 * point's detail, the history page's confirm): large radius, the dialog shadow, the same padding,
 * and a header with the title and a 44 px close button that stays in view while the body scrolls.
 * Not in styles/shared.ts: only screens that open a dialog load it (first-load budget of a board).
 */
import { css, html } from "lit";

export const dialogStyles = css`
  dialog {
    box-sizing: border-box;
    width: 100%;
    max-width: min(44rem, calc(100vw - 2 * var(--space-4)));
    max-height: calc(100dvh - 2 * var(--space-4));
    border: 1px solid var(--color-border);
    border-radius: var(--radius-large);
    box-shadow: var(--shadow-dialog);
    padding: 0 var(--space-5) var(--space-5);
    color: var(--color-text);
    background: var(--color-surface-raised);
  }
  dialog.narrow {
    max-width: min(30rem, calc(100vw - 2 * var(--space-4)));
  }
  dialog::backdrop {
    background: rgb(16 24 40 / 45%);
  }
  /* The title and the close button; sticky, so closing never needs scrolling back up. */
  .dialog-head {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: var(--space-3);
    margin: 0 calc(-1 * var(--space-5)) var(--space-3);
    padding: var(--space-3) var(--space-3) var(--space-2) var(--space-5);
    background: var(--color-surface-raised);
    border-bottom: 1px solid var(--color-surface);
  }
  .dialog-head h1,
  .dialog-head h2 {
    margin: 0;
    padding-top: var(--space-2);
    font-size: var(--text-h2);
    line-height: 1.3;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  button.dialog-close {
    flex: none;
    box-sizing: border-box;
    width: var(--touch);
    height: var(--touch);
    min-width: var(--touch);
    min-height: var(--touch);
    padding: 0;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    border: 1px solid transparent;
    border-radius: var(--radius);
    background: transparent;
    color: var(--color-text);
    cursor: pointer;
  }
  button.dialog-close:hover {
    background: var(--color-surface);
    border-color: var(--color-border);
  }
  button.dialog-close:focus-visible {
    outline: var(--focus-ring);
    outline-offset: 2px;
  }
  /* The dialog's own buttons, at its foot: the quiet one first, the one that acts last. */
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-3);
    justify-content: space-between;
    margin-top: var(--space-5);
  }
  @media (max-width: 599px) {
    dialog {
      padding: 0 var(--space-4) var(--space-4);
    }
    .dialog-head {
      margin: 0 calc(-1 * var(--space-4)) var(--space-3);
      padding-left: var(--space-4);
    }
  }
`;

/** The dialog's header: its title (the dialog's label, by `id`) and a close button named `closeLabel`. */
export function dialogHead(id: string, title: unknown, closeLabel: string, close: () => void, level: 1 | 2 = 2) {
  const heading = level === 1 ? html`<h1 id=${id}>${title}</h1>` : html`<h2 id=${id}>${title}</h2>`;
  return html`<div class="dialog-head">
    ${heading}
    <button type="button" class="dialog-close" aria-label=${closeLabel} @click=${close}>
      <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <path d="M4 4l12 12M16 4L4 16" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
    </button>
  </div>`;
}
