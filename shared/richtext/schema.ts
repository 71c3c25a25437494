/**
 * The one ProseMirror schema for rich text on every board (plan sections, action descriptions,
 * minutes notes). y-prosemirror stores a document of this schema in a Y.XmlFragment: each node is
 * a Y.XmlElement named after its node type, text is Y.XmlText, and marks are formatting attributes
 * named after the mark. The server's content guard and text extraction read the same schema.
 */
import { Schema } from "prosemirror-model";

/** Links may only lead to web pages and e-mail: never javascript:, data: or file:. */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

export const richTextSchema = new Schema({
  nodes: {
    doc: { content: "block+" },
    paragraph: { content: "inline*", group: "block", parseDOM: [{ tag: "p" }], toDOM: () => ["p", 0] },
    heading: {
      attrs: { level: { default: 2, validate: "number" } },
      content: "inline*",
      group: "block",
      defining: true,
      parseDOM: [2, 3, 4].map((level) => ({ tag: `h${level}`, attrs: { level } })),
      toDOM: (node) => [`h${node.attrs.level}`, 0],
    },
    bullet_list: { content: "list_item+", group: "block", parseDOM: [{ tag: "ul" }], toDOM: () => ["ul", 0] },
    ordered_list: { content: "list_item+", group: "block", parseDOM: [{ tag: "ol" }], toDOM: () => ["ol", 0] },
    list_item: { content: "paragraph block*", defining: true, parseDOM: [{ tag: "li" }], toDOM: () => ["li", 0] },
    blockquote: {
      content: "block+",
      group: "block",
      parseDOM: [{ tag: "blockquote" }],
      toDOM: () => ["blockquote", 0],
    },
    text: { group: "inline" },
    hard_break: { inline: true, group: "inline", selectable: false, parseDOM: [{ tag: "br" }], toDOM: () => ["br"] },
  },
  marks: {
    strong: { parseDOM: [{ tag: "strong" }, { tag: "b" }], toDOM: () => ["strong", 0] },
    em: { parseDOM: [{ tag: "em" }, { tag: "i" }], toDOM: () => ["em", 0] },
    link: {
      attrs: { href: { validate: "string" } },
      inclusive: false,
      parseDOM: [{ tag: "a[href]", getAttrs: (dom) => ({ href: (dom as HTMLElement).getAttribute("href") }) }],
      toDOM: (mark) => ["a", { href: mark.attrs.href, rel: "noopener noreferrer nofollow" }, 0],
    },
  },
});

/** Heading levels a document may use (h1 is the board's own title). */
export const HEADING_LEVELS = [2, 3, 4] as const;

/**
 * For each node type, the node types its content expression allows directly inside it ("text"
 * for text), read from the schema's content-match automata. The content guard uses it to keep a
 * stored document shaped so that ProseMirror can open it.
 */
export const ALLOWED_CHILDREN: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.values(richTextSchema.nodes).map((type) => {
    const allowed = new Set<string>();
    const seen = new Set<unknown>();
    const stack = [type.contentMatch];
    while (stack.length > 0) {
      const match = stack.pop() as (typeof stack)[number];
      if (seen.has(match)) continue;
      seen.add(match);
      for (let i = 0; i < match.edgeCount; i++) {
        const edge = match.edge(i);
        allowed.add(edge.type.name);
        stack.push(edge.next);
      }
    }
    return [type.name, allowed];
  }),
);
