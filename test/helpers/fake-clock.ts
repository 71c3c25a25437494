/** A clock the test moves forward by hand, so expiry and lock-outs are tested without waiting. */
export function createFakeClock(start = new Date("2026-11-23T08:00:00Z")) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
