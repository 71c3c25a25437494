/**
 * Reads over the projections of board content: a partnership's actions with filters, its
 * decisions log, full-text search (PostgreSQL's `swedish` configuration, prefix-matching each
 * word) and the overview of its home page. Archived boards are left out everywhere.
 */
import { and, asc, eq, gte, ilike, inArray, isNull, lt, lte, ne, or, type SQL, sql } from "drizzle-orm";
import type { ActionsQuery, SearchResult, SnippetPart } from "../../shared/api/content.js";
import type { ActionSort } from "../../shared/api/my-work.js";
import { ACTION_STATUSES, type ActionStatus } from "../../shared/boards/focus.js";
import { GOAL_STATUSES, type GoalStatus } from "../../shared/boards/plan.js";
import { stockholmDate } from "../../shared/time/stockholm.js";
import type { Db } from "../db/client.js";
import {
  boards,
  organizations,
  projectedActions as pa,
  projectedDecisions as pd,
  projectedGoals as pg,
  projectedMeetings as pm,
  users,
} from "../db/schema.js";
import type { Clock } from "./clock.js";

export type ActionFilter = Omit<ActionsQuery, "owner"> & {
  ownerId?: string;
  excludeDone?: boolean;
  /** Open actions due from today up to this many days ahead. */
  dueWithin?: number;
  /** Words in the title, the focus area's title, the owner's or the organisation's name. */
  q?: string;
  sort?: ActionSort;
};

/** `%` and `_` typed are letters, not patterns. */
export const likePattern = (typed: string) => `%${typed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** "YYYY-MM-DD" plus some days, on the calendar. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today's date where these partnerships work: an action due today is not overdue until tomorrow. */
export const swedishToday = stockholmDate;

/** Entries ranked for one search at most (see search()). */
const CANDIDATES = 200;
const HIT_START = "\uE000";
const HIT_END = "\uE001";

/** ts_headline options that keep a whole title and mark the words of it that matched. */
export const TITLE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, HighlightAll=true`;

/** Splits ts_headline output marked with private-use characters into plain-text parts. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, piece] of marked.split(HIT_START).entries()) {
    if (i === 0) {
      if (piece) parts.push({ text: piece, match: false });
      continue;
    }
    const [hit = "", rest = ""] = piece.split(HIT_END);
    if (hit) parts.push({ text: hit, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

/** A prefix query of every word typed: letters and digits only, so nothing typed is tsquery syntax. */
export function prefixQuery(typed: string): string | null {
  const words = typed.match(/[\p{L}\p{N}]+/gu)?.slice(0, 12) ?? [];
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(" & ");
}

const STATUS_ORDER = sql.raw(`array[${ACTION_STATUSES.map((s) => `'${s}'`).join(",")}]::text[]`);

/** The list's order; ties by due date, focus area and the board's own order, so it never shuffles. */
function actionOrder(sort: ActionSort): SQL[] {
  const due = sql`${pa.dueDate} asc nulls last`;
  const tail = [asc(pa.rank), asc(pa.actionId)];
  switch (sort) {
    case "status":
      return [sql`array_position(${STATUS_ORDER}, ${pa.status})`, due, asc(boards.title), ...tail];
    case "board":
      return [asc(boards.title), due, ...tail];
    case "title":
      return [sql`lower(${pa.title})`, due, asc(boards.title), ...tail];
    default:
      return [due, asc(boards.title), ...tail];
  }
}

