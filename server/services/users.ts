/** Instance administration of accounts: list, deactivate (ending every session at once), reactivate. */
import { asc, eq, ilike, inArray, or } from "drizzle-orm";
import { USER_LIST_LIMIT } from "../../shared/api/admin.js";
import type { Db } from "../db/client.js";
import { organizations, users, workspaceMembers, workspaces } from "../db/schema.js";
import { conflict, notFound } from "../errors.js";
import type { AccessEvents } from "./access-events.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";
import type { Sessions } from "./sessions.js";

export function createUsers(db: Db, audit: Audit, sessions: Sessions, now: Clock, events: AccessEvents) {
  const view = (row: typeof users.$inferSelect) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    isAdmin: row.isAdmin,
    active: row.deactivatedAt === null,
    createdAt: row.createdAt,
  });

  return {
    /**
     * Accounts, at most USER_LIST_LIMIT, optionally those whose name or address contains `q` (any case),
     * each with its memberships: partnership, role and home organisation there.
     */
    async list(q?: string) {
      const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const rows = await db
        .select()
        .from(users)
        .where(pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined)
        .orderBy(asc(users.name), asc(users.email))
        .limit(USER_LIST_LIMIT);
      const memberships = rows.length
        ? await db
            .select({
              userId: workspaceMembers.userId,
              workspaceId: workspaces.id,
              workspaceName: workspaces.name,
              role: workspaceMembers.role,
              organizationName: organizations.name,
            })
            .from(workspaceMembers)
            .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
            .leftJoin(organizations, eq(organizations.id, workspaceMembers.organizationId))
            .where(
              inArray(
                workspaceMembers.userId,
                rows.map((r) => r.id),
              ),
            )
            .orderBy(asc(workspaces.name))
        : [];
      return rows.map((row) => ({
        ...view(row),
        memberships: memberships.filter((m) => m.userId === row.id).map(({ userId: _, ...m }) => m),
      }));
    },

    async setActive(actorId: string, userId: string, active: boolean) {
      if (userId === actorId && !active)
        throw conflict("cannot_deactivate_self", "You cannot deactivate your own account.");
      const result = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(users)
          .set({ deactivatedAt: active ? null : now(), updatedAt: now() })
          .where(eq(users.id, userId))
          .returning();
        if (!row) throw notFound("User");
        if (!active) await sessions.revokeAllFor(userId, tx);
        await audit(
          { action: active ? "user.reactivated" : "user.deactivated", actorId, targetType: "user", targetId: userId },
          tx,
        );
        return view(row);
      });
      if (!active) events.emit({ type: "user", userId });
      return result;
    },
  };
}

export type Users = ReturnType<typeof createUsers>;
