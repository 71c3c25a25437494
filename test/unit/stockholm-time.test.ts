import { describe, expect, it } from "vitest";
import { formatOffset, stockholmClock, stockholmDate, stockholmOffsetMinutes } from "../../shared/time/stockholm.js";

describe("Swedish clocks", () => {
  it("read an instant as the date and time in Sweden, in winter and in summer", () => {
    expect(stockholmClock("2026-11-23T12:00:00Z")).toEqual({ date: "2026-11-23", time: "13:00" });
    expect(stockholmClock("2026-06-01T22:30:00Z")).toEqual({ date: "2026-06-02", time: "00:30" });
    expect(stockholmClock("inte en tid")).toBeNull();
  });

  it("know the offset on each side of the change to summer time", () => {
    const beforeChange = Date.parse("2026-03-29T00:59:00Z");
    const afterChange = Date.parse("2026-03-29T01:00:00Z");
    expect(stockholmOffsetMinutes(beforeChange)).toBe(60);
    expect(stockholmOffsetMinutes(afterChange)).toBe(120);
    expect(formatOffset(60)).toBe("+01:00");
    expect(formatOffset(-330)).toBe("-05:30");
  });

  it("say which day it is in Sweden when it is still yesterday in UTC", () => {
    expect(stockholmDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});
