import { describe, expect, it } from "vitest";
import { readTypedDate, readTypedDateTime, readTypedTime } from "../../shared/time/typed-dates.js";

describe("dates as people type them", () => {
  it("reads the Swedish form and its usual variants into YYYY-MM-DD", () => {
    expect(readTypedDate("2026-12-20")).toBe("2026-12-20");
    expect(readTypedDate(" 2026-1-5 ")).toBe("2026-01-05");
    expect(readTypedDate("20261220")).toBe("2026-12-20");
    expect(readTypedDate("20/12/2026")).toBe("2026-12-20");
    expect(readTypedDate("20.12.2026")).toBe("2026-12-20");
    expect(readTypedDate("2024-02-29")).toBe("2024-02-29");
  });

  it("refuses what is not a date that exists", () => {
    for (const text of [
      "2026-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "12/20/2026",
      "snart",
      "2026",
      "",
      "202612201",
    ])
      expect(readTypedDate(text), text).toBeNull();
  });

  it("reads a time of day on the 24-hour clock", () => {
    expect(readTypedTime("13:00")).toBe("13:00");
    expect(readTypedTime("13.30")).toBe("13:30");
    expect(readTypedTime("0930")).toBe("09:30");
    expect(readTypedTime("9")).toBe("09:00");
    expect(readTypedTime("24:00")).toBeNull();
    expect(readTypedTime("12:60")).toBeNull();
    expect(readTypedTime("1 pm")).toBeNull();
  });

  it("reads a meeting's date and time, and wants both", () => {
    expect(readTypedDateTime("2026-12-10 13:00")).toBe("2026-12-10T13:00");
    expect(readTypedDateTime("2026-12-10 kl. 13.00")).toBe("2026-12-10T13:00");
    expect(readTypedDateTime("2026-12-10T13:00")).toBe("2026-12-10T13:00");
    expect(readTypedDateTime("10/12/2026 9.15")).toBe("2026-12-10T09:15");
    expect(readTypedDateTime("2026-12-10")).toBeNull();
    expect(readTypedDateTime("2026-02-30 10:00")).toBeNull();
  });
});
