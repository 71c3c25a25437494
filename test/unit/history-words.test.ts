/** History in words (web/src/components/history/describe.ts): every kind of change, both languages, plural forms. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryChange } from "../../shared/history/changes.js";
import { counted, describeChange, names } from "../../web/src/components/history/describe.js";
import { setLocale } from "../../web/src/i18n/i18n.js";

const SOFIA = "00000000-0000-4000-8000-000000000001";
const OMAR = "00000000-0000-4000-8000-000000000002";
const people = { [SOFIA]: "Sofia", [OMAR]: "Omar" };
const base = { by: SOFIA, itemId: "a1", itemType: "action", title: "Brytpunktssamtal" } as const;

const CHANGES: [HistoryChange, string, string][] = [
  [
    { ...base, kind: "moved", from: "idea", to: "in_progress" },
    "Sofia flyttade ”Brytpunktssamtal” till Pågår",
    "Sofia moved “Brytpunktssamtal” to In progress",
  ],
  [
    { ...base, kind: "added", status: "planned" },
    "Sofia lade till ”Brytpunktssamtal” i Planerad",
    "Sofia added “Brytpunktssamtal” to Planned",
  ],
  [{ ...base, kind: "removed" }, "Sofia tog bort ”Brytpunktssamtal”", "Sofia removed “Brytpunktssamtal”"],
  [
    { ...base, kind: "renamed", from: "Samtal", to: "Brytpunktssamtal" },
    "Sofia bytte namn på ”Samtal” till ”Brytpunktssamtal”",
    "Sofia renamed “Samtal” to “Brytpunktssamtal”",
  ],
  [
    { ...base, kind: "assigned", to: OMAR },
    "Sofia gav ”Brytpunktssamtal” till Omar",
    "Sofia gave “Brytpunktssamtal” to Omar",
  ],
  [
    { ...base, kind: "assigned", to: null },
    "Sofia tog bort ansvarig för ”Brytpunktssamtal”",
    "Sofia removed the owner of “Brytpunktssamtal”",
  ],
  [
    { ...base, kind: "dated", to: null },
    "Sofia tog bort slutdatumet för ”Brytpunktssamtal”",
    "Sofia removed the due date of “Brytpunktssamtal”",
  ],
  [{ ...base, kind: "edited" }, "Sofia ändrade i ”Brytpunktssamtal”", "Sofia edited “Brytpunktssamtal”"],
  [
    { ...base, itemType: "goal", kind: "moved", from: "not_started", to: "achieved" },
    "Sofia satte ”Brytpunktssamtal” till Uppnått",
    "Sofia set “Brytpunktssamtal” to Achieved",
  ],
  [
    { by: null, kind: "fieldEdited", field: "description" },
    "Samverkan ändrade beskrivningen",
    "Samverkan edited the description",
  ],
  [
    { ...base, by: "00000000-0000-4000-8000-00000000000f", kind: "edited" },
    "Någon ändrade i ”Brytpunktssamtal”",
    "Someone edited “Brytpunktssamtal”",
  ],
];

describe("history in words", () => {
  beforeAll(() => {
    // The language switch sets <html lang> and remembers the choice: a minimal stand-in outside a browser.
    Object.assign(globalThis, {
      document: { documentElement: {} },
      localStorage: { setItem() {}, getItem: () => null },
    });
  });
  afterAll(async () => {
    await setLocale("sv");
  });

  it("in Swedish, with plural forms", async () => {
    await setLocale("sv");
    for (const [change, sv] of CHANGES) expect(describeChange(change, people)).toBe(sv);
    expect([0, 1, 2, 3].map((n) => counted("history.changes", n))).toEqual([
      "0 ändringar",
      "1 ändring",
      "2 ändringar",
      "3 ändringar",
    ]);
    expect(counted("history.moreChanges", 1)).toBe("… och 1 ändring till");
    expect(names(people, [SOFIA, OMAR, null])).toBe("Sofia, Omar och Samverkan");
  });

  it("in English", async () => {
    await setLocale("en"); // the English texts are fetched when English is chosen
    for (const [change, , en] of CHANGES) expect(describeChange(change, people)).toBe(en);
    expect([1, 3].map((n) => counted("history.changes", n))).toEqual(["1 change", "3 changes"]);
    expect(names(people, [SOFIA, OMAR])).toBe("Sofia and Omar");
  });
});
