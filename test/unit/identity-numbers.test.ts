import { describe, expect, it } from "vitest";
import { ProtocolError } from "../../server/realtime/protocol-error.js";
import { Close } from "../../shared/protocol/close-codes.js";
import {
  findIdentityNumberIn,
  findIdentityNumbers,
  IDENTITY_NUMBER_PLACEHOLDER,
  identityNumberInProgress,
  withoutIdentityNumbers,
} from "../../shared/text/identity-numbers.js";

// Check digits computed by hand with the Luhn rule over the ten-digit form (weights 2,1,2,1,…).
const FOUND: [string, "personnummer" | "samordningsnummer"][] = [
  ["19121212-1212", "personnummer"], // Skatteverket's test number, twelve digits with hyphen
  ["121212-1212", "personnummer"],
  ["201212121212", "personnummer"], // twelve digits, no separator
  ["1212121212", "personnummer"], // ten digits, no separator
  ["121212+1212", "personnummer"], // 100 years or older
  ["121212 1212", "personnummer"], // a space
  ["121212 – 1212", "personnummer"], // an en dash with spaces
  ["121212\u20131212", "personnummer"], // an en dash
  ["19121212 - 1212", "personnummer"],
  ["121212\u00a01212", "personnummer"], // a no-break space
  ["19121272-1219", "samordningsnummer"], // day 12 + 60
  ["121272-1219", "samordningsnummer"],
  ["1212721219", "samordningsnummer"],
  ["000229-1235", "personnummer"], // 29 Feb 2000 (a leap year)
  ["20000229-1235", "personnummer"],
  ["040229-5679", "personnummer"], // 29 Feb 2004
  ["460101-9872", "personnummer"],
  ["19460101-9872", "personnummer"],
  ["970131-2341", "personnummer"], // 31 January
  ["191231-4562", "personnummer"], // 31 December
  ["480261-3218", "samordningsnummer"], // day 1 + 60
  ["010161-0012", "samordningsnummer"],
  ["811218-9876", "personnummer"],
  ["850709-9805", "personnummer"],
  ["701063-2904", "samordningsnummer"], // day 3 + 60
  ["0701234569", "personnummer"], // a phone number written without spaces that is also a valid number
];

const NOT_FOUND: [string, string][] = [
  ["19121212-1213", "wrong check digit"],
  ["121212-1211", "wrong check digit"],
  ["201212121213", "wrong check digit, twelve digits"],
  ["230229-1238", "29 Feb 1923/2023 does not exist"],
  ["19000229-1235", "29 Feb 1900 does not exist (not a leap year)"],
  ["000229+1235", "29 Feb 1800/1900 does not exist"],
  ["121312-1212", "month 13"],
  ["121200-1212", "day 0"],
  ["120431-1212", "31 April"],
  ["121292-1212", "day 92 is not a samordningsnummer"],
  ["19121212+1212", "twelve digits take no plus"],
  ["070-123 45 67", "phone number"],
  ["08-123 456 78", "phone number"],
  ["+46 70 123 45 67", "international phone number"],
  ["0701234567", "phone number that fails the check"],
  ["2024-05-12 1300", "a date and a time"],
  ["20240512-1300", "a date with a four-digit suffix that fails the check"],
  ["1212121212121", "thirteen digits"],
  ["12121212121", "eleven digits"],
  ["121212-12121", "five digits after the separator"],
  ["1121212-1212", "seven digits before the separator"],
  ["12 12 12-12 12", "grouped otherwise"],
  ["17121212-1212", "the 1700s"],
  ["Ring 5 gånger per vecka, 10 patienter", "ordinary text"],
];

describe("identity numbers", () => {
  it.each(FOUND)("finds %s (%s)", (text, kind) => {
    expect(findIdentityNumbers(text)).toEqual([{ start: 0, end: text.length, kind }]);
    const inSentence = `Pat. ${text}, ring anhörig.`;
    expect(findIdentityNumbers(inSentence)).toEqual([{ start: 5, end: 5 + text.length, kind }]);
  });

  it.each(NOT_FOUND)("leaves %s alone (%s)", (text) => {
    expect(findIdentityNumbers(text)).toEqual([]);
    expect(withoutIdentityNumbers(`Se ${text} igen`)).toBe(`Se ${text} igen`);
  });

  it("notices a number while it is typed, before it is complete", () => {
    for (const typing of ["pnr 121212-", "pnr 121212-12", "19121212-121", "121212 121", "460101+98"])
      expect(identityNumberInProgress(typing), typing).not.toBeNull();
    expect(identityNumberInProgress("x 19121212-1212 y")).toEqual({ start: 2, end: 15 });
    for (const ordinary of ["121312-12", "070-123 45", "möte 2024-05-12", "123456", "10 st", "991399-1"])
      expect(identityNumberInProgress(ordinary), ordinary).toBeNull();
  });

  it("digits inside a UUID are an id, not a number; a number beside one is still found", () => {
    // Random UUIDs found by drawing: "480714-6263" and "381223-0518" are valid numbers, "-0d4108023815"
    // holds the start of one. One UUID in ~18,000 and one in ~85 (in progress) were refused or removed.
    const ids = [
      "2e480714-6263-4311-906f-cf34d825b20e",
      "6c381223-0518-4dda-9ef8-562b6260f7ff",
      "922e5d8b-1f1b-49f0-9acb-0d4108023815",
    ];
    expect(findIdentityNumbers("480714-6263")).toHaveLength(1);
    for (const id of ids) {
      expect(findIdentityNumbers(id), id).toEqual([]);
      expect(identityNumberInProgress(`https://samverkan.example/boards/${id}?action=${id}`), id).toBeNull();
      expect(findIdentityNumberIn({ owner: id, [id]: { board: id } }), id).toBeNull();
    }
    expect(findIdentityNumbers(`${ids[0]} 121212-1212`)).toEqual([{ start: 37, end: 48, kind: "personnummer" }]);
  });

  it("replaces every number in a text and keeps the rest", () => {
    expect(withoutIdentityNumbers("Pat 19121212-1212 och 121272-1219 ringer 070-123 45 67")).toBe(
      `Pat ${IDENTITY_NUMBER_PLACEHOLDER} och ${IDENTITY_NUMBER_PLACEHOLDER} ringer 070-123 45 67`,
    );
  });

  it("a refused update's close reason, logged and sent back, never quotes a number", () => {
    const error = new ProtocolError(Close.ContentRefused, 'actions: "19121212-1212" is not a valid item id');
    expect(error.message).toBe(`actions: "${IDENTITY_NUMBER_PLACEHOLDER}" is not a valid item id`);
  });

  it("finds a number anywhere in a JSON body, names its field, and skips passwords", () => {
    const body = { title: "Brytpunktssamtal", items: [{ note: "ok" }, { note: "pnr 121212-1212" }] };
    expect(findIdentityNumberIn(body)).toEqual({ path: "items.1.note", kind: "personnummer" });
    expect(findIdentityNumberIn({ password: "121212-1212" }, new Set(["password"]))).toBeNull();
    expect(findIdentityNumberIn({ a: { "121212-1212": "x" } })).toEqual({
      path: "a.(field name)",
      kind: "personnummer",
    });
  });
});
