/** The pure parts of the audit view and the export: CSV cells, events in words, file names, retention setting. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { csvCell, csvRow, stockholmTimestamp } from "../../server/records/csv.js";
import { slug } from "../../server/records/export.js";
import type { AuditEventView } from "../../shared/api/records.js";
import { describeEvent, kindLabel } from "../../shared/records/describe.js";

const event = (overrides: Partial<AuditEventView>): AuditEventView => ({
  id: 1,
  at: "2026-11-23T12:00:00.000Z",
  action: "minutes.approved",
  actor: { id: "a", name: "Anna Berg" },
  workspace: { id: "w", name: "Nära vård Lekeberg" },
  target: { type: "board", id: "b", name: "Samverkansmöte november" },
  details: {},
  ...overrides,
});

describe("CSV cells", () => {
  it("puts an apostrophe before anything a spreadsheet would run as a formula", () => {
    for (const value of ["=1+1", "+46701234567", "-2", "@SUM(A1)", "\t=1", "\r=1"])
      expect(csvCell(value, ";").replace(/^"/, "").startsWith("'"), value).toBe(true);
    expect(csvCell("Anna = Berg", ";")).toBe("Anna = Berg");
  });

  it("quotes separators, quotes and line breaks, and nothing else", () => {
    expect(csvCell('Säg "hej"', ",")).toBe('"Säg ""hej"""');
    expect(csvCell("a;b", ";")).toBe('"a;b"');
    expect(csvCell("a;b", ",")).toBe("a;b");
    expect(csvCell("rad 1\nrad 2", ",")).toBe('"rad 1\nrad 2"');
    expect(csvCell(null, ";")).toBe("");
    expect(csvRow(["å", 1, true, undefined], ";")).toBe("å;1;true;\r\n");
  });

  it("writes instants on Swedish clocks with their offset, winter and summer", () => {
    expect(stockholmTimestamp("2026-11-23T12:00:05.000Z")).toBe("2026-11-23T13:00:05+01:00");
    expect(stockholmTimestamp("2026-06-23T12:00:05.000Z")).toBe("2026-06-23T14:00:05+02:00");
  });
});

describe("events in words", () => {
  it("says who did what, in Swedish and English", () => {
    expect(describeEvent(event({}))).toBe("Anna Berg justerade protokollet ”Samverkansmöte november”");
    expect(describeEvent(event({ action: "minutes.exported", details: { artefact: "pdf" } }))).toBe(
      "Anna Berg exporterade det justerade protokollet ”Samverkansmöte november” som PDF",
    );
    expect(describeEvent(event({ action: "minutes.exported", details: { artefact: "pdf" } }), "en")).toBe(
      "Anna Berg exported the approved minutes “Samverkansmöte november” as PDF",
    );
    expect(
      describeEvent(
        event({
          action: "member.role_changed",
          target: { type: "user", id: "u", name: "Per Lind" },
          details: { from: "member", to: "observer" },
        }),
      ),
    ).toBe("Anna Berg ändrade rollen för ”Per Lind” från medlem till observatör");
    expect(
      describeEvent(
        event({ action: "member.removed", target: { type: "user", id: "a", name: "" }, details: { self: true } }),
      ),
    ).toBe("Anna Berg lämnade samverkansytan");
  });

  it("names what is gone, someone unknown, and an action it has no words for by its code", () => {
    expect(describeEvent(event({ target: { type: "board", id: "b", name: null } }))).toBe(
      "Anna Berg justerade protokollet (borttagen)",
    );
    expect(describeEvent(event({ actor: null, action: "auth.login.failure", details: { email: "x@y.se" } }))).toBe(
      "Någon misslyckades att logga in som x@y.se",
    );
    expect(
      describeEvent(
        event({
          action: "member.actions_handed_over",
          target: { type: "user", id: "u", name: "Per Lind" },
          details: { actions: 3, toName: "Eva Sjöberg" },
        }),
      ),
    ).toBe("Anna Berg lämnade över 3 öppna åtgärder från ”Per Lind” till ”Eva Sjöberg”");
    expect(describeEvent(event({ action: "board.something_new" }))).toBe("Anna Berg: board.something_new");
    expect(describeEvent(event({ actor: null, action: "identity_number.scan", details: { found: 2 } }))).toBe(
      "Systemet sökte efter lagrade personnummer och hittade 2",
    );
    expect(
      describeEvent(
        event({ action: "identity_number.refused", details: { kind: "samordningsnummer", field: "title" } }),
      ),
    ).toBe("Anna Berg försökte spara ett samordningsnummer i fältet title; det nekades");
    expect(kindLabel("minutes.sealed")).toBe("Protokoll förseglat");
    expect(kindLabel("minutes.sealed", "en")).toBe("Minutes sealed");
    expect(kindLabel("something.new")).toBe("something.new");
  });
});

describe("export file names", () => {
  it("are lower-case ASCII with dashes, å ä ö as a a o", () => {
    expect(slug("Samverkansmöte 23 november – Fjugesta")).toBe("samverkansmote-23-november-fjugesta");
    expect(slug("Äldreomsorg & närvård")).toBe("aldreomsorg-narvard");
    expect(slug("///")).toBe("namnlos");
    expect(slug("x".repeat(80))).toHaveLength(40);
  });
});

describe("AUDIT_RETENTION_DAYS", () => {
  const retention = (value?: string) => {
    const result = loadConfig(value === undefined ? {} : { AUDIT_RETENTION_DAYS: value });
    return result.ok ? result.config.auditRetentionMs : result.problems;
  };

  it("keeps audit events two years by default; 0 keeps them for ever; nonsense is refused", () => {
    expect(retention()).toBe(730 * 86_400_000);
    expect(retention("")).toBe(730 * 86_400_000);
    expect(retention("90")).toBe(90 * 86_400_000);
    expect(retention("0")).toBeNull();
    expect(retention("-1")).toEqual([expect.stringMatching(/^AUDIT_RETENTION_DAYS: must be 0 or more/)]);
    expect(retention("ett år")).toEqual([expect.stringMatching(/^AUDIT_RETENTION_DAYS: must be a number/)]);
  });
});
