import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { type CalendarMeeting, calendar, meetingEvent } from "../../server/minutes/ics.js";

const meeting = (over: Partial<CalendarMeeting> = {}): CalendarMeeting => ({
  boardId: "b-123",
  title: "Samverkansmöte 23 november",
  startsAt: "2024-11-23T10:00:00+01:00",
  endsAt: "2024-11-23T11:30:00+01:00",
  place: "Vårdcentralen Älvängen, rum 3",
  description: "Dagordning:\n1. Öppning\n2. Övrigt",
  url: "https://samverkan.example.se/boards/b-123",
  updatedAt: "2024-11-20T08:15:30.123Z",
  sequence: 2,
  ...over,
});

/** Parses with an independent implementation, so the tests check what a calendar app will see. */
function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  return { root, events };
}

function only(text: string) {
  const { events } = parse(text);
  expect(events).toHaveLength(1);
  return events[0]!;
}

const iso = (t: ICAL.Time) => t.toJSDate().toISOString();
const physicalLines = (text: string) => text.slice(0, -2).split("\r\n");
const octets = (s: string) => Buffer.byteLength(s, "utf8");

describe("calendar", () => {
  it("writes the calendar header", () => {
    const { root } = parse(calendar("Samverkan Ådalen; möten, äldre", []));
    expect(root.name).toBe("vcalendar");
    expect(root.getFirstPropertyValue("prodid")).toBe("-//Samverkan//Samverkan//SV");
    expect(root.getFirstPropertyValue("version")).toBe("2.0");
    expect(root.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(root.getFirstPropertyValue("method")).toBe("PUBLISH");
    // ical.js leaves the value of an X- property unescaped, so this reads the escaped TEXT as written.
    expect(root.getFirstPropertyValue("x-wr-calname")).toBe("Samverkan Ådalen\\; möten\\, äldre");
    expect(root.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Stockholm");
  });

  it("round-trips the meeting's fields", () => {
    const text = calendar("Möten", [meeting()]);
    const event = only(text);
    expect(event.uid).toBe("b-123@samverkan");
    expect(event.summary).toBe("Samverkansmöte 23 november");
    expect(iso(event.startDate)).toBe("2024-11-23T09:00:00.000Z");
    expect(iso(event.endDate)).toBe("2024-11-23T10:30:00.000Z");
    expect(event.location).toBe("Vårdcentralen Älvängen, rum 3");
    expect(event.sequence).toBe(2);
    expect(event.component.getFirstPropertyValue("url")).toBe("https://samverkan.example.se/boards/b-123");
    expect(event.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    const stamp = event.component.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(iso(stamp)).toBe("2024-11-20T08:15:30.000Z");
    expect(text).toContain("\r\nDTSTART:20241123T090000Z\r\n");
    expect(text).toContain("\r\nDTEND:20241123T103000Z\r\n");
    expect(text).toContain("\r\nDTSTAMP:20241120T081530Z\r\n");
    expect(text).toContain("\r\nLAST-MODIFIED:20241120T081530Z\r\n");
  });

  it("round-trips a description with commas, semicolons, backslashes and newlines exactly", () => {
    const description = "Närvarande: Åsa, Örjan; Ä. Lind\nSökväg: C:\\vård\\protokoll\\n.txt\r\n\nSlut, klart;\\";
    const event = only(calendar("Möten", [meeting({ description })]));
    expect(event.description).toBe(description.replace(/\r\n/g, "\n"));
  });

  it("ends the meeting one hour after the start when there is no end", () => {
    const event = only(calendar("Möten", [meeting({ endsAt: null })]));
    expect(iso(event.endDate)).toBe("2024-11-23T10:00:00.000Z");
  });

  it("ends the meeting one hour after the start when the end is not after it", () => {
    const event = only(calendar("Möten", [meeting({ endsAt: "2024-11-23T08:00:00Z" })]));
    expect(iso(event.endDate)).toBe("2024-11-23T10:00:00.000Z");
  });

  it("marks a cancelled meeting", () => {
    const event = only(calendar("Möten", [meeting({ cancelled: true })]));
    expect(event.component.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("leaves out an empty place and description", () => {
    const text = calendar("Möten", [meeting({ place: "", description: "" })]);
    expect(text).not.toContain("LOCATION");
    expect(text).not.toContain("DESCRIPTION");
  });

  it("uses CRLF for every line break, including the last", () => {
    const text = calendar("Möten", [meeting(), meeting({ boardId: "b-2" })]);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("folds lines at 75 octets without splitting a character, and a long Swedish description survives", () => {
    const description = `${"Överenskommelse om vårdplanering för äldre i Ängelholm; åtgärder, ansvar och uppföljning. ".repeat(12)}🙂 Slut.`;
    const text = calendar("Möten", [meeting({ description, title: `${"a".repeat(66)}ö${"å".repeat(40)}` })]);
    const lines = physicalLines(text);
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true);
    // "SUMMARY:" plus 66 letters is 74 octets; the two-octet "ö" must move to the next line whole.
    const summaryAt = lines.findIndex((l) => l.startsWith("SUMMARY:"));
    expect(lines[summaryAt]).toBe(`SUMMARY:${"a".repeat(66)}`);
    expect(lines[summaryAt + 1]!.startsWith(" ö")).toBe(true);
    expect(text).not.toContain("\uFFFD");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(text, "utf8"))).not.toThrow();

    const event = only(text);
    expect(event.description).toBe(description);
    expect(event.summary).toBe(`${"a".repeat(66)}ö${"å".repeat(40)}`);
  });

  it("fills a folded ASCII line to exactly 75 octets", () => {
    const lines = physicalLines(calendar("Möten", [meeting({ title: "x".repeat(200) })]));
    const summaryAt = lines.findIndex((l) => l.startsWith("SUMMARY:"));
    expect(octets(lines[summaryAt]!)).toBe(75);
    expect(octets(lines[summaryAt + 1]!)).toBe(75);
  });

  it("writes one event per scheduled meeting and skips a meeting without a start", () => {
    const text = calendar("Möten", [
      meeting({ boardId: "a" }),
      meeting({ boardId: "unscheduled", startsAt: "" }),
      meeting({ boardId: "b", startsAt: "2024-12-01T09:00:00Z", endsAt: null }),
      meeting({ boardId: "c", cancelled: true }),
    ]);
    const { events } = parse(text);
    expect(events.map((e) => e.uid)).toEqual(["a@samverkan", "b@samverkan", "c@samverkan"]);
    expect(text).not.toContain("unscheduled");
  });

  it("skips a start without a time zone rather than guessing one", () => {
    const { events } = parse(calendar("Möten", [meeting({ startsAt: "2024-11-23T10:00:00" })]));
    expect(events).toHaveLength(0);
  });

  it("does not let text or the URL inject properties or events", () => {
    const text = calendar("Möten\r\nBEGIN:VEVENT\r\nUID:evil-name", [
      meeting({
        boardId: "b-1\r\nX-EVIL:1",
        title: "Möte\r\nBEGIN:VEVENT\r\nUID:evil\r\nEND:VEVENT",
        place: "Rum 1\nSTATUS:CANCELLED",
        description: "Hej\rEND:VEVENT\r\nEND:VCALENDAR\u0000\u001b",
        url: "https://samverkan.example.se/boards/b-1\r\nBEGIN:VEVENT\r\nX-EVIL:1",
      }),
    ]);
    const { root, events } = parse(text);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.summary).toBe("Möte\nBEGIN:VEVENT\nUID:evil\nEND:VEVENT");
    expect(event.uid).toBe("b-1\nX-EVIL:1@samverkan");
    expect(event.location).toBe("Rum 1\nSTATUS:CANCELLED");
    expect(event.description).toBe("Hej\nEND:VEVENT\nEND:VCALENDAR");
    expect(event.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event.component.getFirstPropertyValue("x-evil")).toBeNull();
    // URL parsing drops line breaks from a URI, which is not TEXT and cannot be escaped.
    expect(event.component.getFirstPropertyValue("url")).toBe(
      "https://samverkan.example.se/boards/b-1BEGIN:VEVENTX-EVIL:1",
    );
    expect(root.getFirstPropertyValue("x-wr-calname")).toBe("Möten\\nBEGIN:VEVENT\\nUID:evil-name");

    const unfolded = text.replace(/\r\n /g, "").split("\r\n");
    expect(unfolded.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(unfolded.filter((l) => l.startsWith("END:V"))).toEqual(["END:VEVENT", "END:VCALENDAR"]);
    expect(unfolded.some((l) => l.startsWith("X-EVIL"))).toBe(false);
  });
});

describe("meetingEvent", () => {
  it("returns the unfolded lines of one VEVENT", () => {
    const lines = meetingEvent(meeting({ title: "y".repeat(100) }));
    expect(lines[0]).toBe("BEGIN:VEVENT");
    expect(lines.at(-1)).toBe("END:VEVENT");
    expect(lines).toContain(`SUMMARY:${"y".repeat(100)}`);
    expect(lines).toContain("SEQUENCE:2");
  });

  it("refuses an instant it cannot place in time", () => {
    expect(() => meetingEvent(meeting({ startsAt: "" }))).toThrow(RangeError);
    expect(() => meetingEvent(meeting({ updatedAt: "igår" }))).toThrow(RangeError);
  });
});
