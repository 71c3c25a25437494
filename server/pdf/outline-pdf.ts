/**
 * The archival PDF machinery shared by sealed minutes (server/minutes/render-pdf.ts) and frozen
 * follow-up reports (server/reports/pdf.ts): an outline drawn on A4 as PDF/A-2b with DejaVu Sans
 * embedded, tagged headings, paragraphs, lists and figures, and "Sida x av y" on every page.
 */
import { createRequire } from "node:module";
import type { OutlineBlock } from "../minutes/render-markdown.js";

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const MARGIN = { top: 57, bottom: 64, left: 62, right: 62 };
const BODY = 10.5;
const SMALL = 8;
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12, 4: 11, 5: 10.5 } as const;
const INK = "#000000";
const MUTED = "#444444";
const REGULAR = "DejaVuSans";
const BOLD = "DejaVuSans-Bold";
const OBLIQUE = "DejaVuSans-Oblique";

/**
 * The font files of the `dejavu-fonts-ttf` package, resolved from this module so they are found
 * wherever node_modules is. Resolved per call: nothing is read at import time.
 */
function fontFiles(): Record<typeof REGULAR | typeof BOLD | typeof OBLIQUE, string> {
  const require = createRequire(import.meta.url);
  const file = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);
  return { [REGULAR]: file(REGULAR), [BOLD]: file(BOLD), [OBLIQUE]: file(OBLIQUE) };
}

/**
 * pdfkit, loaded when the first minutes are sealed rather than at start: with its font metrics it is
 * about 7 MB of heap (a fifth of an idle server's), which every full garbage collection would mark
 * through while people edit.
 */
let pdfkit: Promise<typeof import("pdfkit")> | null = null;

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  /** The instant the document records (sealing, freezing): the same input renders to the same bytes. */
  creationDate: Date;
  lang: "sv-SE" | "en-GB";
  /** At the foot of every page, left; the page number ("Sida x av y") on the right. */
  footer: string;
  page: (n: number, total: number) => string;
}

/** Blocks that only the PDF draws (vector charts); the Markdown skips them. */
export interface ExtraBlock {
  kind: "drawing";
  height: number;
  /** Alternative text for the Figure structure element. */
  alt: string;
  draw: (doc: Doc, x: number, y: number, width: number) => void;
}

/**
 * An outline (headings, fields, paragraphs, lists…) as an archival PDF: PDF/A-2b on A4, DejaVu
 * Sans embedded (PDF/A allows no unembedded fonts), tagged, "Sida x av y" on every page.
 */
export async function renderOutlinePdf(blocks: Iterable<OutlineBlock | ExtraBlock>, meta: PdfMeta): Promise<Buffer> {
  pdfkit ??= import("pdfkit").then((module) => module.default);
  const PDFDocument = await pdfkit;
  const fonts = fontFiles();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    // PDF/A-2 is based on PDF 1.7; pdfkit adds the pdfaid XMP entries and the sRGB output intent.
    pdfVersion: "1.7",
    subset: "PDF/A-2b",
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    // Pages stay in memory until the end, because "Sida 1 av N" needs N.
    bufferPages: true,
    // Without this pdfkit would select Helvetica, a standard-14 font that PDF/A forbids.
    font: fonts[REGULAR],
    info: {
      Title: metadataText(meta.title),
      Author: metadataText(meta.author),
      Subject: metadataText(meta.subject),
      Creator: "Samverkan",
      CreationDate: meta.creationDate,
    },
  });
  const bytes = collect(doc);
  for (const [name, path] of Object.entries(fonts)) doc.registerFont(name, path);

  const root = doc.struct("Document");
  doc.addStructure(root);
  const state: DrawState = { doc, root, list: null };
  for (const block of blocks) {
    if (block.kind === "drawing") drawExtra(state, block);
    else drawBlock(state, block);
  }
  state.list?.end();
  root.end();
  drawFooters(doc, meta);
  doc.end();
  return bytes;
}

/** A figure: kept on one page, tagged with its alternative text. */
function drawExtra(state: DrawState, block: ExtraBlock): void {
  const { doc, root } = state;
  if (state.list) {
    state.list.end();
    state.list = null;
  }
  ensureRoom(doc, block.height + 6);
  const y = doc.y;
  root.add(doc.struct("Figure", { alt: block.alt }, () => block.draw(doc, MARGIN.left, y, contentWidth(doc))));
  doc.x = MARGIN.left;
  doc.y = y + block.height + 6;
}

interface DrawState {
  doc: Doc;
  root: Struct;
  /** The open list structure element while consecutive list items are drawn. */
  list: Struct | null;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on("data", (chunk: Uint8Array) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN.left - MARGIN.right;
}

/** Starts a new page unless `height` more points fit above the bottom margin. */
function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN.bottom) doc.addPage();
}

function atPageTop(doc: Doc): boolean {
  return doc.y <= MARGIN.top + 0.5;
}

