/**
 * `<undo-toast>`: after a deletion, "… togs bort. [Ångra]" for a while (issue 21), then gone. It
 * takes back exactly that step of this person's (collab/undo.ts), even after later steps. It stays
 * while focus or the pointer is on it (time enough for everyone); after an undo it says what came
 * back. Always present as a polite live region, so what it says is announced. Loaded on demand.
 * Focus never falls to the page: when the offered step is undone (by "Ångra" or Ctrl+Z) it goes to
 * what came back, and when the toast leaves while focus is on it (Escape, another step) to the
 * deleted thing's neighbour — both as the board that offered it says (`FocusPlan`).
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

/** Where focus goes once the toast is done: each answer waits for the board to show the change. */
export interface FocusPlan {
  /** The thing that came back (null when it is not shown, e.g. filtered out). */
  restored(): Promise<HTMLElement | null>;
  /** A neighbour of the deleted thing, or the nearest sensible place on the board. */
  neighbour(): Promise<HTMLElement | null>;
}

interface Offer {
  doc: Y.Doc;
  step: UndoStep;
  message: string;
  title: string;
  plan: FocusPlan | null;
}

type Popped = { stackItem: UndoStep; type: "undo" | "redo" };

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
  /** The offered step once it was undone, so Ctrl+Z's own "Ångrade …" does not replace "… är tillbaka". */
  private restored: { doc: Y.Doc; step: UndoStep } | null = null;
  private unwatch: (() => void) | null = null;

  constructor() {
    super();
    this.offered = null;
    this.said = "";
  }

  /** Shows `message` with "Ångra" for `step`; `focus` moves focus to the button (the deleted thing had it). */
  async offer(
    doc: Y.Doc,
    step: UndoStep,
    message: string,
    title: string,
    focus = true,
    plan?: FocusPlan,
  ): Promise<void> {
    const offer = { doc, step, message, title, plan: plan ?? null };
    this.offered = offer;
    this.said = "";
    this.restored = null;
    this.watch(offer);
    this.arm();
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector("button")?.focus();
  }

  /** Says that Ctrl+Z (or Ctrl+Shift+Z) took a step. */
  stepped(what: "undo" | "redo"): void {
    const back = this.restored;
    if (what === "undo" && back && boardUndo(back.doc).manager.redoStack.at(-1) === back.step) return;
    this.say(t(what === "undo" ? "toast.undoStep" : "toast.redoStep"));
  }

  /** Notices the offered step being undone, however it was (the button, Ctrl+Z, another view). */
  private watch(offer: Offer) {
    this.unwatch?.();
    const { manager } = boardUndo(offer.doc);
    const popped = ({ stackItem, type }: Popped) => {
      if (type !== "undo" || stackItem !== offer.step || this.offered !== offer) return;
      // Undoing pushed its own new step for redo: that one tells this undo from a later one.
      const redo = manager.redoStack.at(-1);
      this.restored = redo ? { doc: offer.doc, step: redo } : null;
      this.say(t("toast.undone", { title: offer.title }), false);
      void this.place(offer.plan, "restored");
    };
    manager.on("stack-item-popped", popped);
    this.unwatch = () => manager.off("stack-item-popped", popped);
  }

  /** Moves focus as the plan says: to what came back, or (also when that is not shown) to a neighbour. */
  private async place(plan: FocusPlan | null, where: "restored" | "neighbour") {
    if (!plan) return;
    const target = (where === "restored" ? await plan.restored() : null) ?? (await plan.neighbour());
    target?.focus();
  }

  private get hasFocus() {
    return this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement !== null;
  }

  /** Replaces the offer by `text`; focus on the vanishing button goes to the neighbour unless `away` is false. */
  private say(text: string, away = true): void {
    const plan = this.offered?.plan ?? null;
    const focused = this.hasFocus;
    this.offered = null;
    this.said = text;
    this.held = false;
    this.arm();
    if (away && focused) void this.place(plan, "neighbour");
  }

  /** Escape on the toast: gone, and focus back on the board beside the deleted thing. */
  private dismiss = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !this.offered) return;
    event.preventDefault();
    const plan = this.offered.plan;
    this.offered = null;
    this.said = "";
    this.held = false;
    void this.place(plan, "neighbour");
  };

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
    this.unwatch?.();
    this.unwatch = null;
  }

  private undo = () => {
    const offer = this.offered;
    if (!offer) return;
    // When it comes back, `watch` says so and moves focus to it.
    if (!boardUndo(offer.doc).undoStep(offer.step)) this.say(t("toast.gone"));
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
      @keydown=${this.dismiss}
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
