/**
 * ProseMirror plugin: a personal identity number typed or pasted into rich text is replaced with
 * the placeholder in the same step, so its last digit never leaves the device (the server would
 * replace it too); while one is being typed, the identity warning is shown. See
 * shared/text/identity-numbers.ts for what counts as one.
 */
import type { Node } from "prosemirror-model";
import { Plugin, type Transaction } from "prosemirror-state";
import { ySyncPluginKey } from "y-prosemirror";
import {
  findIdentityNumbers,
  IDENTITY_NUMBER_PLACEHOLDER,
  identityNumberInProgress,
} from "../../../../shared/text/identity-numbers.js";
import { IdentityNumberEvent } from "../../events.js";
// The warning listens for what this plugin reports.
import "../identity-warning/identity-warning.js";

/** A textblock's text with one character per position (inline leaves as U+FFFC). */
const textOf = (block: Node) => block.textBetween(0, block.content.size, undefined, "\ufffc");

export function identityNumberPlugin(): Plugin {
  let typing = false;
  return new Plugin({
    appendTransaction(transactions, _before, state) {
      // Others' changes arrive through y-prosemirror; the server has already cleaned them.
      const local = transactions.filter((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey)?.isChangeOrigin);
      if (local.length === 0) return null;
      let tr: Transaction | null = null;
      state.doc.descendants((node, pos) => {
        if (!node.isTextblock) return true;
        const found = findIdentityNumbers(textOf(node));
        for (let i = found.length - 1; i >= 0; i--) {
          const { start, end } = found[i] as { start: number; end: number };
          tr ??= state.tr;
          const from = tr.mapping.map(pos + 1 + start);
          const to = tr.mapping.map(pos + 1 + end);
          tr.insertText(IDENTITY_NUMBER_PLACEHOLDER, from, to);
        }
        return false;
      });
      if (tr) window.dispatchEvent(new IdentityNumberEvent("removed"));
      return tr;
    },
    view: () => ({
      update(view, before) {
        if (view.state.doc.eq(before.doc) && view.state.selection.eq(before.selection)) return;
        const block = view.state.selection.$head.parent;
        const now = block.isTextblock && identityNumberInProgress(textOf(block)) !== null;
        if (now === typing) return;
        typing = now;
        window.dispatchEvent(new IdentityNumberEvent(now ? "typing" : "cleared"));
      },
    }),
  });
}
