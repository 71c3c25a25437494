/** The text a reader would see in a PDF, extracted with pdf.js as a PDF viewer does. */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Each page's text; pdf.js splits runs at font and position changes, so spacing is normalised. */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : " ") : "")).join(""));
  }
  await document.destroy();
  return pages.map((page) => page.replace(/\s+/g, " "));
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).join(" ");
}
