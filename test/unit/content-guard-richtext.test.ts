import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { prosemirrorJSONToYXmlFragment, updateYFragment, yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import * as Y from "yjs";
import * as focus from "../../shared/boards/focus.js";
import { type BoardKind, openBoard } from "../../shared/boards/index.js";
import * as minutes from "../../shared/boards/minutes.js";
import * as plan from "../../shared/boards/plan.js";
import { richTextSchema } from "../../shared/richtext/schema.js";
import { richTextLength, writePlainParagraphs } from "../../shared/richtext/text.js";
import { GuardedBoard } from "../helpers/board-guard.js";

const text = (value: string, ...marks: object[]) => ({ type: "text", text: value, ...(marks.length ? { marks } : {}) });
const para = (...content: object[]) => ({ type: "paragraph", content });
const heading = (level: number, value: string) => ({ type: "heading", attrs: { level }, content: [text(value)] });
const item = (value: string) => ({ type: "list_item", content: [para(text(value))] });

/** What a user can make in the editor: every node and mark of the schema. */
const RICH = {
  type: "doc",
  content: [
    heading(2, "Syfte"),
    para(
      text("Vi ska "),
      text("tillsammans", { type: "strong" }),
      text(" och "),
      text("tryggt", { type: "em" }, { type: "strong" }),
      { type: "hard_break" },
      text("läs mer på "),
      text("1177", { type: "link", attrs: { href: "https://www.1177.se/" } }),
      text(" eller mejla "),
      text("samordnaren", { type: "link", attrs: { href: "mailto:samordnare@example.se" } }),
    ),
    heading(3, "Arbetssätt"),
    { type: "bullet_list", content: [item("Rond varje vecka"), item("Gemensam journal")] },
    heading(4, "Ordning"),
    { type: "ordered_list", content: [item("Först"), { type: "list_item", content: [para(text("Sedan")), para()] }] },
    { type: "blockquote", content: [para(text("Citat från en anhörig"))] },
  ],
};

type Target = [where: string, kind: BoardKind, setup: (d: Y.Doc) => void, fragment: (d: Y.Doc) => Y.XmlFragment];
const targets: Target[] = [
  [
    "an action description",
    "focus",
    (d) => focus.addAction(d, { title: "Brytpunktssamtal", id: "a1" }),
    (d) => focus.getAction(d, "a1")?.description as Y.XmlFragment,
  ],
  ["the focus description", "focus", (d) => focus.focusDescription(d), (d) => focus.focusDescription(d)],
  [
    "a plan section body",
    "plan",
    (d) => plan.addSection(d, "Bakgrund"),
    (d) => plan.sectionBody(d, plan.readPlan(d).sections[0]?.id as string),
  ],
  ["the plan purpose", "plan", (d) => plan.planPurpose(d), (d) => plan.planPurpose(d)],
  [
    "agenda notes",
    "minutes",
    (d) => minutes.addAgendaItem(d, { title: "Uppföljning" }),
    (d) => minutes.agendaNotes(d, minutes.readMinutes(d).items[0]?.id as string),
  ],
];

function boardWith(kind: BoardKind, setup: (d: Y.Doc) => void): GuardedBoard {
  const board = new GuardedBoard(kind);
  board.write((d) => {
    openBoard(d, kind);
    setup(d);
  });
  return board;
}

/** The editor's document after an edit, as ProseMirror would hand it to the binding. */
const edited = (json: object, change: (doc: { content: object[] }) => void): Node => {
  const copy = structuredClone(json) as { content: object[] };
  change(copy);
  return richTextSchema.nodeFromJSON(copy);
};
const bindingWrite = (d: Y.Doc, fragment: Y.XmlFragment, node: Node) =>
  updateYFragment(d, fragment, node, { mapping: new Map(), isOMark: new Map() });

describe("the content guard accepts real editor output", () => {
  it.each(targets)("a rich document in %s, then edits on top of it", (_where, kind, setup, fragmentOf) => {
    const board = boardWith(kind, setup);
    board.write((d) => prosemirrorJSONToYXmlFragment(richTextSchema, RICH, fragmentOf(d)));
    const stored = yXmlFragmentToProsemirrorJSON(fragmentOf(board.server));
    expect(richTextSchema.nodeFromJSON(stored).eq(richTextSchema.nodeFromJSON(RICH))).toBe(true);

    // Later edits through the binding: a new paragraph, a heading level, a mark, a removed block.
    const next = edited(RICH, (doc) => {
      doc.content.splice(1, 0, para(text("Ny inledning", { type: "em" })));
      doc.content[0] = heading(4, "Syfte och mål");
      doc.content.pop();
    });
    board.write((d) => bindingWrite(d, fragmentOf(d), next));
    expect(richTextSchema.nodeFromJSON(yXmlFragmentToProsemirrorJSON(fragmentOf(board.server))).eq(next)).toBe(true);
  });

  it("typing, formatting, attributes and deletions inside content the server already has", () => {
    const [, kind, setup, fragmentOf] = targets[0] as Target;
    const board = boardWith(kind, setup);
    board.write((d) => prosemirrorJSONToYXmlFragment(richTextSchema, RICH, fragmentOf(d)));
    const client = board.client();
    const fragment = fragmentOf(client);
    const first = fragment.get(0) as Y.XmlElement;
    const firstText = first.get(0) as Y.XmlText;
    const paragraph = fragment.get(1) as Y.XmlElement;
    const steps: ((d: Y.Doc) => void)[] = [
      () => firstText.insert(3, "ets"), // origin: a character the server has
      () => firstText.insert(0, "Vårt "), // no origin, right origin only
      () => first.setAttribute("level", 3 as never), // overwrites an attribute: origin only
      () => (paragraph.get(0) as Y.XmlText).format(0, 2, { link: { href: "mailto:eva@example.se" } }),
      () => (paragraph.get(0) as Y.XmlText).format(0, 2, { link: null }),
      () => fragment.insert(1, [new Y.XmlElement("paragraph")]),
      () => (fragment.get(1) as Y.XmlElement).insert(0, [new Y.XmlText("Skrivet efteråt")]),
      () => fragment.delete(2, 1),
      () => firstText.delete(0, 2),
    ];
    for (const step of steps) board.accept(...board.updates(client, step));
    expect(yXmlFragmentToProsemirrorJSON(fragmentOf(board.server))).toEqual(yXmlFragmentToProsemirrorJSON(fragment));
    expect(fragmentOf(board.server).toString()).toContain("Skrivet efteråt");
  });
});

/** An action a1 whose description holds `<heading level=2>Rubrik</heading><paragraph>Hej</paragraph>`. */
function describedAction(): GuardedBoard {
  const board = boardWith("focus", (d) => focus.addAction(d, { title: "Brytpunktssamtal", id: "a1" }));
  board.write((d) =>
    prosemirrorJSONToYXmlFragment(
      richTextSchema,
      { type: "doc", content: [heading(2, "Rubrik"), para(text("Hej"))] },
      desc(d),
    ),
  );
  return board;
}
const desc = (d: Y.Doc) => focus.getAction(d, "a1")?.description as Y.XmlFragment;
const paragraphText = (d: Y.Doc) => (desc(d).get(1) as Y.XmlElement).get(0) as Y.XmlText;
const headingWith = (level: unknown) => {
  const h = new Y.XmlElement("heading");
  h.setAttribute("level", level as never);
  h.insert(0, [new Y.XmlText("Rubrik")]);
  return h;
};
const PATH = "actions\\.a1\\.description";

type Case = [name: string, edit: (d: Y.Doc) => unknown, names: RegExp];
const refusals: Case[] = [
  [
    "an unknown node",
    (d) => desc(d).insert(0, [new Y.XmlElement("script")]),
    RegExp(`${PATH}: unknown rich-text node "script"`),
  ],
  [
    "an unknown node nested in a known one",
    (d) => (desc(d).get(1) as Y.XmlElement).insert(0, [new Y.XmlElement("iframe")]),
    RegExp(`${PATH}/paragraph: unknown rich-text node "iframe"`),
  ],
  [
    "text straight in the document, outside any paragraph",
    (d) => desc(d).insert(0, [new Y.XmlText("lös text")]),
    RegExp(`${PATH}: text cannot be inside doc`),
  ],
  [
    "a list item outside a list",
    (d) => desc(d).insert(0, [new Y.XmlElement("list_item")]),
    RegExp(`${PATH}: list_item cannot be inside doc`),
  ],
  [
    "a paragraph inside a paragraph",
    (d) => (desc(d).get(1) as Y.XmlElement).insert(0, [new Y.XmlElement("paragraph")]),
    RegExp(`${PATH}/paragraph: paragraph cannot be inside paragraph`),
  ],
  [
    "a hard break at the top level",
    (d) => desc(d).insert(0, [new Y.XmlElement("hard_break")]),
    RegExp(`${PATH}: hard_break cannot be inside doc`),
  ],
  [
    "an unknown mark",
    (d) => paragraphText(d).format(0, 2, { color: { value: "red" } }),
    RegExp(`${PATH}/paragraph/text: "color" is not a text format`),
  ],
  [
    "a javascript: link",
    (d) => paragraphText(d).format(0, 2, { link: { href: "javascript:alert(1)" } }),
    RegExp(`${PATH}/paragraph/text: links must be http\\(s\\) or mailto`),
  ],
  [
    "a data: link",
    (d) => paragraphText(d).format(0, 2, { link: { href: "data:text/html;base64,PHNjcmlwdD4=" } }),
    /links must be http\(s\) or mailto/,
  ],
  ["a link without href", (d) => paragraphText(d).format(0, 2, { link: {} }), /links must be http\(s\) or mailto/],
  [
    "a mark attribute not in the schema",
    (d) => paragraphText(d).format(0, 2, { strong: { style: "x" } }),
    /paragraph\/text: strong has no attribute style/,
  ],
  [
    "a mark that is not an object",
    (d) => paragraphText(d).format(0, 2, { em: true }),
    /paragraph\/text: format em must be an object/,
  ],
  [
    "an attribute not in the node spec",
    (d) => (desc(d).get(1) as Y.XmlElement).setAttribute("onclick", "x"),
    RegExp(`${PATH}/paragraph: "onclick" is not an attribute of paragraph`),
  ],
  [
    "heading level 1",
    (d) => desc(d).insert(0, [headingWith(1)]),
    RegExp(`${PATH}/heading: heading level must be one of 2, 3, 4`),
  ],
  ["heading level 7", (d) => desc(d).insert(0, [headingWith(7)]), /heading: heading level must be one of 2, 3, 4/],
  [
    "heading level as a string",
    (d) => (desc(d).get(0) as Y.XmlElement).setAttribute("level", "2"),
    /heading level must be/,
  ],
  [
    "an embed",
    (d) => paragraphText(d).insertEmbed(1, { image: "https://example.se/x.png" }),
    RegExp(`${PATH}/paragraph/text: only text and formatting`),
  ],
  [
    "an attribute on text",
    (d) => paragraphText(d).setAttribute("style", "x"),
    /paragraph\/text: text has no attributes/,
  ],
  [
    "a Y.Map inside rich text",
    (d) => desc(d).insert(0, [new Y.Map() as never]),
    RegExp(`${PATH}: rich text holds only elements and text`),
  ],
  [
    "a shared type as an attribute",
    (d) => (desc(d).get(1) as Y.XmlElement).setAttribute("x", new Y.XmlText() as never),
    /paragraph: an attribute cannot hold a shared type/,
  ],
];

describe("the content guard refuses rich text outside the schema, and names where", () => {
  it.each(refusals)("%s", (_name, edit, names) => {
    const board = describedAction();
    expect(board.refuse(board.edit(edit))).toMatch(names);
  });
});

describe("rich-text length caps", () => {
  it("text over the field's cap in one update; just under it is fine", () => {
    const board = boardWith("focus", (d) => focus.addAction(d, { title: "Brytpunktssamtal", id: "a1" }));
    expect(board.refuse(board.edit((d) => writePlainParagraphs(desc(d), "x".repeat(20_001))))).toMatch(
      /longer than 20000 characters/,
    );
    board.accept(board.edit((d) => writePlainParagraphs(desc(d), "x".repeat(19_990))));
    expect(richTextLength(desc(board.server))).toBe(19_990);
  });

  it("text over the cap in two updates, each under it", () => {
    const board = describedAction();
    board.accept(board.edit((d) => writePlainParagraphs(desc(d), "x".repeat(12_000))));
    const update = board.edit((d) => desc(d).insert(1, [paragraphOf("y".repeat(12_000))]));
    expect(board.refuse(update)).toMatch(/longer than 20000 characters/);
  });

  it("a larger field keeps its larger cap", () => {
    const board = boardWith("minutes", (d) => minutes.addAgendaItem(d, { title: "Uppföljning" }));
    const notes = (d: Y.Doc) => minutes.agendaNotes(d, minutes.readMinutes(d).items[0]?.id as string);
    board.accept(board.edit((d) => writePlainParagraphs(notes(d), "x".repeat(30_000))));
    const update = board.edit((d) => notes(d).insert(1, [paragraphOf("y".repeat(20_001))]));
    expect(board.refuse(update)).toMatch(/longer than 50000 characters/);
  });

  it("replacing long text in one update (select all, paste) counts what it removes", () => {
    const board = describedAction();
    board.accept(board.edit((d) => writePlainParagraphs(desc(d), "x".repeat(15_000))));
    board.accept(board.edit((d) => writePlainParagraphs(desc(d), "y".repeat(10_000))));
    expect(richTextLength(desc(board.server))).toBe(10_000);
  });

  it("the cap refusal names the field", () => {
    const board = describedAction();
    const update = board.edit((d) => writePlainParagraphs(desc(d), "x".repeat(20_001)));
    expect(board.refuse(update)).toMatch(RegExp(PATH));
  });
});

function paragraphOf(value: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(value)]);
  return p;
}

describe("concurrent rich-text edits", () => {
  it("typing into an empty paragraph someone else just deleted is not refused", () => {
    const board = describedAction();
    board.write((d) => desc(d).insert(2, [new Y.XmlElement("paragraph")]));
    const typist = board.client();
    const deleter = board.client();
    const typing = board.edit((d) => (desc(d).get(2) as Y.XmlElement).insert(0, [new Y.XmlText("Hej")]), typist);
    board.accept(board.edit((d) => desc(d).delete(2, 1), deleter));
    // Yjs drops content whose parent has been deleted and collected; the guard must not refuse it.
    board.accept(typing);
    expect(desc(board.server).length).toBe(2);
    Y.applyUpdate(deleter, Y.encodeStateAsUpdate(board.server));
    Y.applyUpdate(typist, Y.encodeStateAsUpdate(board.server));
    expect(desc(typist).toString()).toBe(desc(deleter).toString());
  });
});
