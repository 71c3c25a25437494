/**
 * Approval (justering) of meeting minutes: draft → closed (the convener ends the meeting) →
 * approved (every named approver has approved) → sealed (archived for good). Before approval the
 * convener can reopen, which withdraws the approvals given so far. From closed on, the board is
 * locked: the realtime server refuses every change to it.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import * as Y from "yjs";
import { isLockedState, type MinutesApproval, type MinutesState } from "../../shared/api/minutes.js";
import type { Role } from "../../shared/api/workspaces.js";
import { openBoard } from "../../shared/boards/index.js";
import { type Meeting, readMinutes, setMeeting } from "../../shared/boards/minutes.js";
import type { Db } from "../db/client.js";
import { boards, minutesApprovals, minutesStatus, users, workspaceMembers, workspaces } from "../db/schema.js";
import { AppError, conflict, forbidden } from "../errors.js";
import type { Archive } from "../minutes/archive.js";
import { can } from "../policy/policy.js";
import type { Projector } from "../projections/projector.js";
import type { AccessEvents } from "./access-events.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";

type BoardRow = typeof boards.$inferSelect;
export interface MinutesActor {
  id: string;
  role: Role;
  ip?: string | null;
}

export function createMinutes(deps: {
  db: Db;
  audit: Audit;
  now: Clock;
  events: AccessEvents;
  projections: Projector;
  archive: Archive;
  /** Told after a transition has committed (notifications: written, mail queued); never fails it, never waits for SMTP. */
  notices?: {
    closed: (board: BoardRow, approverIds: string[]) => Promise<void>;
    sealed: (board: BoardRow, actorId: string) => Promise<void>;
  };
}) {
  const { db, audit, now, events, projections, archive } = deps;

  async function current(boardId: string) {
    const [status] = await db.select().from(minutesStatus).where(eq(minutesStatus.boardId, boardId));
    const approvals = await db
      .select({ userId: minutesApprovals.userId, name: users.name, approvedAt: minutesApprovals.approvedAt })
      .from(minutesApprovals)
      .innerJoin(users, eq(users.id, minutesApprovals.userId))
      .where(eq(minutesApprovals.boardId, boardId));
    return { status, state: (status?.state ?? "draft") as MinutesState, approvals };
  }

  /** The meeting as the minutes say now (live room or storage). */
  async function meetingOf(boardId: string): Promise<Meeting> {
    const doc = await projections.copyOf(boardId);
    try {
      return readMinutes(doc).meeting;
    } finally {
      doc.destroy();
    }
  }

  /** The workspace's conveners run the meeting; so does the member the minutes name as convener. */
  const runsGiven = (actor: MinutesActor, meeting: Meeting | null) =>
    can(actor.role, "boards.manage") || (can(actor.role, "board.edit") && meeting?.convenerId === actor.id);
  /** Whether runsGiven needs the document to answer for this person. */
  const needsMeeting = (actor: MinutesActor) => !can(actor.role, "boards.manage") && can(actor.role, "board.edit");

  async function runsMeeting(actor: MinutesActor, board: BoardRow): Promise<boolean> {
    return runsGiven(actor, needsMeeting(actor) ? await meetingOf(board.id) : null);
  }

  /** A protokoll records a meeting that was held: closed, approved or sealed before it took place, it would not. */
  function requireHeld(meeting: Meeting) {
    if (meeting.startsAt && new Date(meeting.startsAt) > now())
      throw conflict(
        "meeting_not_held",
        "The meeting has not started yet: end it and send it for approval afterwards.",
      );
  }

  function requireMinutes(board: BoardRow) {
    if (board.kind !== "minutes")
      throw new AppError(400, "not_minutes", "Only minutes boards are approved and sealed.");
  }

  /** An audit row about these minutes; pass the transaction of the change it records. */
  async function record(
    action: string,
    actor: MinutesActor,
    board: BoardRow,
    data: Record<string, unknown> = {},
    tx: Db = db,
  ) {
    await audit(
      {
        action,
        actorId: actor.id,
        workspaceId: board.workspaceId,
        targetType: "board",
        targetId: board.id,
        ip: actor.ip ?? null,
        data,
      },
      tx,
    );
  }

  function announce(board: BoardRow, state: MinutesState) {
    events.emit({ type: "minutes", boardId: board.id, locked: isLockedState(state) });
  }

  return {
    async isLocked(boardId: string): Promise<boolean> {
      const [row] = await db
        .select({ state: minutesStatus.state })
        .from(minutesStatus)
        .where(eq(minutesStatus.boardId, boardId));
      return row ? isLockedState(row.state) : false;
    },

    async view(actor: MinutesActor, board: BoardRow): Promise<MinutesApproval> {
      requireMinutes(board);
      const { status, state, approvals } = await current(board.id);
      // One read of the document at most: for the draft's approvers and for whether this person runs it.
      const meeting = await meetingOf(board.id);
      const runs = runsGiven(actor, meeting);
      const approverIds = state === "draft" ? meeting.approverIds : (status?.approverIds ?? []);
      const held = !meeting.startsAt || new Date(meeting.startsAt) <= now();
      let closedBy: MinutesApproval["closedBy"] = null;
      if (status?.closedBy) {
        const [u] = await db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(eq(users.id, status.closedBy));
        closedBy = u ?? null;
      }
      const sealed = state === "sealed" ? await archive.summary(board.id) : null;
      const original = status?.addendumTo
        ? (
            await db
              .select({ boardId: boards.id, title: boards.title })
              .from(boards)
              .where(eq(boards.id, status.addendumTo))
          )[0]
        : undefined;
      const addenda = await db
        .select({ boardId: boards.id, title: boards.title })
        .from(minutesStatus)
        .innerJoin(boards, eq(boards.id, minutesStatus.boardId))
        .where(and(eq(minutesStatus.addendumTo, board.id), isNull(boards.archivedAt)));
      return {
        state,
        closedAt: status?.closedAt?.toISOString() ?? null,
        closedBy,
        approverIds,
        approvals: approvals.map((a) => ({ ...a, approvedAt: a.approvedAt.toISOString() })),
        meetingStartsAt: meeting.startsAt,
        meetingHeld: held,
        canClose: state === "draft" && runs,
        canReopen: state === "closed" && runs,
        canApprove:
          state === "closed" && approverIds.includes(actor.id) && !approvals.some((a) => a.userId === actor.id),
        canSeal: state === "approved" && runs,
        sealed: sealed ? { ...sealed, sealedAt: sealed.sealedAt.toISOString() } : null,
        addendumTo: original ?? null,
        addenda,
        canWriteAddendum: state === "sealed" && runs,
      };
    },

    /** The convener ends the meeting: the text is fixed for the approvers named now. */
    async close(actor: MinutesActor, board: BoardRow): Promise<void> {
      requireMinutes(board);
      const meeting = await meetingOf(board.id);
      if (!runsGiven(actor, meeting)) throw forbidden("Only the meeting's convener can close the minutes.");
      if (!meeting.startsAt) throw conflict("meeting_date_missing", "Set the meeting's date and time before closing.");
      requireHeld(meeting);
      if (meeting.approverIds.length === 0)
        throw conflict("approvers_missing", "Name at least one approver (justerare) before closing.");
      const members = await db
        .select({ userId: workspaceMembers.userId })
        .from(workspaceMembers)
        .where(
          and(
            eq(workspaceMembers.workspaceId, board.workspaceId),
            inArray(workspaceMembers.userId, meeting.approverIds),
          ),
        );
      if (members.length !== meeting.approverIds.length)
        throw conflict("approver_not_member", "Every approver must be a member of the partnership.");
      const at = now();
      await db.transaction(async (tx) => {
        const [status] = await tx.select().from(minutesStatus).where(eq(minutesStatus.boardId, board.id)).for("update");
        if (status && status.state !== "draft")
          throw conflict("minutes_not_draft", "These minutes are already closed.");
        await tx
          .insert(minutesStatus)
          .values({
            boardId: board.id,
            state: "closed",
            approverIds: meeting.approverIds,
            closedAt: at,
            closedBy: actor.id,
            updatedAt: at,
          })
          .onConflictDoUpdate({
            target: minutesStatus.boardId,
            set: { state: "closed", approverIds: meeting.approverIds, closedAt: at, closedBy: actor.id, updatedAt: at },
          });
        await record("minutes.closed", actor, board, { approverIds: meeting.approverIds }, tx);
      });
      announce(board, "closed");
      await deps.notices?.closed(board, meeting.approverIds);
    },

    /** Back to draft, before every approver has approved; approvals given so far are withdrawn. */
    async reopen(actor: MinutesActor, board: BoardRow): Promise<void> {
      requireMinutes(board);
      if (!(await runsMeeting(actor, board))) throw forbidden("Only the meeting's convener can reopen the minutes.");
      let withdrawn: string[] = [];
      await db.transaction(async (tx) => {
        const [status] = await tx.select().from(minutesStatus).where(eq(minutesStatus.boardId, board.id)).for("update");
        if (status?.state !== "closed")
          throw conflict(
            "minutes_not_closed",
            status?.state === "draft" || !status
              ? "These minutes are not closed."
              : "Approved minutes cannot be reopened; add an addendum instead.",
          );
        const removed = await tx
          .delete(minutesApprovals)
          .where(eq(minutesApprovals.boardId, board.id))
          .returning({ userId: minutesApprovals.userId });
        withdrawn = removed.map((r) => r.userId);
        await tx
          .update(minutesStatus)
          .set({ state: "draft", updatedAt: now() })
          .where(eq(minutesStatus.boardId, board.id));
        await record("minutes.reopened", actor, board, { approvalsWithdrawn: withdrawn }, tx);
      });
      announce(board, "draft");
    },

    /** One named approver approves for themselves; the last one makes the minutes approved. */
    async approve(actor: MinutesActor, board: BoardRow): Promise<void> {
      requireMinutes(board);
      requireHeld(await meetingOf(board.id));
      let complete = false;
      await db.transaction(async (tx) => {
        const [status] = await tx.select().from(minutesStatus).where(eq(minutesStatus.boardId, board.id)).for("update");
        if (status?.state !== "closed")
          throw conflict(
            "minutes_not_closed",
            "Minutes can be approved only once the meeting is closed and before they are approved.",
          );
        if (!status.approverIds.includes(actor.id))
          throw forbidden("Only the approvers named in the minutes can approve them, each for themselves.");
        const inserted = await tx
          .insert(minutesApprovals)
          .values({ boardId: board.id, userId: actor.id, approvedAt: now() })
          .onConflictDoNothing()
          .returning();
        if (inserted.length === 0) throw conflict("already_approved", "You have already approved these minutes.");
        const [{ count } = { count: 0 }] = await tx
          .select({ count: sql<number>`count(*)::int` })
          .from(minutesApprovals)
          .where(and(eq(minutesApprovals.boardId, board.id), inArray(minutesApprovals.userId, status.approverIds)));
        complete = count >= status.approverIds.length;
        if (complete)
          await tx
            .update(minutesStatus)
            .set({ state: "approved", updatedAt: now() })
            .where(eq(minutesStatus.boardId, board.id));
        await record("minutes.approved", actor, board, { complete }, tx);
      });
    },

    /** Stores the immutable record; from now on nobody changes these minutes. */
    async seal(actor: MinutesActor, board: BoardRow): Promise<void> {
      requireMinutes(board);
      if (!(await runsMeeting(actor, board))) throw forbidden("Only the meeting's convener can seal the minutes.");
      const doc = await projections.copyOf(board.id);
      try {
        requireHeld(readMinutes(doc).meeting);
        await db.transaction(async (tx) => {
          // One seal at a time per partnership: sequence numbers and the chain stay unbroken.
          await tx
            .select({ id: workspaces.id })
            .from(workspaces)
            .where(eq(workspaces.id, board.workspaceId))
            .for("update");
          const [status] = await tx
            .select()
            .from(minutesStatus)
            .where(eq(minutesStatus.boardId, board.id))
            .for("update");
          if (status?.state !== "approved")
            throw conflict(
              "minutes_not_approved",
              status?.state === "sealed"
                ? "These minutes are already sealed."
                : "Every approver must approve before sealing.",
            );
          const approvals = await tx
            .select({ userId: minutesApprovals.userId, approvedAt: minutesApprovals.approvedAt })
            .from(minutesApprovals)
            .where(eq(minutesApprovals.boardId, board.id));
          approvals.sort((a, b) => a.approvedAt.getTime() - b.approvedAt.getTime());
          const at = now();
          const result = await archive.seal(tx, {
            doc,
            boardId: board.id,
            workspaceId: board.workspaceId,
            approvals,
            sealedBy: actor.id,
            sealedAt: at,
          });
          await tx
            .update(minutesStatus)
            .set({ state: "sealed", updatedAt: at })
            .where(eq(minutesStatus.boardId, board.id));
          await record("minutes.sealed", actor, board, { sequence: result.sequence, sha256: result.sha256 }, tx);
          return result;
        });
        announce(board, "sealed");
        await deps.notices?.sealed(board, actor.id);
      } finally {
        doc.destroy();
      }
    },

    /**
     * The first content of an addendum (tillägg) to sealed minutes: the same kind of meeting and
     * convener, nothing else. A correction is a new document, approved and sealed on its own.
     */
    async addendumContent(actor: MinutesActor, board: BoardRow): Promise<Uint8Array> {
      requireMinutes(board);
      if (!(await runsMeeting(actor, board))) throw forbidden("Only the meeting's convener can write an addendum.");
      const { state } = await current(board.id);
      if (state !== "sealed")
        throw conflict(
          "minutes_not_sealed",
          "Only sealed minutes get an addendum; until they are approved, reopen and correct them.",
        );
      const original = await projections.copyOf(board.id);
      const doc = new Y.Doc();
      try {
        const { meeting } = readMinutes(original);
        openBoard(doc, "minutes");
        setMeeting(doc, { type: meeting.type, convenerId: meeting.convenerId, place: meeting.place });
        return Y.encodeStateAsUpdate(doc);
      } finally {
        original.destroy();
        doc.destroy();
      }
    },

    /** Records that `addendumId` corrects `original` (both boards exist already). */
    async linkAddendum(actor: MinutesActor, original: BoardRow, addendumId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx
          .insert(minutesStatus)
          .values({ boardId: addendumId, state: "draft", approverIds: [], addendumTo: original.id, updatedAt: now() });
        await record("minutes.addendum_created", actor, original, { addendumId }, tx);
      });
    },

    /** Where the sealed minutes are registered (diarienummer), with its audit row in one transaction. */
    async setRegistrationNumber(actor: MinutesActor, board: BoardRow, registrationNumber: string | null) {
      await db.transaction(async (tx) => {
        await archive.setRegistrationNumber(board.id, registrationNumber, tx);
        await record("minutes.registration_number_set", actor, board, { registrationNumber }, tx);
      });
    },

    record,
  };
}

export type Minutes = ReturnType<typeof createMinutes>;
