/**
 * Decision points (beslutspunkter): a follow-up or final report put to a named body, its yes/no
 * checklist and the decision. Members of the partnership prepare them; conveners record the
 * decision (decide and document). A decided point is locked: every change answers 409
 * `decision_point_decided` until a convener reopens it, which is audited with the reason and the
 * decision it withdrew. Every change writes its audit row in the same transaction.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { SearchResult } from "../../shared/api/content.js";
import type {
  CreateDecisionPoint,
  Decide,
  DecisionPointView,
  DecisionSourceView,
  UpdateChecklistItem,
  UpdateDecisionPoint,
} from "../../shared/api/decision-points.js";
import { readMinutes } from "../../shared/boards/minutes.js";
import type { Db } from "../db/client.js";
import { boards, decisionChecklistItems, decisionPoints, projectedMeetings, users } from "../db/schema.js";
import { AppError, conflict, notFound } from "../errors.js";
import type { Projector } from "../projections/projector.js";
import { isUuid } from "./access.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";
import { prefixQuery, snippetParts, TITLE_OPTIONS } from "./content-queries.js";

export interface DecisionActor {
  id: string;
  ip?: string | null;
}

type Row = typeof decisionPoints.$inferSelect;
type Source = { boardId: string; itemId: string };

export function createDecisionPoints(deps: {
  db: Db;
  audit: Audit;
  now: Clock;
  /** Reads a minutes board to check the § a point is recorded from. */
  projections: Pick<Projector, "copyOf">;
}) {
  const { db, audit, now, projections } = deps;

  const record = (action: string, actor: DecisionActor, row: Row, data: Record<string, unknown>, tx: Db) =>
    audit(
      {
        action,
        actorId: actor.id,
        workspaceId: row.workspaceId,
        targetType: "decision_point",
        targetId: row.id,
        ip: actor.ip ?? null,
        data,
      },
      tx,
    );

  async function load(workspaceId: string, id: string, tx: Db = db, lock = false): Promise<Row> {
    if (!isUuid(id)) throw notFound("Decision point");
    const query = tx
      .select()
      .from(decisionPoints)
      .where(and(eq(decisionPoints.id, id), eq(decisionPoints.workspaceId, workspaceId)));
    const [row] = lock ? await query.for("update") : await query;
    if (!row) throw notFound("Decision point");
    return row;
  }

  function requireOpen(row: Row) {
    if (row.outcome !== null)
      throw conflict(
        "decision_point_decided",
        "This decision point has been decided and is locked: a convener can reopen it.",
      );
  }

  /** The § a point is recorded from: a minutes board of this partnership and one of its agenda items. */
  async function resolveSource(workspaceId: string, source: Source) {
    const [board] = await db
      .select({ id: boards.id, kind: boards.kind, archivedAt: boards.archivedAt })
      .from(boards)
      .where(and(eq(boards.id, source.boardId), eq(boards.workspaceId, workspaceId)));
    if (board?.kind !== "minutes" || board.archivedAt)
      throw new AppError(400, "unknown_minutes_board", "The minutes named as source are not in this partnership.", {
        fields: { "source.boardId": "No such minutes in this partnership." },
      });
    const doc = await projections.copyOf(board.id);
    try {
      const item = readMinutes(doc).items.find((i) => i.id === source.itemId);
      if (!item)
        throw new AppError(400, "unknown_minutes_item", "The minutes have no such agenda item (§).", {
          fields: { "source.itemId": "No such agenda item in these minutes." },
        });
      return { sourceBoardId: board.id, sourceItemId: item.id, sourceParagraph: item.number };
    } finally {
      doc.destroy();
    }
  }

  const noSource = { sourceBoardId: null, sourceItemId: null, sourceParagraph: null };

  async function views(rows: Row[]): Promise<DecisionPointView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const items = await db
      .select()
      .from(decisionChecklistItems)
      .where(inArray(decisionChecklistItems.decisionPointId, ids))
      .orderBy(asc(decisionChecklistItems.position), asc(decisionChecklistItems.id));
    const boardIds = [...new Set(rows.flatMap((r) => (r.sourceBoardId ? [r.sourceBoardId] : [])))];
    const meetings = boardIds.length
      ? await db
          .select({ id: boards.id, title: boards.title, startsAt: projectedMeetings.startsAt })
          .from(boards)
          .leftJoin(projectedMeetings, eq(projectedMeetings.boardId, boards.id))
          .where(inArray(boards.id, boardIds))
      : [];
    const deciderIds = [...new Set(rows.flatMap((r) => (r.decidedBy ? [r.decidedBy] : [])))];
    const deciders = deciderIds.length
      ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, deciderIds))
      : [];
    return rows.map((r) => {
      const meeting = meetings.find((m) => m.id === r.sourceBoardId);
      const source: DecisionSourceView | null =
        r.sourceBoardId && r.sourceItemId
          ? {
              boardId: r.sourceBoardId,
              itemId: r.sourceItemId,
              paragraph: r.sourceParagraph,
              meetingTitle: meeting?.title ?? "",
              meetingStartsAt: meeting?.startsAt?.toISOString() ?? null,
            }
          : null;
      return {
        id: r.id,
        workspaceId: r.workspaceId,
        title: r.title,
        kind: r.kind,
        body: r.body,
        bodyName: r.bodyName,
        plannedOn: r.plannedOn,
        outcome: r.outcome,
        decidedOn: r.decidedOn,
        decisionNote: r.decisionNote,
        decidedAt: r.decidedAt?.toISOString() ?? null,
        decidedBy: deciders.find((d) => d.id === r.decidedBy) ?? null,
        source,
        checklist: items
          .filter((i) => i.decisionPointId === r.id)
          .map((i) => ({ id: i.id, text: i.text, answer: i.answer, comment: i.comment })),
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }
  const view = async (row: Row) => (await views([row]))[0] as DecisionPointView;

  /** Loads the point for a change, locked for the transaction; refuses a decided one. */
  async function change<T>(
    workspaceId: string,
    id: string,
    fn: (row: Row, tx: Db) => Promise<T>,
    options: { allowDecided?: boolean } = {},
  ): Promise<DecisionPointView> {
    const row = await db.transaction(async (tx) => {
      const current = await load(workspaceId, id, tx, true);
      if (!options.allowDecided) requireOpen(current);
      await fn(current, tx);
      const [updated] = await tx
        .update(decisionPoints)
        .set({ updatedAt: now() })
        .where(eq(decisionPoints.id, id))
        .returning();
      return updated as Row;
    });
    return view(row);
  }

  async function checklistItem(tx: Db, row: Row, itemId: string) {
    if (!isUuid(itemId)) throw notFound("Checklist item");
    const [item] = await tx
      .select()
      .from(decisionChecklistItems)
      .where(and(eq(decisionChecklistItems.id, itemId), eq(decisionChecklistItems.decisionPointId, row.id)));
    if (!item) throw notFound("Checklist item");
    return item;
  }

  return {
    async list(workspaceId: string): Promise<DecisionPointView[]> {
      const rows = await db
        .select()
        .from(decisionPoints)
        .where(eq(decisionPoints.workspaceId, workspaceId))
        .orderBy(sql`${decisionPoints.plannedOn} asc nulls last`, desc(decisionPoints.createdAt));
      return views(rows);
    },

    async get(workspaceId: string, id: string): Promise<DecisionPointView> {
      return view(await load(workspaceId, id));
    },

    async create(actor: DecisionActor, workspaceId: string, input: CreateDecisionPoint): Promise<DecisionPointView> {
      const source = input.source ? await resolveSource(workspaceId, input.source) : noSource;
      const row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(decisionPoints)
          .values({
            workspaceId,
            title: input.title,
            kind: input.kind,
            body: input.body,
            bodyName: input.body === "other" ? input.bodyName : "",
            plannedOn: input.plannedOn,
            ...source,
            createdBy: actor.id,
            createdAt: now(),
            updatedAt: now(),
          })
          .returning();
        const point = created as Row;
        if (input.checklist.length)
          await tx
            .insert(decisionChecklistItems)
            .values(input.checklist.map((text, position) => ({ decisionPointId: point.id, position, text })));
        await record(
          "decision_point.created",
          actor,
          point,
          { title: point.title, kind: point.kind, body: point.body, checklist: input.checklist.length },
          tx,
        );
        return point;
      });
      return view(row);
    },

    async update(actor: DecisionActor, workspaceId: string, id: string, patch: UpdateDecisionPoint) {
      const source =
        patch.source === undefined ? {} : patch.source ? await resolveSource(workspaceId, patch.source) : noSource;
      return change(workspaceId, id, async (row, tx) => {
        const body = patch.body ?? row.body;
        const bodyName = body === "other" ? (patch.bodyName ?? row.bodyName) : "";
        if (body === "other" && !bodyName.trim())
          throw new AppError(400, "validation_failed", "Invalid request: bodyName: Name the body the point goes to.", {
            fields: { bodyName: "Name the body the point goes to." },
          });
        const set = {
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
          ...(patch.plannedOn !== undefined ? { plannedOn: patch.plannedOn } : {}),
          body,
          bodyName,
          ...source,
        };
        await tx.update(decisionPoints).set(set).where(eq(decisionPoints.id, row.id));
        await record("decision_point.updated", actor, row, { fields: Object.keys(patch) }, tx);
      });
    },

    async remove(actor: DecisionActor, workspaceId: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await load(workspaceId, id, tx, true);
        requireOpen(row);
        await tx.delete(decisionPoints).where(eq(decisionPoints.id, row.id));
        await record("decision_point.deleted", actor, row, { title: row.title }, tx);
      });
    },

    async addChecklistItem(actor: DecisionActor, workspaceId: string, id: string, text: string) {
      return change(workspaceId, id, async (row, tx) => {
        const [last] = await tx
          .select({ n: sql<number>`count(*)::int`, max: sql<number | null>`max(${decisionChecklistItems.position})` })
          .from(decisionChecklistItems)
          .where(eq(decisionChecklistItems.decisionPointId, row.id));
        if ((last?.n ?? 0) >= 50) throw new AppError(400, "checklist_full", "A checklist has at most 50 items.");
        const position = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
        const [item] = await tx
          .insert(decisionChecklistItems)
          .values({ decisionPointId: row.id, position, text })
          .returning({ id: decisionChecklistItems.id });
        await record("decision_point.checklist_added", actor, row, { itemId: item?.id, text }, tx);
      });
    },

    async updateChecklistItem(
      actor: DecisionActor,
      workspaceId: string,
      id: string,
      itemId: string,
      patch: UpdateChecklistItem,
    ) {
      return change(workspaceId, id, async (row, tx) => {
        const item = await checklistItem(tx, row, itemId);
        await tx.update(decisionChecklistItems).set(patch).where(eq(decisionChecklistItems.id, item.id));
        await record(
          "decision_point.checklist_updated",
          actor,
          row,
          { itemId: item.id, text: patch.text ?? item.text, ...(patch.answer ? { answer: patch.answer } : {}) },
          tx,
        );
      });
    },

    async removeChecklistItem(actor: DecisionActor, workspaceId: string, id: string, itemId: string) {
      return change(workspaceId, id, async (row, tx) => {
        const item = await checklistItem(tx, row, itemId);
        await tx.delete(decisionChecklistItems).where(eq(decisionChecklistItems.id, item.id));
        await record("decision_point.checklist_removed", actor, row, { itemId: item.id, text: item.text }, tx);
      });
    },

    /** Records the decision (conveners only; the route checks). Locks the point. */
    async decide(actor: DecisionActor, workspaceId: string, id: string, input: Decide) {
      const source = input.source ? await resolveSource(workspaceId, input.source) : {};
      return change(workspaceId, id, async (row, tx) => {
        await tx
          .update(decisionPoints)
          .set({
            outcome: input.outcome,
            decidedOn: input.decidedOn,
            decisionNote: input.note,
            decidedAt: now(),
            decidedBy: actor.id,
            ...source,
          })
          .where(eq(decisionPoints.id, row.id));
        await record(
          "decision_point.decided",
          actor,
          row,
          { title: row.title, outcome: input.outcome, decidedOn: input.decidedOn },
          tx,
        );
      });
    },

    /** Withdraws the decision so the point can change again (conveners only); the audit keeps what it was. */
    async reopen(actor: DecisionActor, workspaceId: string, id: string, reason: string) {
      return change(
        workspaceId,
        id,
        async (row, tx) => {
          if (row.outcome === null)
            throw conflict("decision_point_not_decided", "This decision point has no decision to reopen.");
          await tx
            .update(decisionPoints)
            .set({ outcome: null, decidedOn: null, decidedAt: null, decidedBy: null })
            .where(eq(decisionPoints.id, row.id));
          await record(
            "decision_point.reopened",
            actor,
            row,
            { title: row.title, reason, withdrawn: { outcome: row.outcome, decidedOn: row.decidedOn } },
            tx,
          );
        },
        { allowDecided: true },
      );
    },

    /** Hits for the header search, in its shape: `boardId` is empty, `entryId` the point's id. */
    async search(workspaceId: string, typed: string, limit: number): Promise<SearchResult[]> {
      const query = prefixQuery(typed);
      if (!query) return [];
      const q = sql`to_tsquery('swedish', ${query})`;
      const rows = await db
        .select({
          id: decisionPoints.id,
          title: decisionPoints.title,
          titleMarked: sql<string>`ts_headline('swedish', ${decisionPoints.title}, ${q}, ${TITLE_OPTIONS})`,
          rank: sql<number>`ts_rank(${decisionPoints.document}, ${q})`,
        })
        .from(decisionPoints)
        .where(and(eq(decisionPoints.workspaceId, workspaceId), sql`${decisionPoints.document} @@ ${q}`))
        .orderBy(sql`3 desc`, asc(decisionPoints.title))
        .limit(limit);
      return rows.map((r) => ({
        boardId: "",
        boardTitle: "",
        boardKind: "minutes",
        entryId: r.id,
        kind: "decisionPoint",
        title: r.title,
        titleParts: snippetParts(r.titleMarked),
        itemId: null,
        paragraph: null,
        snippet: [],
        rank: Number(r.rank),
        workspaceId,
      }));
    },
  };
}

export type DecisionPoints = ReturnType<typeof createDecisionPoints>;
