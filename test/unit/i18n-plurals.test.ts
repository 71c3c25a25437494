/** Counts in words take the language's plural form: "1 aktivitet", "1 försenad" (issue 21's words). */
import { describe, expect, it } from "vitest";
import { en } from "../../web/src/i18n/en.js";
import { tp } from "../../web/src/i18n/i18n.js";
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
