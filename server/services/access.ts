/**
 * Resolves "who is this in that workspace" for one request, straight from the database, so a
 * lowered or removed role takes effect on the very next request. Outsiders get 404, not 403.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Role } from "../../shared/api/workspaces.js";
import type { Db } from "../db/client.js";
import { boards, organizations, workspaceMembers, workspaces } from "../db/schema.js";
import { isUuid } from "../db/uuid.js";
import { forbidden, notFound } from "../errors.js";
import { can, type WorkspaceAction } from "../policy/policy.js";

export interface Actor {
  id: string;
  isAdmin: boolean;
}

/** Who someone is on a board: the board, their role there and their home organisation (for presence). */
export interface BoardAccess {
  board: typeof boards.$inferSelect;
  role: Role;
  organization: string | null;
}

// An id that is not a UUID names nothing: answer 404 before the database would reject it.
export { isUuid };

export function createAccess(db: Db) {
  /**
   * The board question as a statement prepared once: building drizzle's query each time cost
   * more of the main thread than the answer (a reconnect storm asks it hundreds of times).
   */
  const boardQuery = db
    .select({ board: boards, role: workspaceMembers.role, organization: organizations.name })
    .from(boards)
    .innerJoin(workspaces, eq(workspaces.id, boards.workspaceId))
    .leftJoin(
      workspaceMembers,
      and(eq(workspaceMembers.workspaceId, boards.workspaceId), eq(workspaceMembers.userId, sql.placeholder("userId"))),
    )
    .leftJoin(organizations, eq(organizations.id, workspaceMembers.organizationId))
    .where(and(eq(boards.id, sql.placeholder("boardId")), isNull(boards.archivedAt)))
    .prepare("access_board");

  async function roleIn(userId: string, workspaceId: string): Promise<Role | null> {
    const [row] = await db
      .select({ role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
    return row?.role ?? null;
  }

  function allow(role: Role | null, action: WorkspaceAction, what: string): Role {
    if (role === null) throw notFound(what);
    if (!can(role, action)) throw forbidden(forbiddenMessage(action));
    return role;
  }

  return {
    roleIn,

    /** Roles of many (user, workspace) pairs in one query; a missing pair means "not a member". */
    async rolesFor(pairs: { userId: string; workspaceId: string }[]): Promise<Map<string, Role>> {
      const roles = new Map<string, Role>();
      if (pairs.length === 0) return roles;
      const rows = await db
        .select({
          userId: workspaceMembers.userId,
          workspaceId: workspaceMembers.workspaceId,
          role: workspaceMembers.role,
        })
        .from(workspaceMembers)
        .where(
          and(
            inArray(workspaceMembers.userId, [...new Set(pairs.map((p) => p.userId))]),
            inArray(workspaceMembers.workspaceId, [...new Set(pairs.map((p) => p.workspaceId))]),
          ),
        );
      for (const r of rows) roles.set(`${r.userId}|${r.workspaceId}`, r.role);
      return roles;
    },

    /** The actor's role in the workspace if they may do `action`; 404 for outsiders, 403 for a too-low role. */
    async workspace(actor: Actor, workspaceId: string, action: WorkspaceAction): Promise<Role> {
      if (!isUuid(workspaceId)) throw notFound("Workspace");
      return allow(await roleIn(actor.id, workspaceId), action, "Workspace");
    },

    /**
     * Same for a board: resolves its workspace, hides archived boards and boards of other
     * workspaces. Also returns the actor's home organisation there (for presence), in the same query.
     */
    async board(actor: Actor, boardId: string, action: WorkspaceAction): Promise<BoardAccess> {
      if (!isUuid(boardId)) throw notFound("Board");
      const [row] = await boardQuery.execute({ userId: actor.id, boardId });
      if (!row) throw notFound("Board");
      const role = allow(row.role, action, "Board");
      return { board: row.board, role, organization: row.organization };
    },

    /**
     * `board(actor, boardId, "boards.read")` for many pairs in one statement (a reconnect storm's
     * joins, access-cache.ts): each answer in the pair's place, a refusal as its error, not thrown.
     */
    async boardsToRead(pairs: ReadonlyArray<{ actor: Actor; boardId: string }>): Promise<(BoardAccess | Error)[]> {
      const boardIds = [...new Set(pairs.map((p) => p.boardId).filter(isUuid))];
      const userIds = [...new Set(pairs.map((p) => p.actor.id))];
      const rows =
        boardIds.length === 0
          ? []
          : await db
              .select({
                board: boards,
                userId: workspaceMembers.userId,
                role: workspaceMembers.role,
                organization: organizations.name,
              })
              .from(boards)
              .innerJoin(workspaces, eq(workspaces.id, boards.workspaceId))
              .leftJoin(
                workspaceMembers,
                and(eq(workspaceMembers.workspaceId, boards.workspaceId), inArray(workspaceMembers.userId, userIds)),
              )
              .leftJoin(organizations, eq(organizations.id, workspaceMembers.organizationId))
              .where(and(inArray(boards.id, boardIds), isNull(boards.archivedAt)));
      const found = new Map(rows.map((r) => [r.board.id, r.board]));
      const member = new Map(rows.map((r) => [`${r.userId}|${r.board.id}`, r]));
      return pairs.map(({ actor, boardId }) => {
        const board = found.get(boardId);
        if (!board) return notFound("Board");
        const row = member.get(`${actor.id}|${boardId}`);
        try {
          return {
            board,
            role: allow(row?.role ?? null, "boards.read", "Board"),
            organization: row?.organization ?? null,
          };
        } catch (err) {
          return err as Error;
        }
      });
    },
  };
}

export type Access = ReturnType<typeof createAccess>;

function forbiddenMessage(action: WorkspaceAction): string {
  switch (action) {
    case "workspace.update":
    case "members.manage":
    case "invitations.manage":
    case "boards.manage":
    case "records.read":
      return "Only a convener of this partnership can do this.";
    case "board.edit":
      return "Observers can read this board but not change it.";
    default:
      return "You do not have permission to do this.";
  }
}
