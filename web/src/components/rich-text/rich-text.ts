/**
 * A rich-text field bound to a Y.XmlFragment with y-prosemirror: live co-editing, other people's
 * cursors (named, in their colour), and undo/redo of one's own changes only. The schema is the
 * shared one, so the server's content guard accepts what this editor writes. Cursors are styled
 * through the CSSOM, never with style attributes, so the strict CSP holds.
 */
import { css, html, LitElement, nothing, unsafeCSS } from "lit";
import { baseKeymap, toggleMark } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import pmStyles from "prosemirror-view/style/prosemirror.css?inline";
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin } from "y-prosemirror";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { richTextSchema as schema } from "../../../../shared/richtext/schema.js";
import { LocaleController, t } from "../../i18n/i18n.js";

/**
 * y-prosemirror measures the local selection with `view.root.createRange()`; inside a shadow root
 * (every element of this app) that method does not exist, the remote change being rendered throws
 * half-way and a focused editor stops showing other people's typing. A document's Range works for
 * nodes in shadow trees too.
 */
function allowRangesInShadowRoots(): void {
  if (!("createRange" in ShadowRoot.prototype)) {
    Object.defineProperty(ShadowRoot.prototype, "createRange", { value: () => document.createRange() });
  }
}

type Command = (state: EditorState, dispatch?: EditorView["dispatch"]) => boolean;

function cursorBuilder(user: { name?: string; color?: string }): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "remote-caret";
  caret.style.borderColor = user.color ?? "#555";
  const label = document.createElement("span");
  label.className = "remote-name";
  label.style.backgroundColor = user.color ?? "#555";
  label.textContent = user.name ?? "";
  caret.append(label);
  return caret;
}

export class RichText extends LitElement {
  static override styles = [
    unsafeCSS(pmStyles),
    css`
      :host {
        display: block;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        margin-bottom: 0.25rem;
      }
      .toolbar button {
        font: inherit;
        min-height: var(--touch);
        min-width: var(--touch);
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        background: #fff;
        color: var(--color-text);
        cursor: pointer;
      }
      .editor .ProseMirror {
        min-height: 5rem;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        background: #fff;
      }
      .editor.readonly .ProseMirror {
        border-style: dashed;
        background: var(--color-surface);
      }
      .ProseMirror:focus-visible {
        outline: var(--focus-ring);
        outline-offset: 2px;
      }
      .ProseMirror p {
        margin: 0 0 0.5rem;
      }
      .remote-caret {
        position: relative;
        margin-left: -1px;
        margin-right: -1px;
        border-left: 2px solid;
        word-break: normal;
        pointer-events: none;
      }
      .remote-name {
        position: absolute;
        top: -1.4em;
        left: -1px;
        font-size: 0.75rem;
        line-height: 1.2;
        color: #fff;
        padding: 0 0.25rem;
        border-radius: 3px 3px 3px 0;
        white-space: nowrap;
        user-select: none;
      }
      .remote-selection {
        background: rgb(255 210 122 / 45%);
      }
    `,
  ];
  static override properties = {
    fragment: { attribute: false },
    awareness: { attribute: false },
    editable: { attribute: false },
    label: { attribute: false },
  };
  declare fragment: Y.XmlFragment | null;
  declare awareness: Awareness | null;
  declare editable: boolean;
  declare label: string;
  private view: EditorView | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.fragment = null;
    this.awareness = null;
    this.editable = false;
    this.label = "";
  }

  override render() {
    const run = (command: Command) => () => {
      if (this.view && command(this.view.state, this.view.dispatch)) this.view.focus();
    };
    return html`${
      this.editable
        ? html`<div class="toolbar" role="toolbar" aria-label=${t("rich.toolbar", { field: this.label })}>
            <button type="button" @click=${run(toggleMark(schema.marks.strong as never))}><strong>${t("rich.bold")}</strong></button>
            <button type="button" @click=${run(toggleMark(schema.marks.em as never))}><em>${t("rich.italic")}</em></button>
            <button type="button" @click=${run(wrapInList(schema.nodes.bullet_list as never))}>${t("rich.bulletList")}</button>
            <button type="button" @click=${run(wrapInList(schema.nodes.ordered_list as never))}>${t("rich.orderedList")}</button>
            <button type="button" @click=${run(undo)}>${t("rich.undo")}</button>
            <button type="button" @click=${run(redo)}>${t("rich.redo")}</button>
          </div>`
        : nothing
    }
      <div class="editor ${this.editable ? "" : "readonly"}"></div>`;
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has("fragment") || changed.has("awareness")) this.mount();
    else if (changed.has("editable") || changed.has("label"))
      this.view?.setProps({ editable: () => this.editable, attributes: this.editorAttributes() });
  }

  private editorAttributes() {
    return {
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": this.label,
      "aria-readonly": this.editable ? "false" : "true",
    };
  }

  private mount() {
    allowRangesInShadowRoots();
    this.view?.destroy();
    this.view = null;
    const place = this.renderRoot.querySelector(".editor");
    if (!this.fragment || !place) return;
    const item = schema.nodes.list_item as never;
    const plugins = [
      ySyncPlugin(this.fragment),
      ...(this.awareness
        ? [yCursorPlugin(this.awareness, { cursorBuilder, selectionBuilder: () => ({ class: "remote-selection" }) })]
        : []),
      yUndoPlugin(),
      keymap({
        "Mod-z": undo,
        "Mod-y": redo,
        "Mod-Shift-z": redo,
        "Mod-b": toggleMark(schema.marks.strong as never),
        "Mod-i": toggleMark(schema.marks.em as never),
        Enter: splitListItem(item),
        Tab: sinkListItem(item),
        "Shift-Tab": liftListItem(item),
      }),
      keymap(baseKeymap),
    ];
    this.view = new EditorView(place, {
      state: EditorState.create({ schema, plugins }),
      editable: () => this.editable,
      attributes: this.editorAttributes(),
      // y-prosemirror's plugins may still dispatch (a focus change, an awareness event) after the
      // element left the page and the view was destroyed: such a transaction has nowhere to go.
      // (ProseMirror calls this with the view as `this`, also while the view is being built.)
      dispatchTransaction(this: EditorView, tr) {
        if (!this.isDestroyed) this.updateState(this.state.apply(tr));
      },
    });
  }

  override connectedCallback() {
    super.connectedCallback();
    // Re-attached after a move in the page: the editor was destroyed on disconnect.
    if (this.hasUpdated && !this.view) void this.updateComplete.then(() => this.mount());
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = null;
  }
}

customElements.define("rich-text", RichText);
