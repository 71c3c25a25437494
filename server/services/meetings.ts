/**
 * Around a partnership's meetings, read from the projections: the next § number of the year,
 * a new meeting's agenda carried over from an earlier one, and the meetings as a calendar.
 */
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { boardProjections, boards, projectedActions, projectedMeetings } from "../db/schema.js";
import { badRequest } from "../errors.js";
import { carryOver } from "../minutes/carry-over.js";
import type { CalendarMeeting } from "../minutes/ics.js";
import type { Projector } from "../projections/projector.js";

export function createMeetings(db: Db, projections: Projector) {
  return {
    /** The next free § number in the partnership's meetings of a calendar year (Europe/Stockholm). */
    async nextNumber(workspaceId: string, year: number, exceptBoardId?: string): Promise<number> {
      const [row] = await db
        .select({ max: sql<number | null>`max(${projectedMeetings.lastParagraph})` })
        .from(projectedMeetings)
        .innerJoin(boards, eq(boards.id, projectedMeetings.boardId))
        .where(
          and(
            eq(projectedMeetings.workspaceId, workspaceId),
            sql`${boards.archivedAt} is null`,
            sql`extract(year from ${projectedMeetings.startsAt} at time zone 'Europe/Stockholm') = ${year}`,
            exceptBoardId ? sql`${projectedMeetings.boardId} <> ${exceptBoardId}` : sql`true`,
          ),
        );
      return (row?.max ?? 0) + 1;
    },

    /**
     * The first content of a new meeting carried over from `previousId` (see carry-over.ts), or
     * a 400 when that is not one of this partnership's minutes.
     */
    async carryOverFrom(workspaceId: string, previousId: string): Promise<Uint8Array> {
      const [previous] = await db
        .select({ id: boards.id })
        .from(boards)
        .where(
          and(
            eq(boards.id, previousId),
            eq(boards.workspaceId, workspaceId),
            eq(boards.kind, "minutes"),
            isNull(boards.archivedAt),
          ),
        );
      if (!previous)
        throw badRequest("validation_failed", "Invalid request: carryOverFrom: no such minutes in this partnership.", {
          fields: { carryOverFrom: "No such minutes in this partnership." },
        });
      const doc = await projections.copyOf(previousId);
      try {
        const done = await db
          .select({ boardId: projectedActions.boardId, actionId: projectedActions.actionId })
          .from(projectedActions)
          .where(and(eq(projectedActions.workspaceId, workspaceId), eq(projectedActions.status, "done")));
        const doneKeys = new Set(done.map((d) => `${d.boardId}|${d.actionId}`));
        return carryOver(doc, (boardId, actionId) => doneKeys.has(`${boardId}|${actionId}`));
      } finally {
        doc.destroy();
      }
    },

    /** The partnership's dated meetings, from the projections, for its calendar feed. */
    async calendar(workspaceId: string, publicOrigin: string): Promise<CalendarMeeting[]> {
      const rows = await db
        .select({
          boardId: boards.id,
          title: boards.title,
          startsAt: projectedMeetings.startsAt,
          endsAt: projectedMeetings.endsAt,
          place: projectedMeetings.place,
          updatedAt: boards.updatedAt,
          projectedAt: boardProjections.projectedAt,
        })
        .from(projectedMeetings)
        .innerJoin(boards, eq(boards.id, projectedMeetings.boardId))
        .leftJoin(boardProjections, eq(boardProjections.boardId, boards.id))
        .where(
          and(
            eq(projectedMeetings.workspaceId, workspaceId),
            isNull(boards.archivedAt),
            isNotNull(projectedMeetings.startsAt),
          ),
        )
        .orderBy(asc(projectedMeetings.startsAt));
      return rows.map((r) => ({
        boardId: r.boardId,
        title: r.title,
        startsAt: (r.startsAt as Date).toISOString(),
        endsAt: r.endsAt?.toISOString() ?? null,
        place: r.place,
        description: "",
        url: `${publicOrigin}/boards/${r.boardId}`,
        updatedAt: (r.projectedAt ?? r.updatedAt).toISOString(),
        sequence: 0,
      }));
    },
  };
}

export type Meetings = ReturnType<typeof createMeetings>;
