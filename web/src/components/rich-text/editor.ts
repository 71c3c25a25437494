/**
 * The heavy half of <rich-text>: ProseMirror and y-prosemirror, loaded on demand (rich-text.ts
 * imports this module with `import()`), so a page without rich text never downloads them.
 */
import { baseKeymap, toggleMark } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin } from "y-prosemirror";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { richTextSchema as schema } from "../../../../shared/richtext/schema.js";
import { identityNumberPlugin } from "./identity-plugin.js";

export type { EditorView };

type Command = (state: EditorState, dispatch?: EditorView["dispatch"]) => boolean;

/** The toolbar's commands, in its order. */
export const commands: Record<"bold" | "italic" | "bulletList" | "orderedList" | "undo" | "redo", Command> = {
  bold: toggleMark(schema.marks.strong as never),
  italic: toggleMark(schema.marks.em as never),
  bulletList: wrapInList(schema.nodes.bullet_list as never),
  orderedList: wrapInList(schema.nodes.ordered_list as never),
  undo,
  redo,
};

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

/** The open <dialog> holding `element`, across shadow roots, if any. */
function openDialogAround(element: Node): HTMLDialogElement | null {
  for (let node: Node | null = element; node; ) {
    if (node instanceof HTMLDialogElement && node.open) return node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

export interface EditorOptions {
  fragment: Y.XmlFragment;
  awareness: Awareness | null;
  editable: () => boolean;
  attributes: Record<string, string>;
}

/** A ProseMirror view in `place`, bound to the fragment (and to presence, when given). */
export function mountEditor(place: Element, options: EditorOptions): EditorView {
  allowRangesInShadowRoots();
  const item = schema.nodes.list_item as never;
  const plugins = [
    ySyncPlugin(options.fragment),
    ...(options.awareness
      ? [yCursorPlugin(options.awareness, { cursorBuilder, selectionBuilder: () => ({ class: "remote-selection" }) })]
      : []),
    yUndoPlugin(),
    identityNumberPlugin(),
    keymap({
      "Mod-z": undo,
      "Mod-y": redo,
      "Mod-Shift-z": redo,
      "Mod-b": commands.bold,
      "Mod-i": commands.italic,
      Enter: splitListItem(item),
      Tab: sinkListItem(item),
      "Shift-Tab": liftListItem(item),
    }),
    keymap(baseKeymap),
  ];
  return new EditorView(place, {
    state: EditorState.create({ schema, plugins }),
    editable: options.editable,
    attributes: options.attributes,
    // y-prosemirror's plugins may still dispatch (a focus change, an awareness event) after the
    // element left the page and the view was destroyed: such a transaction has nowhere to go.
    // (ProseMirror calls this with the view as `this`, also while the view is being built.)
    // ProseMirror keeps Escape to itself (it prevents the default), so a card's dialog would not
    // close from its description: Escape closes the dialog the editor is in, or else leaves the
    // editor (Tab indents lists here, so keyboard users need a way out).
    handleKeyDown(view, event) {
      if (event.key !== "Escape" || event.isComposing) return false;
      const dialog = openDialogAround(view.dom);
      if (dialog) dialog.close();
      else (view.dom as HTMLElement).blur();
      return true;
    },
    dispatchTransaction(this: EditorView, tr) {
      if (!this.isDestroyed) this.updateState(this.state.apply(tr));
    },
  });
}
