/** The header search: a white field on the header's colour; its popup under the header, never past the screen's edge. */
import { css } from "lit";
import { srOnly } from "../../styles/shared.js";

export const headerSearchStyles = [
  srOnly,
  css`
    :host {
      display: block;
      color: var(--color-text);
    }
    :focus-visible {
      outline: var(--focus-ring-on-dark);
      outline-offset: 2px;
    }
    .toggle {
      display: none;
      align-items: center;
      justify-content: center;
      min-width: var(--touch);
      min-height: var(--touch);
      background: transparent;
      color: var(--color-primary-text);
      border: 1px solid currentColor;
      border-radius: var(--radius);
      cursor: pointer;
    }
    input {
      box-sizing: border-box;
      width: 20rem;
      max-width: 100%;
      min-height: var(--touch);
      padding: 0 var(--space-3);
      font: inherit;
      color: var(--color-text);
      background: var(--color-surface-raised);
      border: 2px solid #fff;
      border-radius: var(--radius);
    }
    .popup {
      position: absolute;
      top: 100%;
      right: 1rem;
      z-index: 20;
      box-sizing: border-box;
      width: min(36rem, calc(100% - 2rem));
      max-height: min(70vh, 36rem);
      overflow-y: auto;
      background: var(--color-surface-raised);
      color: var(--color-text);
      border: 1px solid var(--color-border);
      border-radius: var(--radius);
      box-shadow: var(--shadow-float);
      padding: var(--space-1) 0;
    }
    .popup[hidden] {
      display: none;
    }
    .message {
      margin: 0;
      padding: var(--space-3) var(--space-4);
    }
    .group-label {
      padding: var(--space-2) var(--space-4) var(--space-1);
      font-size: var(--text-small);
      font-weight: var(--weight-strong);
      text-transform: uppercase;
      letter-spacing: 0.03em;
      color: var(--color-muted);
    }
    .hit {
      display: grid;
      gap: var(--space-1);
      padding: var(--space-2) var(--space-4);
      min-height: var(--touch);
      box-sizing: border-box;
      color: inherit;
      text-decoration: none;
      border-left: 4px solid transparent;
    }
    .hit:hover,
    .hit.active {
      background: var(--color-accent-soft);
      border-left-color: var(--color-primary);
    }
    .title {
      font-weight: var(--weight-strong);
    }
    .where {
      font-size: var(--text-small);
      color: var(--color-muted);
    }
    .snippet {
      font-size: var(--text-small);
      overflow-wrap: anywhere;
    }
    mark {
      background: #ffe58a;
      color: inherit;
      font-weight: var(--weight-strong);
      padding: 0 0.1em;
    }
    /* Tablets and phones: a button first; pressed, the field takes a row of its own. */
    @media (max-width: 900px) {
      .toggle {
        display: inline-flex;
      }
      .field {
        display: none;
      }
      .expanded .toggle {
        display: none;
      }
      .expanded .field {
        display: block;
      }
      .expanded input {
        width: 100%;
      }
    }
  `,
];
