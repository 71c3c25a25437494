/** Instance administration of accounts: list, deactivate (ending every session at once), reactivate. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { users } from "../db/schema.js";
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
    async list() {
      return (await db.select().from(users).orderBy(asc(users.name))).map(view);
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
