/** Edits that lost a conflict, in words (web/src/components/history/conflicts.ts), both languages. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EditConflict } from "../../shared/api/history.js";
import { describeConflict, perField } from "../../web/src/components/history/conflicts.js";
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

  it("tells a minutes action item's lost write per field that differs: owner and due date named with the action", async () => {
    const item = { title: "Skriv rutinen", focusBoardId: null, actionId: null, rank: "a0" };
    const lost = conflict({
      field: "actionItems.ai1",
      lostValue: { ...item, ownerId: LARS, dueDate: "2027-01-15" },
      keptValue: { ...item, rank: "a1", ownerId: EVA, dueDate: null },
    });
    const split = perField([lost, conflict({})]);
    expect(split.map((c) => [c.field, c.lostValue, c.keptValue])).toEqual([
      ["actionItems.ai1.ownerId", LARS, EVA],
      ["actionItems.ai1.dueDate", "2027-01-15", null],
      ["title", "X", "Y"],
    ]);
    await setLocale("sv");
    expect(split.slice(0, 2).map((c) => describeConflict(c, people))).toEqual([
      "Eva Sjuksköterskas ändring av ansvarig för åtgärden ”Skriv rutinen” till ”Lars” ersattes av ”Eva Sjuksköterska”",
      "Eva Sjuksköterskas ändring av klart senast för åtgärden ”Skriv rutinen” till ”15 jan. 2027” ersattes av ”inget”",
    ]);
    await setLocale("en");
    expect(describeConflict(split[1] as EditConflict, people)).toBe(
      "Eva Sjuksköterska's change of due date of the action “Skriv rutinen” to “15 Jan 2027” was replaced by “nothing”",
    );
    // A changed title is told as before; a difference only in its place is not told at all.
    const titled = perField([
      conflict({ ...lost, keptValue: { ...item, title: "Rutin", ownerId: LARS, dueDate: "2027-01-15" } }),
    ]);
    expect(titled.map((c) => [c.field, c.lostValue, c.keptValue])).toEqual([
      ["actionItems.ai1.title", "Skriv rutinen", "Rutin"],
    ]);
    await setLocale("sv");
    expect(describeConflict(titled[0] as EditConflict, people)).toBe(
      "Eva Sjuksköterskas ändring av en åtgärd till ”Skriv rutinen” ersattes av ”Rutin”",
    );
    const moved = { ...item, ownerId: EVA, dueDate: null };
    expect(perField([conflict({ ...lost, lostValue: moved, keptValue: { ...moved, rank: "b" } })])).toEqual([]);
  });
});
