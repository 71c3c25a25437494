/** Plain text out of a rich-text Y.XmlFragment, for search, projections and exports. */
import * as Y from "yjs";

const BLOCKS = new Set(["paragraph", "heading", "list_item", "blockquote", "bullet_list", "ordered_list"]);

/** The text of a fragment, blocks separated by newlines, without markup. */
export function richTextToPlain(fragment: Y.XmlFragment | Y.XmlElement | undefined): string {
  if (!fragment) return "";
  const out: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        out.push(
          child
            .toDelta()
            .map((op: { insert?: unknown }) => (typeof op.insert === "string" ? op.insert : ""))
            .join(""),
        );
      } else if (child instanceof Y.XmlElement) {
        if (child.nodeName === "hard_break") out.push("\n");
        walk(child);
        if (BLOCKS.has(child.nodeName)) out.push("\n");
      }
    }
  };
  walk(fragment);
  return out
    .join("")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

/** Number of characters of text in a fragment (what size caps count). */
export function richTextLength(fragment: Y.XmlFragment | Y.XmlElement): number {
  let total = 0;
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) total += child.length;
    else if (child instanceof Y.XmlElement) total += richTextLength(child);
  }
  return total;
}

/**
 * Writes plain paragraphs into an empty fragment the way y-prosemirror would (one `paragraph`
 * element per line). For seeding and tests; the editor writes through ProseMirror.
 */
export function writePlainParagraphs(fragment: Y.XmlFragment, text: string): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  const paragraphs = text.split(/\n+/).filter((line) => line.trim() !== "");
  fragment.insert(
    0,
    paragraphs.map((line) => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(line)]);
      return p;
    }),
  );
}
