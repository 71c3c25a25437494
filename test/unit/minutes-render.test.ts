import { describe, expect, it } from "vitest";
import { canonicalize, canonicalJson, sha256Hex } from "../../server/minutes/canonical.js";
import { renderMarkdown } from "../../server/minutes/render-markdown.js";
import { renderPdf } from "../../server/minutes/render-pdf.js";
import { type MinutesRecord, RECORD_FORMAT, type RecordAgendaItem } from "../../shared/minutes/record.js";
import { pdfPages } from "../helpers/pdf-text.js";

function record(overrides: Partial<MinutesRecord> = {}): MinutesRecord {
  return {
    format: RECORD_FORMAT,
    partnership: { id: "p-1", name: "Nära vård Södra Älvdalen" },
    board: { id: "b-1", name: "Samverkansmöte november" },
    addendumTo: null,
    meeting: {
      type: "collaboration",
      startsAt: "2026-11-23T12:00:00.000Z",
      endsAt: "2026-11-23T13:30:00.000Z",
      place: "Vårdcentralen Öjebyn, rum Ängen",
      convener: { id: "u-1", name: "Åsa Öberg" },
      approvers: [
        { id: "u-2", name: "Örjan Ängström" },
        { id: "u-3", name: "Märta Åkesson" },
      ],
    },
    attendees: [
      { name: "Åsa Öberg", organization: "Region Norrbotten", role: "verksamhetschef", present: true },
      { name: "Örjan Ängström", organization: "Piteå kommun", role: "enhetschef hemtjänst", present: true },
      { name: "Märta Åkesson", organization: "Region Norrbotten", role: "distriktssköterska", present: true },
      { name: "Ölle Ärlig", organization: "Piteå kommun", role: "", present: false },
    ],
    items: [
      {
        number: 12,
        title: "Trygg hemgång från sjukhus",
        notes: [
          { kind: "paragraph", text: "Gruppen gick igenom utskrivningarna i oktober." },
          { kind: "heading", level: 3, text: "Läget på avdelningarna" },
          { kind: "list_item", ordered: true, depth: 0, text: "Fler planeringsmöten före helgen" },
          { kind: "list_item", ordered: true, depth: 1, text: "Även på lördagar" },
          { kind: "list_item", ordered: true, depth: 0, text: "Läkemedelslistan följer med" },
          { kind: "quote", text: "Det är skönt att komma hem, sa en patient." },
        ],
        decisions: ["Samverkansytan beslutar att pröva gemensam utskrivningsplanering i två månader."],
        actionItems: [
          {
            title: "Ta fram rutin för läkemedelsöverföring",
            owner: "Märta Åkesson",
            dueDate: "2026-12-15",
            focusArea: "Trygg hemgång",
          },
        ],
      },
      { number: 13, title: "Övriga frågor", notes: [], decisions: ["Nästa möte hålls i Älvsbyn."], actionItems: [] },
    ],
    approvals: [
      { userId: "u-2", name: "Örjan Ängström", approvedAt: "2026-11-24T08:12:00.000Z" },
      { userId: "u-3", name: "Märta Åkesson", approvedAt: "2026-11-24T09:40:00.000Z" },
    ],
    sealedAt: "2026-11-24T10:00:00.000Z",
    sealedBy: { id: "u-1", name: "Åsa Öberg" },
    sequence: 3,
    previousSha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    ...overrides,
  };
}

