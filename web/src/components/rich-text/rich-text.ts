/**
 * A rich-text field bound to a Y.XmlFragment with y-prosemirror: live co-editing, other people's
 * cursors (named, in their colour), and undo/redo of one's own changes only. The schema is the
 * shared one, so the server's content guard accepts what this editor writes. Cursors are styled
 * through the CSSOM, never with style attributes, so the strict CSP holds.
 *
 * This element is light: ProseMirror and y-prosemirror (editor.ts) are imported on demand, the
 * first time a rich-text field is shown, so a focus board or a home page loads without them.
 */
import { css, html, LitElement, nothing, unsafeCSS } from "lit";
import pmStyles from "prosemirror-view/style/prosemirror.css?inline";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { LocaleController, t } from "../../i18n/i18n.js";
import { LazyParts, partReady } from "../../offline/lazy.js";
import type { EditorView } from "./editor.js";

type Editor = typeof import("./editor.js");
let editor: Editor | null = null;
const PART = "rich-text-editor";
const loadEditor = () =>
  import("./editor.js").then((module) => {
    editor = module;
  });

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
        gap: var(--space-1);
        margin-bottom: var(--space-1);
      }
      .toolbar button {
        font: inherit;
        min-height: var(--touch);
        min-width: var(--touch);
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        background: var(--color-surface-raised);
        color: var(--color-text);
        cursor: pointer;
      }
      .editor .ProseMirror {
        min-height: 5rem;
        padding: var(--space-2) var(--space-3);
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        background: var(--color-surface-raised);
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
        margin: 0 0 var(--space-2);
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
        padding: 0 var(--space-1);
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
  private readonly parts = new LazyParts(this);

  constructor() {
    super();
    new LocaleController(this);
    this.fragment = null;
    this.awareness = null;
    this.editable = false;
    this.label = "";
  }

  override render() {
    return this.parts.render(PART, loadEditor, () => this.renderEditor());
  }

  private renderEditor() {
    const commands = (editor as Editor).commands;
    const run = (command: Editor["commands"]["bold"]) => () => {
      if (this.view && command(this.view.state, this.view.dispatch)) this.view.focus();
    };
    return html`${
      this.editable
        ? html`<div class="toolbar" role="toolbar" aria-label=${t("rich.toolbar", { field: this.label })}>
            <button type="button" @click=${run(commands.bold)}><strong>${t("rich.bold")}</strong></button>
            <button type="button" @click=${run(commands.italic)}><em>${t("rich.italic")}</em></button>
            <button type="button" @click=${run(commands.bulletList)}>${t("rich.bulletList")}</button>
            <button type="button" @click=${run(commands.orderedList)}>${t("rich.orderedList")}</button>
            <button type="button" @click=${run(commands.undo)}>${t("rich.undo")}</button>
            <button type="button" @click=${run(commands.redo)}>${t("rich.redo")}</button>
          </div>`
        : nothing
    }
      <div class="editor ${this.editable ? "" : "readonly"}"></div>`;
  }

  override updated(changed: Map<string, unknown>) {
    // The first render after the editor's code arrived has a place for it and no view yet.
    if (changed.has("fragment") || changed.has("awareness") || (!this.view && partReady(PART))) this.mount();
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
    this.view?.destroy();
    this.view = null;
    const place = this.renderRoot.querySelector(".editor");
    if (!this.fragment || !place || !editor) return;
    this.view = editor.mountEditor(place, {
      fragment: this.fragment,
      awareness: this.awareness,
      editable: () => this.editable,
      attributes: this.editorAttributes(),
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
