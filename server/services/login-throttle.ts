/**
 * Brute-force protection per e-mail address: exponential back-off after 5 failures, a 15-minute
 * lock after 10. Keyed by the address typed, not by account, so unknown addresses behave the same.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { loginThrottle } from "../db/schema.js";
import { tooManyRequests } from "../errors.js";
import type { Clock } from "./clock.js";

export const BACKOFF_AFTER = 5;
export const LOCK_AFTER = 10;
export const LOCK_MS = 15 * 60_000;
/** Failures older than this (and not locked) are forgotten. */
const FORGET_AFTER_MS = LOCK_MS;

export function createLoginThrottle(db: Db, now: Clock) {
  return {
    /** Throws 429 if this address may not try now. */
    async check(email: string): Promise<void> {
      const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.email, email));
      if (!row) return;
      const at = now().getTime();
      if (row.lockedUntil && row.lockedUntil.getTime() > at) {
        const seconds = (row.lockedUntil.getTime() - at) / 1000;
        throw tooManyRequests(
          `Too many failed sign-ins for this address. Try again in ${Math.ceil(seconds / 60)} minutes.`,
          seconds,
        );
      }
      if (row.lockedUntil || at - row.lastFailureAt.getTime() > FORGET_AFTER_MS) return; // lock served or stale
      if (row.failures >= BACKOFF_AFTER) {
        const waitMs = 1000 * 2 ** (row.failures - BACKOFF_AFTER);
        const readyAt = row.lastFailureAt.getTime() + waitMs;
        if (readyAt > at) {
          throw tooManyRequests(
            `Too many failed sign-ins for this address. Wait ${Math.ceil((readyAt - at) / 1000)} seconds and try again.`,
            (readyAt - at) / 1000,
          );
        }
      }
    },

    async recordFailure(email: string, tx: Db = db): Promise<void> {
      const at = now();
      // A served lock or stale failures start a fresh count; otherwise add one, atomically.
      // (A raw Date in sql`` is not mapped by the postgres driver, hence the ISO string and cast.)
      const fresh = sql`(${loginThrottle.lockedUntil} is not null or ${loginThrottle.lastFailureAt} < ${new Date(at.getTime() - FORGET_AFTER_MS).toISOString()}::timestamptz)`;
      const [row] = await tx
        .insert(loginThrottle)
        .values({ email, failures: 1, lastFailureAt: at })
        .onConflictDoUpdate({
          target: loginThrottle.email,
          set: {
            failures: sql`case when ${fresh} then 1 else ${loginThrottle.failures} + 1 end`,
            lastFailureAt: at,
            lockedUntil: null,
          },
        })
        .returning({ failures: loginThrottle.failures });
      if (row && row.failures >= LOCK_AFTER) {
        await tx
          .update(loginThrottle)
          .set({ lockedUntil: new Date(at.getTime() + LOCK_MS) })
          .where(eq(loginThrottle.email, email));
      }
    },

    async recordSuccess(email: string, tx: Db = db): Promise<void> {
      await tx.delete(loginThrottle).where(eq(loginThrottle.email, email));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