/** Every key order reversed, recursively: the same data, serialized in another order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return value;
}

describe("canonicalJson", () => {
  it("is the RFC 8785 form of the spec's example", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units", () => {
    const input = { "€": 1, "\r": 2, דּ: 3, "1": 4, "😀": 5, "\u0080": 6, ö: 7 };
    // RFC 8785 section 3.2.3: "\r" (U+000D) sorts first; the emoji's high surrogate comes before U+FB33.
    expect(canonicalize(input)).toBe('{"\\r":2,"1":4,"\u0080":6,"ö":7,"€":1,"😀":5,"דּ":3}');
  });

  it("does not depend on key order and round-trips through JSON", () => {
    const sealed = record();
    const json = canonicalJson(sealed);
    expect(canonicalJson(reversedKeys(sealed) as MinutesRecord)).toBe(json);
    expect(canonicalJson(JSON.parse(json))).toBe(json);
    expect(json).toContain('"name":"Åsa Öberg"');
    expect(json).not.toMatch(/\s"|":\s/);
  });

  it("refuses what is not JSON data instead of hashing something else", () => {
    expect(() => canonicalize({ a: undefined })).toThrow(TypeError);
    expect(() => canonicalize({ when: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalize([Number.NaN])).toThrow(TypeError);
    expect(() => canonicalize("\ud800")).toThrow(TypeError);
  });
});

describe("sha256Hex", () => {
  it("matches the FIPS 180-2 vector for strings (UTF-8) and bytes", () => {
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(sha256Hex("abc")).toBe(abc);
    expect(sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(abc);
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("å")).toBe(sha256Hex(new Uint8Array([0xc3, 0xa5])));
  });
});

describe("renderMarkdown", () => {
  it("writes the protocol: meeting, attendance by organization, §§, decisions, actions, approvals", () => {
    const md = renderMarkdown(record());
    expect(md).toMatch(/^# Samverkansmöte november\n/);
    expect(md).toContain("- **Mötestyp:** Samverkansmöte");
    expect(md).toContain("- **Tid:** 2026-11-23 kl. 13:00–14:30");
    expect(md).toContain("- **Sammankallande:** Åsa Öberg");
    expect(md).toContain("- **Justerare:** Örjan Ängström, Märta Åkesson");
    expect(md).toContain(
      "### Region Norrbotten\n\n- **Närvarande:** Åsa Öberg (verksamhetschef), Märta Åkesson (distriktssköterska)",
    );
    expect(md).toContain("- **Frånvarande:** Ölle Ärlig");
    expect(md).toContain("## § 12 Trygg hemgång från sjukhus");
    expect(md).toContain("1. Fler planeringsmöten före helgen\n   1. Även på lördagar\n2. Läkemedelslistan följer med");
    expect(md).toContain("> Det är skönt att komma hem, sa en patient.");
    expect(md).toContain("### Beslut\n\n- Samverkansytan beslutar att pröva gemensam utskrivningsplanering");
    expect(md).toContain(
      "- Ta fram rutin för läkemedelsöverföring (Ansvarig: Märta Åkesson; Klart senast: 2026-12-15; Fokusområde: Trygg hemgång)",
    );
    expect(md).toContain("## Justering\n\n- Örjan Ängström, justerat 2026-11-24 kl. 09:12");
    expect(md).toContain("Förseglat 2026-11-24 kl. 11:00 av Åsa Öberg. Löpnummer 3.");
    expect(md).toContain("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  });

  it("is deterministic and has English labels", () => {
    expect(renderMarkdown(record())).toBe(renderMarkdown(reversedKeys(record()) as MinutesRecord));
    const md = renderMarkdown(record({ previousSha256: null }), "en");
    expect(md).toContain("- **Type of meeting:** Partnership meeting");
    expect(md).toContain("- **Time:** 2026-11-23 13:00–14:30");
    expect(md).toContain("### Decisions");
    expect(md).toContain("The first sealed minutes of the partnership.");
  });

  it("escapes user text so it can never become a link, HTML or structure", () => {
    const evil = "[klicka](javascript:alert(1)) <script>";
    const item: RecordAgendaItem = {
      number: null,
      title: "# rubrik",
      notes: [
        { kind: "paragraph", text: "- inte en lista\n1. inte numrerad\n> inget citat" },
        {
          kind: "paragraph",
          text: "se https://example.org, www.example.org och a@b.se ![bild](x) &amp; `kod` *fet* |a|",
        },
      ],
      decisions: [evil],
      actionItems: [],
    };
    const md = renderMarkdown(record({ board: { id: "b", name: evil }, items: [item] }));
    expect(md).toContain("# \\[klicka\\](javascript:alert(1)) \\<script\\>\n");
    expect(md).toContain("- \\[klicka\\](javascript:alert(1)) \\<script\\>\n");
    expect(md).toContain("## \\# rubrik\n");
    expect(md).toContain("\\- inte en lista\\\n1\\. inte numrerad\\\n\\> inget citat");
    expect(md).toContain(
      "https\\://example.org, www\\.example.org och a\\@b.se \\!\\[bild\\](x) \\&amp; \\`kod\\` \\*fet\\* \\|a\\|",
    );
    expect(md).not.toMatch(/(^|[^\\])[[<]/m);
  });
});

describe("an addendum", () => {
  it("names the sealed minutes it corrects, in Markdown and in the PDF", async () => {
    const addendum = record({
      board: { id: "b-2", name: "Tillägg till Samverkansmöte november" },
      addendumTo: { boardId: "b-1", title: "Samverkansmöte november", sequence: 4 },
    });
    expect(renderMarkdown(addendum)).toContain("Samverkansmöte november (protokoll nr 4)");
    expect((await pdfPages(await renderPdf(addendum))).join(" ")).toContain("Tillägg till");
  });
});

describe("renderPdf", () => {
  it("is PDF/A-2b with embedded TrueType fonts and no standard-14 font", async () => {
    const pdf = await renderPdf(record());
    const raw = pdf.toString("latin1");
    expect(raw.startsWith("%PDF-1.7")).toBe(true);
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(raw).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(raw).toContain("/OutputIntents");
    expect(raw).toContain("/FontFile2");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
    expect(raw).toContain("/Lang (sv-SE)");
    expect(raw).toContain("/StructTreeRoot");
    // Same record, same bytes: the archived file can be rendered again and compared.
    expect((await renderPdf(record())).equals(pdf)).toBe(true);
  });

  it("keeps the XMP packet well-formed whatever the names contain, and shows them exactly on the page", async () => {
    const evil = "[klicka](javascript:alert(1)) <script> & </rdf:li>";
    const pdf = await renderPdf(
      record({ board: { id: "b", name: evil }, partnership: { id: "p", name: "A & B" } }),
      "en",
    );
    const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(pdf.toString("utf8"))?.[0] ?? "";
    expect(xmp).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(xmp).not.toContain("<script>");
    expect(xmp.match(/<rdf:li\b/g)?.length).toBe(xmp.match(/<\/rdf:li>/g)?.length);
    expect(pdf.toString("latin1")).toContain("/Lang (en-GB)");
    const [first] = await pdfPages(pdf);
    expect(first).toContain(evil);
    expect(first).toContain("Partnership: A & B");
  });

  it("shows the minutes as text a reader can search, with å, ä and ö intact", async () => {
    const pages = await pdfPages(await renderPdf(record()));
    const text = pages.join(" ");
    for (const name of ["Åsa Öberg", "Örjan Ängström", "Märta Åkesson", "Ölle Ärlig"]) expect(text).toContain(name);
    expect(text).toContain("§ 12 Trygg hemgång från sjukhus");
    expect(text).toContain("§ 13 Övriga frågor");
    expect(text).toContain("Samverkansytan beslutar att pröva gemensam utskrivningsplanering i två månader.");
    expect(text).toContain("Nästa möte hålls i Älvsbyn.");
    expect(text).toContain("Närvarande: Åsa Öberg (verksamhetschef)");
    expect(text).toContain("Justerare: Örjan Ängström, Märta Åkesson");
    expect(text).toContain("2026-11-23 kl. 13:00–14:30");
    expect(pages.at(-1)).toContain(`Sida ${pages.length} av ${pages.length}`);
  });

  it("breaks long minutes over numbered pages", async () => {
    const items: RecordAgendaItem[] = Array.from({ length: 200 }, (_, i) => ({
      number: i + 1,
      title: `Punkt ${i + 1}: uppföljning av åtgärder för äldre`,
      notes: [{ kind: "paragraph", text: "Öppen diskussion om läget i hemtjänsten. ".repeat(4) }],
      decisions: [`Beslut nr ${i + 1}: godkänt.`],
      actionItems: [],
    }));
    const pages = await pdfPages(await renderPdf(record({ items })));
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((page, i) => {
      expect(page).toContain(`Sida ${i + 1} av ${pages.length}`);
    });
    const text = pages.join(" ");
    expect(text).toContain("§ 200 Punkt 200: uppföljning av åtgärder för äldre");
    expect(text).toContain("Beslut nr 200: godkänt.");
  });
});
