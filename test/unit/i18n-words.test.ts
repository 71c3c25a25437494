/**
 * Words in the reader's language (issue 21): counts take their plural form ("1 aktivitet",
 * "1 försenad"), and a board write the schema refuses is explained in Swedish, not in zod's English.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardInputError } from "../../shared/boards/access.js";
import { openBoard } from "../../shared/boards/index.js";
import { addAgendaItem, updateAgendaItem } from "../../shared/boards/minutes.js";
import { en } from "../../web/src/i18n/en.js";
import { inputProblem, tp } from "../../web/src/i18n/i18n.js";
import { sv } from "../../web/src/i18n/sv.js";

describe("plural forms", () => {
  it("Swedish: one and other", () => {
    expect(tp("home.actionsTotal", 1)).toBe("1 aktivitet");
    expect(tp("home.actionsTotal", 3)).toBe("3 aktiviteter");
    expect(tp("home.actionsTotal", 0)).toBe("0 aktiviteter");
    expect(tp("home.overdueCount", 1)).toBe("1 försenad");
    expect(tp("home.overdueCount", 2)).toBe("2 försenade");
  });

  it("every text with a 'one' form has an 'other' form, in both languages", () => {
    for (const messages of [sv, en] as Record<string, string>[]) {
      const ones = Object.keys(messages).filter((k) => k.endsWith(".one"));
      expect(ones.length).toBeGreaterThan(0);
      for (const key of ones) expect(messages[`${key.slice(0, -4)}.other`], key).toEqual(expect.any(String));
    }
    expect(en["home.actionsTotal.one" as keyof typeof en]).toBe("{count} action");
  });
});

describe("a refused board write in words", () => {
  const refusal = (write: () => void): BoardInputError => {
    try {
      write();
    } catch (error) {
      if (error instanceof BoardInputError) return error;
      throw error;
    }
    throw new Error("the write was not refused");
  };

  it("says what the field must hold, in Swedish", () => {
    const doc = new Y.Doc();
    openBoard(doc, "minutes");
    const id = addAgendaItem(doc, { title: "Växelvård" });
    const empty = refusal(() => updateAgendaItem(doc, id, { title: "" }));
    expect(inputProblem(empty)).toBe("fältet får inte vara tomt.");
    const long = refusal(() => updateAgendaItem(doc, id, { title: "x".repeat(301) }));
    expect(inputProblem(long)).toBe("högst 300 tecken.");
  });
});
