import { Server, Socket } from "node:net";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { warmUpLive } from "../../server/realtime/warm-up-live.js";
import { eventually } from "../helpers/eventually.js";

const open = () => {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return {
    servers: handles.filter((h) => h instanceof Server).length,
    sockets: handles.filter((h) => h instanceof Socket).length,
  };
};

describe("warming up the live editing path", () => {
  it("sends edits that the server's own checks accept, and leaves no port or socket open", async () => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const before = open();

    const ms = await warmUpLive(logger);

    expect(ms).toBeGreaterThan(0);
    // A refused edit closes its connection (logged from info up) or fails the warm-up (a warning).
    expect(lines.filter((l) => l.level >= 30 || l.msg === "connection closed")).toEqual([]);
    // A closed server's handle is let go at the end of a later turn of the event loop.
    await eventually(() => expect(open()).toEqual(before), 1_000);
  });
});
