/** The admin pages' texts (web/src/pages/admin/admin-texts.ts): plural forms in both languages, placeholders filled. */
import { describe, expect, it } from "vitest";
import { adminPagesEn, adminPagesSv, ta, tap } from "../../web/src/pages/admin/admin-texts.js";

describe("admin page texts", () => {
  it("count in Swedish with the right plural form", () => {
    expect(tap("admin.ws.members", 1)).toBe("1 medlem");
    expect(tap("admin.ws.members", 3)).toBe("3 medlemmar");
    expect(tap("admin.users.count", 1)).toBe("1 konto visas");
    expect(tap("admin.users.count", 0)).toBe("0 konton visas");
  });

  it("fill their placeholders", () => {
    expect(ta("admin.users.deactivateLabel", { name: "Eva" })).toBe("Inaktivera kontot för Eva");
  });

  it("every text with a 'one' form has an 'other' form, and both languages name the same placeholders", () => {
    for (const messages of [adminPagesSv, adminPagesEn] as Record<string, string>[]) {
      for (const key of Object.keys(messages).filter((k) => k.endsWith(".one")))
        expect(messages[`${key.slice(0, -4)}.other`], key).toEqual(expect.any(String));
    }
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, sv] of Object.entries(adminPagesSv))
      expect(placeholders(adminPagesEn[key as keyof typeof adminPagesSv]), key).toEqual(placeholders(sv));
  });
});
