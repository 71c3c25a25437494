/**
 * How a value that lost a conflict (issue 21) is put back, per kind of item (card-restorer.ts,
 * agenda-restorer.ts): an ordinary edit through the board's own setters, so it is live for
 * everyone, written by this person and checked by the board's layout like any other. A value the
 * item holds again is not offered.
 */
import type { EditConflict } from "../../../../shared/api/history.js";

export interface Restorer {
  /** Whether the lost value can be put back now. */
  offers(c: EditConflict): boolean;
  /** Puts it back (throws the board's input error when it does not fit). */
  restore(c: EditConflict): void;
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
