/** Edits that lost a conflict, in words (web/src/components/history/conflicts.ts), both languages. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EditConflict } from "../../shared/api/history.js";
import { describeConflict } from "../../web/src/components/history/conflicts.js";
import { setLocale } from "../../web/src/i18n/i18n.js";

const EVA = "00000000-0000-4000-8000-000000000001";
const LARS = "00000000-0000-4000-8000-000000000002";
const people = { [EVA]: "Eva Sjuksköterska", [LARS]: "Lars" };
const conflict = (patch: Partial<EditConflict>): EditConflict => ({
  id: "c1",
  at: "2026-12-07T00:20:00.000Z",
  field: "title",
  lostValue: "X",
  lostBy: EVA,
  keptValue: "Y",
  keptBy: null,
  ...patch,
});

describe("a lost edit in words", () => {
  beforeAll(() => {
    // The language switch sets <html lang> and remembers the choice: a minimal stand-in outside a browser.
    Object.assign(globalThis, {
      document: { documentElement: {} },
      localStorage: { setItem() {}, getItem: () => null },
    });
  });
  afterAll(() => setLocale("sv"));

  it("says whose change of which field was replaced by what, in Swedish and English", async () => {
    await setLocale("sv");
    expect(describeConflict(conflict({}), people)).toBe("Eva Sjuksköterskas ändring av titel till ”X” ersattes av ”Y”");
    expect(describeConflict(conflict({ lostBy: LARS, keptBy: EVA }), people)).toBe(
      "Lars ändring av titel till ”X” ersattes av ”Y” (ändrat av Eva Sjuksköterska)",
    );
    expect(
      describeConflict(conflict({ lostBy: null, field: "dueDate", lostValue: "2026-12-24", keptValue: null }), people),
    ).toBe("En ändring av klart senast till ”24 dec. 2026” ersattes av ”inget”");
    expect(describeConflict(conflict({ field: "ownerId", lostValue: LARS, keptValue: EVA }), people)).toBe(
      "Eva Sjuksköterskas ändring av ansvarig till ”Lars” ersattes av ”Eva Sjuksköterska”",
    );
    await setLocale("en");
    expect(describeConflict(conflict({ keptBy: LARS }), people)).toBe(
      "Eva Sjuksköterska's change of title to “X” was replaced by “Y” (changed by Lars)",
    );
    expect(describeConflict(conflict({ lostBy: null, field: "pdsaNotes.plan" }), people)).toBe(
      "A change of a field to “X” was replaced by “Y”",
    );
  });
});
