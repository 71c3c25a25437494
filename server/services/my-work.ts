/**
 * The home page's to-do panel: minutes waiting for my approval (I am a named approver, the
 * meeting is closed and I have not approved yet), my open actions due within two weeks, my
 * overdue actions, and this week's meetings (Monday to Sunday on Swedish clocks).
 */
import { and, asc, eq, isNull, notExists, sql } from "drizzle-orm";
import { TODO_DUE_DAYS, type Todo } from "../../shared/api/my-work.js";
import type { Db } from "../db/client.js";
import { boards, minutesApprovals, minutesStatus, projectedMeetings as pm } from "../db/schema.js";
import type { Clock } from "./clock.js";
import { addDays, type ContentQueries, swedishToday } from "./content-queries.js";

/** Monday of the week `date` ("YYYY-MM-DD") is in. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(date, -((weekday + 6) % 7));
}

export function createMyWork(db: Db, now: Clock, content: ContentQueries) {
  const live = (workspaceId: string) => and(eq(boards.workspaceId, workspaceId), isNull(boards.archivedAt));
  const brief = ({ boardId, boardTitle, id, title, status, dueDate, overdue }: TodoRowIn) => ({
    boardId,
    boardTitle,
    id,
    title,
    status,
    dueDate,
    overdue,
  });

  async function minutesToApprove(workspaceId: string, userId: string) {
    const rows = await db
      .select({
        boardId: boards.id,
        title: boards.title,
        meetingStartsAt: pm.startsAt,
        closedAt: minutesStatus.closedAt,
      })
      .from(minutesStatus)
      .innerJoin(boards, eq(boards.id, minutesStatus.boardId))
      .leftJoin(pm, eq(pm.boardId, boards.id))
      .where(
        and(
          live(workspaceId),
          eq(minutesStatus.state, "closed"),
          sql`${userId}::uuid = any(${minutesStatus.approverIds})`,
          notExists(
            db
              .select({ one: sql`1` })
              .from(minutesApprovals)
              .where(and(eq(minutesApprovals.boardId, boards.id), eq(minutesApprovals.userId, userId))),
          ),
        ),
      )
      .orderBy(asc(minutesStatus.closedAt), asc(boards.title));
    return rows.map((r) => ({
      ...r,
      meetingStartsAt: r.meetingStartsAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
    }));
  }

  async function meetingsThisWeek(workspaceId: string) {
    const monday = mondayOf(swedishToday(now()));
    const next = addDays(monday, 7);
    const rows = await db
      .select({ boardId: pm.boardId, title: boards.title, type: pm.type, startsAt: pm.startsAt, place: pm.place })
      .from(pm)
      .innerJoin(boards, eq(boards.id, pm.boardId))
      .where(
        and(
          live(workspaceId),
          sql`${pm.startsAt} >= (${monday}::date)::timestamp at time zone 'Europe/Stockholm'`,
          sql`${pm.startsAt} < (${next}::date)::timestamp at time zone 'Europe/Stockholm'`,
        ),
      )
      .orderBy(asc(pm.startsAt));
    return rows.map((r) => ({ ...r, startsAt: r.startsAt?.toISOString() ?? null }));
  }

  async function todo(workspaceId: string, userId: string): Promise<Todo> {
    const [minutes, dueSoon, overdue, meetings] = await Promise.all([
      minutesToApprove(workspaceId, userId),
      content.actions(workspaceId, { ownerId: userId, dueWithin: TODO_DUE_DAYS }, 50),
      content.actions(workspaceId, { ownerId: userId, overdue: true }, 50),
      meetingsThisWeek(workspaceId),
    ]);
    return {
      minutesToApprove: minutes,
      dueSoon: dueSoon.map(brief),
      overdue: overdue.map(brief),
      meetingsThisWeek: meetings,
    };
  }

  return { todo };
}

type TodoRowIn = Awaited<ReturnType<ContentQueries["actions"]>>[number];
export type MyWork = ReturnType<typeof createMyWork>;
