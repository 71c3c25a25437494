/** The header search: a white field on the header's colour; its popup under the header, never past the screen's edge. */
import { css } from "lit";
import { srOnly } from "../../styles/shared.js";

export const headerSearchStyles = [
  srOnly,
  css`
    :host {
      display: block;
      color: var(--color-text, #1b1b1b);
    }
    :focus-visible {
      outline: 3px solid #ffd27a;
      outline-offset: 2px;
    }
    .toggle {
      display: none;
      align-items: center;
      justify-content: center;
      min-width: var(--touch, 44px);
      min-height: var(--touch, 44px);
      background: transparent;
      color: var(--color-primary-text, #fff);
      border: 1px solid currentColor;
      border-radius: var(--radius, 6px);
      cursor: pointer;
    }
    input {
      box-sizing: border-box;
      width: 20rem;
      max-width: 100%;
      min-height: var(--touch, 44px);
      padding: 0 0.75rem;
      font: inherit;
      color: #1b1b1b;
      background: #fff;
      border: 2px solid #fff;
      border-radius: var(--radius, 6px);
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
      background: #fff;
      color: #1b1b1b;
      border: 1px solid var(--color-border, #c8ccd2);
      border-radius: var(--radius, 6px);
      box-shadow: var(--shadow-float);
      padding: 0.25rem 0;
    }
    .popup[hidden] {
      display: none;
    }
    .message {
      margin: 0;
      padding: 0.75rem 1rem;
    }
    .group-label {
      padding: 0.5rem 1rem 0.25rem;
      font-size: 0.85rem;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.03em;
      color: #4a4f57;
    }
    .hit {
      display: grid;
      gap: 0.15rem;
      padding: 0.5rem 1rem;
      min-height: var(--touch, 44px);
      box-sizing: border-box;
      color: inherit;
      text-decoration: none;
      border-left: 4px solid transparent;
    }
    .hit:hover,
    .hit.active {
      background: #e8eef7;
      border-left-color: var(--color-primary, #1d4f91);
    }
    .title {
      font-weight: 600;
    }
    .where {
      font-size: 0.85rem;
      color: #4a4f57;
    }
    .snippet {
      font-size: 0.9rem;
      overflow-wrap: anywhere;
    }
    mark {
      background: #ffe58a;
      color: inherit;
      font-weight: 600;
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