function drawBlock(state: DrawState, block: OutlineBlock): void {
  const { doc, root } = state;
  const width = contentWidth(doc);
  if (block.kind !== "list_item" && state.list) {
    state.list.end();
    state.list = null;
    doc.y += BODY * 0.4;
  }
  switch (block.kind) {
    case "heading": {
      const size = HEADING_SIZE[block.level];
      doc.font(BOLD).fontSize(size).fillColor(INK);
      const before = block.level === 1 || atPageTop(doc) ? 0 : size * 0.9;
      // Keep a heading with at least two lines of what follows it.
      ensureRoom(doc, before + doc.heightOfString(block.text, { width }) + BODY * 3);
      if (!atPageTop(doc)) doc.y += before;
      root.add(doc.struct(`H${block.level}`, {}, () => doc.text(block.text, MARGIN.left, doc.y, { width })));
      doc.y += size * 0.3;
      break;
    }
    case "field":
      doc.font(BOLD).fontSize(BODY).fillColor(INK);
      ensureRoom(doc, doc.currentLineHeight(true));
      root.add(
        doc.struct("P", {}, () => {
          doc.text(`${block.label}: `, MARGIN.left, doc.y, { width, continued: true });
          doc.font(REGULAR).text(block.value);
        }),
      );
      doc.y += 2;
      break;
    case "paragraph":
      doc.font(REGULAR).fontSize(BODY).fillColor(INK);
      ensureRoom(doc, doc.currentLineHeight(true));
      root.add(doc.struct("P", {}, () => doc.text(block.text, MARGIN.left, doc.y, { width })));
      doc.y += BODY * 0.5;
      break;
    case "list_item":
      drawListItem(state, block);
      break;
    case "quote": {
      doc.font(OBLIQUE).fontSize(BODY).fillColor(MUTED);
      ensureRoom(doc, doc.currentLineHeight(true));
      const indent = 18;
      root.add(
        doc.struct("BlockQuote", {}, () =>
          doc.text(block.text, MARGIN.left + indent, doc.y, { width: width - indent }),
        ),
      );
      doc.y += BODY * 0.5;
      break;
    }
    case "rule": {
      ensureRoom(doc, 24);
      doc.y += 10;
      // Decoration only: an artifact, so assistive technology skips it.
      doc.markContent("Artifact", { type: "Layout" });
      doc
        .moveTo(MARGIN.left, doc.y)
        .lineTo(MARGIN.left + width, doc.y)
        .lineWidth(0.5)
        .strokeColor(MUTED)
        .stroke();
      doc.endMarkedContent();
      doc.y += 8;
      break;
    }
    case "small":
      doc.font(REGULAR).fontSize(SMALL).fillColor(MUTED);
      ensureRoom(doc, doc.currentLineHeight(true));
      root.add(doc.struct("P", {}, () => doc.text(block.text, MARGIN.left, doc.y, { width })));
      break;
  }
}

/** A list item as LI (Lbl + LBody) in the current L; nesting shows as indentation. */
function drawListItem(state: DrawState, block: Extract<OutlineBlock, { kind: "list_item" }>): void {
  const { doc, root } = state;
  const marker = block.ordinal === null ? "•" : `${block.ordinal}.`;
  doc.font(REGULAR).fontSize(BODY).fillColor(INK);
  const x = MARGIN.left + block.depth * 18;
  const markerWidth = Math.max(14, doc.widthOfString(marker) + 5);
  const textX = x + markerWidth;
  const textWidth = contentWidth(doc) - (textX - MARGIN.left);
  ensureRoom(doc, doc.currentLineHeight(true));
  const y = doc.y;
  if (!state.list) {
    state.list = doc.struct("L");
    root.add(state.list);
  }
  state.list.add(
    doc.struct("LI", {}, [
      doc.struct("Lbl", {}, () => doc.text(marker, x, y, { width: markerWidth, lineBreak: false })),
      doc.struct("LBody", {}, () => doc.text(block.text, textX, y, { width: textWidth })),
    ]),
  );
  doc.y += 2;
}

/** "Sida x av y" and the document's name at the foot of every page, as pagination artifacts. */
function drawFooters(doc: Doc, meta: PdfMeta): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const width = contentWidth(doc);
    const y = doc.page.height - MARGIN.bottom + 24;
    // Below the bottom margin pdfkit would start a new page; lift the margin while drawing here.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent("Artifact", { type: "Pagination" });
    doc.font(REGULAR).fontSize(SMALL).fillColor(MUTED);
    doc.text(meta.footer, MARGIN.left, y, {
      width: width * 0.7,
      height: SMALL * 1.3,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(meta.page(i - start + 1, count), MARGIN.left, y, { width, align: "right", lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

/**
 * Text for the document information and XMP metadata. pdfkit writes these values into the XMP
 * packet without XML escaping, so markup characters are replaced by look-alikes there (the page
 * itself shows the exact text); control characters become spaces.
 */
function metadataText(text: string): string {
  return text
    .replace(/\p{Cc}/gu, " ")
    .replace(/&/g, "＆")
    .replace(/</g, "‹")
    .replace(/>/g, "›");
}