export function createContentQueries(db: Db, now: Clock) {
  const live = (workspaceId: string) => and(eq(boards.workspaceId, workspaceId), isNull(boards.archivedAt));

  async function actions(workspaceId: string, filter: ActionFilter, limit = 500) {
    const today = swedishToday(now());
    const where: (SQL | undefined)[] = [live(workspaceId)];
    if (filter.ownerId) where.push(eq(pa.ownerId, filter.ownerId));
    if (filter.organization) where.push(eq(pa.organizationId, filter.organization));
    if (filter.status) where.push(inArray(pa.status, filter.status));
    if (filter.board) where.push(eq(pa.boardId, filter.board));
    if (filter.excludeDone) where.push(ne(pa.status, "done"));
    const overdue = and(lt(pa.dueDate, today), ne(pa.status, "done"));
    if (filter.overdue === true) where.push(overdue);
    if (filter.overdue === false) where.push(or(isNull(pa.dueDate), gte(pa.dueDate, today), eq(pa.status, "done")));
    if (filter.dueWithin !== undefined)
      where.push(gte(pa.dueDate, today), lte(pa.dueDate, addDays(today, filter.dueWithin)), ne(pa.status, "done"));
    if (filter.q) {
      const like = likePattern(filter.q);
      where.push(
        or(ilike(pa.title, like), ilike(boards.title, like), ilike(users.name, like), ilike(organizations.name, like)),
      );
    }
    const rows = await db
      .select({
        boardId: pa.boardId,
        boardTitle: boards.title,
        id: pa.actionId,
        title: pa.title,
        status: pa.status,
        ownerId: pa.ownerId,
        ownerName: users.name,
        organizationId: pa.organizationId,
        organizationName: organizations.name,
        dueDate: pa.dueDate,
        pdsaPhase: pa.pdsaPhase,
        sourceBoardId: pa.sourceBoardId,
        sourceItemId: pa.sourceItemId,
        sourceParagraph: pa.sourceParagraph,
      })
      .from(pa)
      .innerJoin(boards, eq(boards.id, pa.boardId))
      .leftJoin(users, eq(users.id, pa.ownerId))
      .leftJoin(organizations, eq(organizations.id, pa.organizationId))
      .where(and(...where))
      .orderBy(...actionOrder(filter.sort ?? "due"))
      .limit(limit);
    return rows.map(({ sourceBoardId, sourceItemId, sourceParagraph, ...row }) => ({
      ...row,
      overdue: row.dueDate !== null && row.dueDate < today && row.status !== "done",
      source:
        sourceBoardId && sourceItemId
          ? { boardId: sourceBoardId, itemId: sourceItemId, paragraph: sourceParagraph }
          : null,
    }));
  }

  async function decisions(workspaceId: string, limit: number, q?: string) {
    const like = q ? likePattern(q) : null;
    return db
      .select({
        boardId: pd.boardId,
        boardTitle: boards.title,
        id: pd.decisionId,
        itemId: pd.itemId,
        paragraph: pd.paragraph,
        itemTitle: pd.itemTitle,
        text: pd.text,
        meetingStartsAt: pd.meetingStartsAt,
      })
      .from(pd)
      .innerJoin(boards, eq(boards.id, pd.boardId))
      .where(
        and(
          live(workspaceId),
          like ? or(ilike(pd.text, like), ilike(pd.itemTitle, like), ilike(boards.title, like)) : undefined,
        ),
      )
      .orderBy(sql`${pd.meetingStartsAt} desc nulls last`, asc(boards.title), asc(pd.position))
      .limit(limit);
  }

  /**
   * Hits with what a link needs (board id, entry id, kind; agenda items and decisions also their
   * item id and § number). Whatever is typed is reduced to prefix words first, so it is never a 500.
   */
  async function search(workspaceId: string, typed: string, limit: number): Promise<SearchResult[]> {
    const query = prefixQuery(typed);
    if (!query) return [];
    const options = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
    type Row = {
      board_id: string;
      board_title: string;
      board_kind: string;
      entry_id: string;
      kind: string;
      title: string;
      item_id: string | null;
      paragraph: number | null;
      snippet: string;
      title_marked: string;
      rank: number;
    };
    // The matching entries first, through the GIN index, at most CANDIDATES of them: a prefix of a
    // letter or two matches most of a partnership, and ranking all of those would cost more than a
    // keystroke may. PGlite has no autovacuum (no statistics): the CTEs keep the plan from
    // depending on them. Bodies (long) are read, and ts_headline run, only for the hits returned.
    const result = await db.execute<Row>(sql`
      with q as materialized (select to_tsquery('swedish', ${query}) as q),
      hits as materialized (
        select e.board_id, e.entry_id, e.kind, e.title, ts_rank(e.document, q.q) as rank
        from search_entries e, q
        where e.document @@ q.q and e.workspace_id = ${workspaceId}
        limit ${CANDIDATES}),
      top as materialized (
        select h.*, b.title as board_title, b.kind as board_kind
        from hits h join boards b on b.id = h.board_id
        where b.archived_at is null
        order by h.rank desc, h.title
        limit ${limit})
      select t.board_id, t.board_title, t.board_kind, t.entry_id, t.kind, t.title, t.rank,
             case t.kind when 'item' then t.entry_id when 'decision' then d.item_id
                         when 'comment' then c.target_id end as item_id,
             case t.kind when 'decision' then d.paragraph
                         when 'item' then substring(t.title from '^§ ([0-9]{1,6}) ')::int end as paragraph,
             ts_headline('swedish', e.body, q.q, ${options}) as snippet,
             ts_headline('swedish', t.title, q.q, ${TITLE_OPTIONS}) as title_marked
      from top t
      join search_entries e on e.board_id = t.board_id and e.entry_id = t.entry_id
      left join projected_decisions d
        on t.kind = 'decision' and d.board_id = t.board_id and d.decision_id = t.entry_id
      left join projected_comments c
        on t.kind = 'comment' and c.board_id = t.board_id and c.comment_id = t.entry_id,
           q
      order by t.rank desc, t.title`);
    const rows: Row[] = Array.isArray(result) ? result : (result as unknown as { rows: Row[] }).rows;
    return rows.map((r) => ({
      boardId: r.board_id,
      boardTitle: r.board_title,
      boardKind: r.board_kind as SearchResult["boardKind"],
      entryId: r.entry_id === "" ? null : r.entry_id,
      kind: r.kind as SearchResult["kind"],
      title: r.title,
      itemId: r.item_id,
      paragraph: r.paragraph === null ? null : Number(r.paragraph),
      titleParts: snippetParts(r.title_marked),
      snippet: snippetParts(r.snippet),
      rank: Number(r.rank),
    }));
  }

  async function overview(workspaceId: string, userId: string) {
    const today = swedishToday(now());
    const focusRows = await db
      .select({
        boardId: boards.id,
        title: boards.title,
        status: pa.status,
        count: sql<number>`count(${pa.actionId})::int`,
        overdue: sql<number>`count(*) filter (where ${pa.dueDate} < ${today} and ${pa.status} <> 'done')::int`,
      })
      .from(boards)
      .leftJoin(pa, eq(pa.boardId, boards.id))
      .where(and(live(workspaceId), eq(boards.kind, "focus")))
      .groupBy(boards.id, boards.title, pa.status)
      .orderBy(asc(boards.title));
    const focusAreas = new Map<
      string,
      { boardId: string; title: string; counts: Record<ActionStatus, number>; total: number; overdue: number }
    >();
    for (const r of focusRows) {
      const area = focusAreas.get(r.boardId) ?? {
        boardId: r.boardId,
        title: r.title,
        counts: Object.fromEntries(ACTION_STATUSES.map((s) => [s, 0])) as Record<ActionStatus, number>,
        total: 0,
        overdue: 0,
      };
      focusAreas.set(r.boardId, area);
      if (r.status && (ACTION_STATUSES as readonly string[]).includes(r.status)) {
        area.counts[r.status as ActionStatus] += r.count;
        area.total += r.count;
        area.overdue += r.overdue;
      }
    }
    const goals = await db
      .select({
        boardId: pg.boardId,
        id: pg.goalId,
        title: pg.title,
        level: pg.level,
        status: pg.status,
        perspectives: pg.perspectives,
        comment: pg.comment,
      })
      .from(pg)
      .innerJoin(boards, eq(boards.id, pg.boardId))
      .where(live(workspaceId))
      .orderBy(asc(boards.title), asc(pg.rank), asc(pg.goalId));
    const goalsByStatus = Object.fromEntries(GOAL_STATUSES.map((s) => [s, 0])) as Record<GoalStatus, number>;
    for (const g of goals) if (g.status in goalsByStatus) goalsByStatus[g.status as GoalStatus]++;
    const upcomingMeetings = await db
      .select({
        boardId: pm.boardId,
        title: boards.title,
        type: pm.type,
        startsAt: pm.startsAt,
        endsAt: pm.endsAt,
        place: pm.place,
      })
      .from(pm)
      .innerJoin(boards, eq(boards.id, pm.boardId))
      .where(and(live(workspaceId), gte(pm.startsAt, sql`${now().toISOString()}::timestamptz`)))
      .orderBy(asc(pm.startsAt))
      .limit(5);
    return {
      focusAreas: [...focusAreas.values()],
      myOpenActions: await actions(workspaceId, { ownerId: userId, excludeDone: true }, 20),
      overdueActions: await actions(workspaceId, { overdue: true }, 20),
      goalsByStatus,
      goals,
      upcomingMeetings,
      recentDecisions: await decisions(workspaceId, 5),
    };
  }

  return { actions, decisions, search, overview };
}

export type ContentQueries = ReturnType<typeof createContentQueries>;
