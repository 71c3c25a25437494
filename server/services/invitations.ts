/** Invitation links: expiring, single use, bound to an e-mail address, a role and a home organisation. */
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Role } from "../../shared/api/workspaces.js";
import type { Db } from "../db/client.js";
import { invitations, organizations, users, workspaceMembers, workspaces } from "../db/schema.js";
import { AppError, badRequest, conflict, forbidden, notFound } from "../errors.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";
import type { Organizations } from "./organizations.js";
import { hashPassword } from "./passwords.js";
import type { Sessions, SessionUser } from "./sessions.js";
import { hashToken, newToken } from "./tokens.js";

type Invitation = typeof invitations.$inferSelect;

const gone = (code: string, message: string) => new AppError(410, code, message);

function assertUsable(inv: Invitation, at: Date) {
  if (inv.revokedAt)
    throw gone("invitation_revoked", "This invitation has been withdrawn. Ask the convener for a new one.");
  if (inv.acceptedAt) throw gone("invitation_used", "This invitation has already been used.");
  if (inv.expiresAt <= at)
    throw gone("invitation_expired", "This invitation has expired. Ask the convener for a new one.");
}

export function createInvitations(deps: {
  db: Db;
  audit: Audit;
  organizations: Organizations;
  sessions: Sessions;
  now: Clock;
  ttlMs: number;
  publicOrigin: string;
}) {
  const { db, audit, sessions, now } = deps;

  async function byToken(token: string, tx: Db = db, lock = false) {
    const query = tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)));
    const [inv] = lock ? await query.for("update") : await query;
    if (!inv) throw notFound("Invitation");
    return inv;
  }

  /** The invited person joins; the invitation is used up and the audit row written in `tx`. */
  async function join(tx: Db, inv: Invitation, user: SessionUser, ip: string | null, newAccount: boolean) {
    const joined = await tx
      .insert(workspaceMembers)
      .values({ workspaceId: inv.workspaceId, userId: user.id, role: inv.role, organizationId: inv.organizationId })
      .onConflictDoNothing()
      .returning({ userId: workspaceMembers.userId });
    if (joined.length === 0) throw conflict("already_member", "You are already a member of this partnership.");
    await tx.update(invitations).set({ acceptedAt: now(), acceptedBy: user.id }).where(eq(invitations.id, inv.id));
    await audit(
      {
        action: "invitation.accepted",
        actorId: user.id,
        workspaceId: inv.workspaceId,
        targetType: "invitation",
        targetId: inv.id,
        ip,
        data: { role: inv.role, newAccount },
      },
      tx,
    );
  }

  /** Declining ends the invitation (as withdrawn: it cannot be used any more) and says so in the audit trail. */
  async function decline(tx: Db, inv: Invitation, actorId: string | null, ip: string | null) {
    await tx.update(invitations).set({ revokedAt: now() }).where(eq(invitations.id, inv.id));
    await audit(
      {
        action: "invitation.declined",
        actorId,
        workspaceId: inv.workspaceId,
        targetType: "invitation",
        targetId: inv.id,
        ip,
      },
      tx,
    );
  }

  /** A pending invitation addressed to `user`, locked for the change about to be made. */
  async function mine(tx: Db, user: SessionUser, invitationId: string) {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.email, user.email)))
      .for("update");
    if (!inv) throw notFound("Invitation");
    assertUsable(inv, now());
    return inv;
  }

  return {
    /**
     * An invitation to `input.email`, whether or not an account has that address: the answer, and
     * the work done for it, are the same either way, so it tells the caller nothing about accounts.
     */
    async create(actorId: string, workspaceId: string, input: { email: string; role: Role; organizationId: string }) {
      await deps.organizations.assertExists(input.organizationId);
      const token = newToken();
      const at = now();
      const inv = await db.transaction(async (tx) => {
        // Only this partnership's members are looked at: its conveners see that list anyway.
        const [already] = await tx
          .select({ userId: workspaceMembers.userId })
          .from(workspaceMembers)
          .innerJoin(users, eq(users.id, workspaceMembers.userId))
          .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(users.email, input.email)));
        if (already) throw conflict("already_member", "That person is already a member of this partnership.");
        const [row] = await tx
          .insert(invitations)
          .values({
            workspaceId,
            email: input.email,
            role: input.role,
            organizationId: input.organizationId,
            tokenHash: hashToken(token),
            createdBy: actorId,
            createdAt: at,
            expiresAt: new Date(at.getTime() + deps.ttlMs),
          })
          .returning();
        if (!row) throw new Error("insert returned no row");
        await audit(
          {
            action: "invitation.created",
            actorId,
            workspaceId,
            targetType: "invitation",
            targetId: row.id,
            data: { email: row.email, role: row.role, organizationId: row.organizationId },
          },
          tx,
        );
        return row;
      });
      return {
        id: inv.id,
        email: inv.email,
        role: inv.role,
        organizationId: inv.organizationId,
        expiresAt: inv.expiresAt,
        token,
        url: `${deps.publicOrigin}/invitations/${token}`,
      };
    },

    /** Pending invitations of a workspace (never their tokens). */
    listPending(workspaceId: string) {
      return db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          organizationId: invitations.organizationId,
          createdAt: invitations.createdAt,
          expiresAt: invitations.expiresAt,
        })
        .from(invitations)
        .where(
          and(eq(invitations.workspaceId, workspaceId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
        )
        .orderBy(desc(invitations.createdAt));
    },

    async revoke(actorId: string, workspaceId: string, invitationId: string) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(invitations)
          .set({ revokedAt: now() })
          .where(
            and(
              eq(invitations.id, invitationId),
              eq(invitations.workspaceId, workspaceId),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
            ),
          )
          .returning({ id: invitations.id });
        if (!row) throw notFound("Invitation");
        await audit(
          { action: "invitation.revoked", actorId, workspaceId, targetType: "invitation", targetId: row.id },
          tx,
        );
      });
    },

    /**
     * A new link for a pending invitation (the old one stops working: only a token's hash is
     * kept, so the link cannot be sent again as it was) and a fresh expiry.
     */
    async resend(actorId: string, workspaceId: string, invitationId: string) {
      const token = newToken();
      const at = now();
      const inv = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(invitations)
          .set({ tokenHash: hashToken(token), expiresAt: new Date(at.getTime() + deps.ttlMs) })
          .where(
            and(
              eq(invitations.id, invitationId),
              eq(invitations.workspaceId, workspaceId),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
            ),
          )
          .returning();
        if (!row) throw notFound("Invitation");
        await audit(
          { action: "invitation.resent", actorId, workspaceId, targetType: "invitation", targetId: row.id },
          tx,
        );
        return row;
      });
      return {
        id: inv.id,
        email: inv.email,
        expiresAt: inv.expiresAt,
        url: `${deps.publicOrigin}/invitations/${token}`,
      };
    },

    /** What the invitation page shows before accepting; needs only the token. */
    async preview(token: string) {
      const inv = await byToken(token);
      assertUsable(inv, now());
      const [info] = await db
        .select({ workspaceName: workspaces.name, organizationName: organizations.name })
        .from(workspaces)
        .innerJoin(organizations, eq(organizations.id, inv.organizationId))
        .where(eq(workspaces.id, inv.workspaceId));
      // Whether an account has the address is not said: the link may be in anyone's hands.
      return {
        workspaceName: info?.workspaceName ?? "",
        organizationName: info?.organizationName ?? "",
        email: inv.email,
        role: inv.role,
        expiresAt: inv.expiresAt,
      };
    },

    /**
     * Someone signed in as the invited address joins; otherwise a new account is created from
     * `name` and `password` and signed in. Single use even when two tabs accept at once.
     */
    async accept(
      token: string,
      input: { name?: string | undefined; password?: string | undefined },
      signedIn: SessionUser | null,
      ip: string | null,
    ): Promise<{ workspaceId: string; user: SessionUser; session?: { token: string; expiresAt: Date } }> {
      const passwordHash = !signedIn && input.password ? await hashPassword(input.password) : null;
      return db.transaction(async (tx) => {
        const inv = await byToken(token, tx, true);
        assertUsable(inv, now());
        let user: SessionUser;
        let session: { token: string; expiresAt: Date } | undefined;
        if (signedIn) {
          if (signedIn.email !== inv.email) {
            throw forbidden(`This invitation is for ${inv.email}. Sign out and open the link again.`);
          }
          user = signedIn;
        } else {
          // Asked before looking for an account, so an incomplete body says nothing about one.
          if (!input.name || !passwordHash) {
            throw badRequest("validation_failed", "A name and a password are needed to create your account.", {
              fields: {
                ...(input.name ? {} : { name: "Required." }),
                ...(input.password ? {} : { password: "Required." }),
              },
            });
          }
          const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
          if (existing) {
            throw conflict("account_exists", "An account with this address exists: sign in, then accept.");
          }
          const [created] = await tx
            .insert(users)
            .values({ email: inv.email, name: input.name, passwordHash })
            .returning({ id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin });
          if (!created) throw new Error("insert returned no row");
          user = created;
          session = await sessions.create(user.id, tx);
        }
        await join(tx, inv, user, ip, !signedIn);
        return { workspaceId: inv.workspaceId, user, ...(session ? { session } : {}) };
      });
    },

    /**
     * Accepted through the organisation's identity provider (server/oidc): the token is the
     * credential and the provider vouches for the person, so the signed-in identity joins, inside
     * the sign-in's transaction.
     */
    async acceptThroughIdentity(tx: Db, token: string, user: SessionUser, ip: string | null, newAccount: boolean) {
      const inv = await byToken(token, tx, true);
      assertUsable(inv, now());
      await join(tx, inv, user, ip, newAccount);
      return { workspaceId: inv.workspaceId };
    },

    /** Whoever holds the link may decline it (they could as well accept it). */
    async decline(token: string, signedIn: SessionUser | null, ip: string | null): Promise<void> {
      await db.transaction(async (tx) => {
        const inv = await byToken(token, tx, true);
        assertUsable(inv, now());
        await decline(tx, inv, signedIn?.id ?? null, ip);
      });
    },

    /**
     * Invitations addressed to the signed-in person that they can still accept, newest first;
     * none to a partnership they are already in (another invitation got them there).
     */
    listMine(user: SessionUser) {
      return db
        .select({
          id: invitations.id,
          workspaceId: invitations.workspaceId,
          workspaceName: workspaces.name,
          organizationName: organizations.name,
          role: invitations.role,
          invitedBy: users.name,
          createdAt: invitations.createdAt,
          expiresAt: invitations.expiresAt,
        })
        .from(invitations)
        .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
        .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
        .leftJoin(users, eq(users.id, invitations.createdBy))
        .leftJoin(
          workspaceMembers,
          and(eq(workspaceMembers.workspaceId, invitations.workspaceId), eq(workspaceMembers.userId, user.id)),
        )
        .where(
          and(
            eq(invitations.email, user.email),
            isNull(workspaceMembers.userId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, now()),
          ),
        )
        .orderBy(desc(invitations.createdAt));
    },

    /** The signed-in person accepts an invitation addressed to them, from their own list. */
    async acceptMine(user: SessionUser, invitationId: string, ip: string | null): Promise<{ workspaceId: string }> {
      return db.transaction(async (tx) => {
        const inv = await mine(tx, user, invitationId);
        await join(tx, inv, user, ip, false);
        return { workspaceId: inv.workspaceId };
      });
    },

    async declineMine(user: SessionUser, invitationId: string, ip: string | null): Promise<void> {
      await db.transaction(async (tx) => decline(tx, await mine(tx, user, invitationId), user.id, ip));
    },
  };
}

export type Invitations = ReturnType<typeof createInvitations>;
