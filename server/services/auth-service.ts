/** Sign-in, sign-out and first-run setup of the instance admin. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { users } from "../db/schema.js";
import { AppError, conflict } from "../errors.js";
import type { AccessEvents } from "./access-events.js";
import type { Audit } from "./audit.js";
import type { LoginThrottle } from "./login-throttle.js";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords.js";
import type { Sessions, SessionUser } from "./sessions.js";

export interface SignedIn {
  user: SessionUser;
  token: string;
  expiresAt: Date;
}

const invalidCredentials = () => new AppError(401, "invalid_credentials", "Wrong e-mail address or password.");

export function createAuthService(deps: {
  db: Db;
  sessions: Sessions;
  throttle: LoginThrottle;
  audit: Audit;
  events: AccessEvents;
}) {
  const { db, sessions, throttle, audit, events } = deps;

  return {
    async needsSetup(): Promise<boolean> {
      return (await db.$count(users)) === 0;
    },

    /** Creates the instance admin; only while no account exists at all (409 afterwards). */
    async setup(input: { email: string; name: string; password: string }, ip: string | null): Promise<SignedIn> {
      const passwordHash = await hashPassword(input.password);
      return db.transaction(async (tx) => {
        // Serialises concurrent setups: the second waits, then sees the first account.
        await tx.execute(sql`lock table ${users} in share row exclusive mode`);
        if ((await tx.$count(users)) > 0) throw conflict("already_set_up", "This server already has an administrator.");
        const [user] = await tx
          .insert(users)
          .values({ email: input.email, name: input.name, passwordHash, isAdmin: true })
          .returning({ id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin });
        if (!user) throw new Error("insert returned no row");
        await audit({ action: "auth.setup", actorId: user.id, targetType: "user", targetId: user.id, ip }, tx);
        const session = await sessions.create(user.id, tx);
        return { user, ...session };
      });
    },

    async login(email: string, password: string, ip: string | null): Promise<SignedIn> {
      await throttle.check(email);
      const [row] = await db.select().from(users).where(eq(users.email, email));
      const ok =
        row && !row.deactivatedAt
          ? await verifyPassword(row.passwordHash, password)
          : await verifyAgainstDummy(password);
      if (!ok || !row) {
        // Only something shaped like an address is kept: people type passwords into the wrong field.
        const attempted = /^[^\s@]+@[^\s@]+$/.test(email) ? email : "[not an e-mail address]";
        await db.transaction(async (tx) => {
          await throttle.recordFailure(email, tx);
          await audit({ action: "auth.login.failure", actorId: row?.id ?? null, ip, data: { email: attempted } }, tx);
        });
        throw invalidCredentials();
      }
      const session = await db.transaction(async (tx) => {
        await throttle.recordSuccess(email, tx);
        const created = await sessions.create(row.id, tx);
        await audit({ action: "auth.login.success", actorId: row.id, ip }, tx);
        return created;
      });
      return { user: { id: row.id, email: row.email, name: row.name, isAdmin: row.isAdmin }, ...session };
    },

    async logout(sessionId: string, userId: string, ip: string | null): Promise<void> {
      await db.transaction(async (tx) => {
        await sessions.revoke(sessionId, tx);
        await audit({ action: "auth.logout", actorId: userId, ip }, tx);
      });
      events.emit({ type: "session", sessionId });
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
