/**
 * Edits that lost a conflict (issue 21): stored as the room reports them (lost-writes.ts), read
 * with an item's history, forgotten like versions (identity numbers, retention).
 */
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { EditConflict } from "../../shared/api/history.js";
import { identityNumberInProgress } from "../../shared/text/identity-numbers.js";
import type { Db } from "../db/client.js";
import { editConflicts } from "../db/schema.js";
import type { LostWriteEvent } from "../realtime/lost-writes.js";

/** What a stored value may be at most, as JSON; a field's value is far smaller (content guard). */
const MAX_VALUE_CHARS = 20_000;

const storable = (value: unknown): boolean => {
  const json = JSON.stringify(value ?? null);
  return json.length <= MAX_VALUE_CHARS && identityNumberInProgress(json) === null;
};

export function createEditConflicts(db: Db) {
  return {
    /**
     * Keeps what a room reported. A value holding (the start of) a personal identity number is
     * never kept: the identity guard removes such numbers from the board, and this must not keep one.
     */
    async record(event: LostWriteEvent, at = new Date()): Promise<number> {
      const rows = event.writes
        .filter((w) => storable(w.lostValue) && storable(w.keptValue))
        .map((w) => ({
          boardId: event.boardId,
          itemId: w.itemId,
          field: w.field,
          lostValue: w.lostValue ?? null,
          lostBy: w.lostBy,
          keptValue: w.keptValue ?? null,
          keptBy: w.keptBy,
          at,
        }));
      if (rows.length > 0) await db.insert(editConflicts).values(rows);
      return rows.length;
    },

    /** One item's lost edits, newest first. */
    async forItem(boardId: string, itemId: string): Promise<EditConflict[]> {
      const rows = await db
        .select()
        .from(editConflicts)
        .where(and(eq(editConflicts.boardId, boardId), eq(editConflicts.itemId, itemId)))
        .orderBy(desc(editConflicts.at))
        .limit(50);
      return rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        field: r.field,
        lostValue: r.lostValue ?? null,
        lostBy: r.lostBy,
        keptValue: r.keptValue ?? null,
        keptBy: r.keptBy,
      }));
    },

    /** Drops the board's lost edits whose values `match` (see history.forget). */
    async forget(boardId: string, matches: (text: string) => boolean, tx: Db = db): Promise<number> {
      const rows = await tx
        .select({ id: editConflicts.id, lost: editConflicts.lostValue, kept: editConflicts.keptValue })
        .from(editConflicts)
        .where(eq(editConflicts.boardId, boardId));
      const doomed = rows.filter((r) => matches(JSON.stringify([r.lost, r.kept]))).map((r) => r.id);
      if (doomed.length > 0) await tx.delete(editConflicts).where(inArray(editConflicts.id, doomed));
      return doomed.length;
    },

    /** Drops lost edits older than `before` (the history's retention). */
    async prune(before: Date): Promise<number> {
      const gone = await db
        .delete(editConflicts)
        .where(lt(editConflicts.at, before))
        .returning({ id: editConflicts.id });
      return gone.length;
    },
  };
}

export type EditConflicts = ReturnType<typeof createEditConflicts>;
