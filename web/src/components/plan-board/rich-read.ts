/**
 * A rich-text fragment as plain document markup for the read view and print: paragraphs,
 * headings (placed under the surrounding heading level), lists, quotes, bold, italic and links.
 * Lit templates only, so nothing the text holds becomes markup by itself; links go only to
 * http(s) and mailto addresses.
 */
import { html, nothing, type TemplateResult } from "lit";
import * as Y from "yjs";
import { richTextToPlain } from "../../../../shared/richtext/text.js";

type Delta = { insert?: unknown; attributes?: Record<string, unknown> };

function inline(text: Y.XmlText): TemplateResult[] {
  return (text.toDelta() as Delta[]).map((op) => {
    if (typeof op.insert !== "string") return html``;
    const a = op.attributes ?? {};
    let out: TemplateResult = html`${op.insert}`;
    if (a.strong) out = html`<strong>${out}</strong>`;
    if (a.em) out = html`<em>${out}</em>`;
    const href = (a.link as { href?: unknown } | undefined)?.href;
    if (typeof href === "string" && /^(https?:|mailto:)/i.test(href)) out = html`<a href=${href}>${out}</a>`;
    return out;
  });
}

function children(node: Y.XmlFragment | Y.XmlElement, below: number): unknown[] {
  return node.toArray().map((child) => {
    if (child instanceof Y.XmlText) return inline(child);
    if (!(child instanceof Y.XmlElement)) return nothing;
    const inner = children(child, below);
    switch (child.nodeName) {
      case "paragraph":
        return html`<p>${inner}</p>`;
      case "heading": {
        const level = Math.min(6, below + Math.max(1, Number(child.getAttribute("level")) - 1 || 1));
        return level <= 3 ? html`<h3>${inner}</h3>` : level === 4 ? html`<h4>${inner}</h4>` : html`<h5>${inner}</h5>`;
      }
      case "bullet_list":
        return html`<ul>${inner}</ul>`;
      case "ordered_list":
        return html`<ol>${inner}</ol>`;
      case "list_item":
        return html`<li>${inner}</li>`;
      case "blockquote":
        return html`<blockquote>${inner}</blockquote>`;
      case "hard_break":
        return html`<br />`;
      default:
        return inner;
    }
  });
}

/** The fragment's text as markup, headings one level below `below` (the heading it sits under). */
export function richRead(fragment: Y.XmlFragment | undefined, below: number, empty: string) {
  if (!fragment || richTextToPlain(fragment) === "") {
    return html`<p class="muted">${empty}</p>`;
  }
  return html`<div class="prose">${children(fragment, below)}</div>`;
}
