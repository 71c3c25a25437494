/** The app shell's styles: header with brand, tools, search and bell; skip link; main area. */
import { css } from "lit";

export const appRootStyles = css`
    :host {
      display: block;
      min-height: 100vh;
    }
    .skip {
      position: absolute;
      left: -10000px;
    }
    .skip:focus {
      left: var(--space-4);
      top: var(--space-4);
      background: var(--color-surface-raised);
      padding: var(--space-2) var(--space-4);
      z-index: 10;
    }
    /* The brand on the left with the search and bell icons beside it, the tools on the right; when
       they do not fit the tools move to a row of their own as a group (never one button alone), so a
       phone has two rows, and the name stays with "Logga ut". */
    header {
      position: relative;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2) var(--space-3);
      padding: var(--space-2) var(--space-4);
      background: var(--color-primary);
      color: var(--color-primary-text);
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: var(--space-2) var(--space-3);
      margin-left: auto;
    }
    .who {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: var(--space-2) var(--space-3);
    }
    header a,
    header button {
      color: inherit;
      font: inherit;
      min-height: var(--touch);
      min-width: var(--touch);
      display: inline-flex;
      align-items: center;
    }
    header .brand {
      font-weight: 700;
      font-size: var(--text-large);
      text-decoration: none;
      margin-right: auto;
    }
    header button {
      background: transparent;
      border: 1px solid currentColor;
      border-radius: var(--radius);
      padding: 0 var(--space-3);
      cursor: pointer;
    }
    :focus-visible {
      outline: var(--focus-ring-on-dark);
      outline-offset: 2px;
    }
    @media (max-width: 900px) {
      header-search[expanded] {
        order: 10;
        flex-basis: 100%;
      }
    }
    main {
      padding: var(--space-4);
      max-width: 72rem;
      margin: 0 auto;
    }
    main:focus {
      outline: none;
    }
    /* On paper, the page alone: no header, no skip link, the whole width. */
    @media print {
      header,
      .skip {
        display: none;
      }
      main {
        padding: 0;
        max-width: none;
      }
    }
`;
