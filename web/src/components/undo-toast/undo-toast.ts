/**
 * `<undo-toast>`: after a deletion, "… togs bort. [Ångra]" for a while (issue 21), then gone. It
 * takes back exactly that step of this person's (collab/undo.ts), even after later steps. It stays
 * while focus or the pointer is on it (time enough for everyone); after an undo it says what came
 * back. Always present as a polite live region, so what it says is announced. Loaded on demand.
 */
import { css, html, LitElement, nothing } from "lit";
import type * as Y from "yjs";
import { boardUndo, type UndoStep } from "../../collab/undo.js";
import { textArea } from "../../i18n/area.js";

const { t } = textArea(
  {
    "toast.undo": "Ångra",
    "toast.removed": "{title} togs bort.",
    "toast.undone": "{title} är tillbaka.",
    "toast.gone": "Det går inte längre att ångra.",
    "toast.undoStep": "Ångrade din senaste ändring.",
    "toast.redoStep": "Gjorde om din ändring.",
  },
  {
    "toast.undo": "Undo",
    "toast.removed": "{title} was removed.",
    "toast.undone": "{title} is back.",
    "toast.gone": "That can no longer be undone.",
    "toast.undoStep": "Undid your last change.",
    "toast.redoStep": "Redid your change.",
  },
);

/** "… togs bort.", for parts that have no text of their own for it. */
export const removedText = (title: string) => t("toast.removed", { title });

const SHOWN_MS = 10_000;

interface Offer {
  doc: Y.Doc;
  step: UndoStep;
  message: string;
  title: string;
}

export class UndoToast extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .toast.active {
      position: fixed;
      z-index: 20;
      left: 50%;
      bottom: 1rem;
      transform: translateX(-50%);
      max-width: min(36rem, calc(100vw - 2rem));
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2) var(--space-4);
      align-items: center;
      padding: var(--space-2) var(--space-2) var(--space-2) var(--space-4);
      border-radius: var(--radius);
      background: #1f2933;
      color: #fff;
      box-shadow: var(--shadow-float);
    }
    button {
      font: inherit;
      font-weight: var(--weight-strong);
      min-height: var(--touch);
      min-width: var(--touch);
      padding: 0 var(--space-4);
      border-radius: var(--radius);
      border: 1px solid #fff;
      background: transparent;
      color: #fff;
      cursor: pointer;
    }
    button:focus-visible {
      outline: var(--focus-ring-on-dark);
      outline-offset: 2px;
    }
    @media print {
      :host {
        display: none;
      }
    }
  `;
  static override properties = { offered: { state: true }, said: { state: true } };
  declare private offered: Offer | null;
  declare private said: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private held = false;

  constructor() {
    super();
    this.offered = null;
    this.said = "";
  }

  /** Shows `message` with "Ångra" for `step`; `focus` moves focus to the button (the deleted thing had it). */
  async offer(doc: Y.Doc, step: UndoStep, message: string, title: string, focus = true): Promise<void> {
    this.offered = { doc, step, message, title };
    this.said = "";
    this.arm();
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector("button")?.focus();
  }

  /** Says that Ctrl+Z (or Ctrl+Shift+Z) took a step. */
  stepped(what: "undo" | "redo"): void {
    this.say(t(what === "undo" ? "toast.undoStep" : "toast.redoStep"));
  }

  private say(text: string): void {
    this.offered = null;
    this.said = text;
    this.arm();
  }

  private arm() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.held) return this.arm();
      this.offered = null;
      this.said = "";
    }, SHOWN_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private undo = () => {
    const offer = this.offered;
    if (!offer) return;
    const back = boardUndo(offer.doc).undoStep(offer.step);
    this.held = false;
    this.say(back ? t("toast.undone", { title: offer.title }) : t("toast.gone"));
    this.dispatchEvent(new CustomEvent("undone", { bubbles: true, composed: true }));
  };

  override render() {
    const o = this.offered;
    const text = o?.message ?? this.said;
    return html`<div
      class=${text ? "toast active" : "toast"}
      role="status"
      @focusin=${() => (this.held = true)}
      @focusout=${() => (this.held = false)}
      @pointerenter=${() => (this.held = true)}
      @pointerleave=${() => (this.held = false)}
    >
      ${text ? html`<span>${text}</span>` : nothing}
      ${o ? html`<button type="button" class="undo" aria-label="${t("toast.undo")}: ${o.title}" @click=${this.undo}>${t("toast.undo")}</button>` : nothing}
    </div>`;
  }
}

customElements.define("undo-toast", UndoToast);

declare global {
  interface HTMLElementTagNameMap {
    "undo-toast": UndoToast;
  }
}
