/**
 * Workspace membership: list, add (the admin only; others invite), change role or organisation,
 * remove — never leaving a workspace without a convener.
 */
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { Role } from "../../shared/api/workspaces.js";
import type { Db } from "../db/client.js";
import { organizations, users, workspaceMembers } from "../db/schema.js";
import { conflict, forbidden, notFound } from "../errors.js";
import type { AccessEvents } from "./access-events.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";
import type { Organizations } from "./organizations.js";

const lastConvener = () =>
  conflict("last_convener", "A partnership needs at least one convener: make someone else convener first.");

export function createMembers(
  db: Db,
  audit: Audit,
  organizationsService: Organizations,
  now: Clock,
  events: AccessEvents,
) {
  /**
   * Locks the workspace's convener rows, so two conveners demoting each other at once cannot
   * both succeed; returns how many there are. Must run inside the transaction that changes them.
   */
  async function lockConveners(tx: Db, workspaceId: string): Promise<number> {
    const rows = await tx
      .select({ userId: workspaceMembers.userId })
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "convener")))
      .for("update");
    return rows.length;
  }

  async function current(tx: Db, workspaceId: string, userId: string) {
    const [row] = await tx
      .select()
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
      .for("update");
    if (!row) throw notFound("Member");
    return row;
  }

  /** Members as the API shows them: person, role and home organisation. */
  function view(where: SQL | undefined) {
    return db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: workspaceMembers.role,
        active: sql<boolean>`${users.deactivatedAt} is null`,
        organization: { id: organizations.id, name: organizations.name },
      })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .leftJoin(organizations, eq(organizations.id, workspaceMembers.organizationId))
      .where(where);
  }

  return {
    list(workspaceId: string) {
      return view(eq(workspaceMembers.workspaceId, workspaceId)).orderBy(asc(users.name));
    },

    /** One member, as listed; for answering the change that was just made. */
    async get(workspaceId: string, userId: string) {
      const [member] = await view(
        and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)),
      );
      return member;
    },

    /**
     * The instance admin adds an existing account directly (they see every account anyway);
     * null when no account has the address. Everyone else invites: see routes/members.ts.
     */
    async addExisting(
      actorId: string,
      workspaceId: string,
      input: { email: string; role: Role; organizationId: string },
    ): Promise<string | null> {
      await organizationsService.assertExists(input.organizationId);
      return db.transaction(async (tx) => {
        const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
        if (!user) return null;
        const inserted = await tx
          .insert(workspaceMembers)
          .values({ workspaceId, userId: user.id, role: input.role, organizationId: input.organizationId })
          .onConflictDoNothing()
          .returning({ userId: workspaceMembers.userId });
        if (inserted.length === 0)
          throw conflict("already_member", "That person is already a member of this partnership.");
        await audit(
          {
            action: "member.added",
            actorId,
            workspaceId,
            targetType: "user",
            targetId: user.id,
            data: { role: input.role, organizationId: input.organizationId, direct: true },
          },
          tx,
        );
        return user.id;
      });
    },

    async update(
      actorId: string,
      workspaceId: string,
      userId: string,
      patch: { role?: Role; organizationId?: string },
    ) {
      if (patch.organizationId) await organizationsService.assertExists(patch.organizationId);
      await db.transaction(async (tx) => {
        const conveners = await lockConveners(tx, workspaceId);
        const member = await current(tx, workspaceId, userId);
        if (patch.role && member.role === "convener" && patch.role !== "convener" && conveners <= 1)
          throw lastConvener();
        await tx
          .update(workspaceMembers)
          .set({ ...patch, updatedAt: now() })
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
        if (patch.role && patch.role !== member.role) {
          await audit(
            {
              action: "member.role_changed",
              actorId,
              workspaceId,
              targetType: "user",
              targetId: userId,
              data: { from: member.role, to: patch.role },
            },
            tx,
          );
        }
        if (patch.organizationId && patch.organizationId !== member.organizationId) {
          await audit(
            {
              action: "member.organization_changed",
              actorId,
              workspaceId,
              targetType: "user",
              targetId: userId,
              data: { from: member.organizationId, to: patch.organizationId },
            },
            tx,
          );
        }
      });
      events.emit({ type: "membership", workspaceId, userId });
    },

    /** Conveners remove anyone; anyone may leave. */
    async remove(actor: { id: string; role: Role }, workspaceId: string, userId: string) {
      if (actor.role !== "convener" && actor.id !== userId)
        throw forbidden("Only a convener can remove other members.");
      await db.transaction(async (tx) => {
        const conveners = await lockConveners(tx, workspaceId);
        const member = await current(tx, workspaceId, userId);
        if (member.role === "convener" && conveners <= 1) throw lastConvener();
        await tx
          .delete(workspaceMembers)
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
        await audit(
          {
            action: "member.removed",
            actorId: actor.id,
            workspaceId,
            targetType: "user",
            targetId: userId,
            data: { role: member.role, self: actor.id === userId },
          },
          tx,
        );
      });
      events.emit({ type: "membership", workspaceId, userId });
    },
  };
}

export type Members = ReturnType<typeof createMembers>;
