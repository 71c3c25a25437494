/** Invitation links: expiring, single use, bound to an e-mail address, a role and a home organisation. */
import { and, desc, eq, isNull } from "drizzle-orm";
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

  return {
    async create(actorId: string, workspaceId: string, input: { email: string; role: Role; organizationId: string }) {
      await deps.organizations.assertExists(input.organizationId);
      const [already] = await db
        .select({ userId: workspaceMembers.userId })
        .from(workspaceMembers)
        .innerJoin(users, eq(users.id, workspaceMembers.userId))
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(users.email, input.email)));
      if (already) throw conflict("already_member", "That person is already a member of this partnership.");
      const token = newToken();
      const at = now();
      const [inv] = await db
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
      if (!inv) throw new Error("insert returned no row");
      await audit({
        action: "invitation.created",
        actorId,
        workspaceId,
        targetType: "invitation",
        targetId: inv.id,
        data: { email: inv.email, role: inv.role, organizationId: inv.organizationId },
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
      const [row] = await db
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
      await audit({ action: "invitation.revoked", actorId, workspaceId, targetType: "invitation", targetId: row.id });
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
      const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
      return {
        workspaceName: info?.workspaceName ?? "",
        organizationName: info?.organizationName ?? "",
        email: inv.email,
        role: inv.role,
        expiresAt: inv.expiresAt,
        accountExists: Boolean(account),
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
        const at = now();
        assertUsable(inv, at);
        let user: SessionUser;
        let session: { token: string; expiresAt: Date } | undefined;
        if (signedIn) {
          if (signedIn.email !== inv.email) {
            throw forbidden(`This invitation is for ${inv.email}. Sign out and open the link again.`);
          }
          user = signedIn;
        } else {
          const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
          if (existing) {
            throw conflict("account_exists", `An account for ${inv.email} exists: sign in, then open the link again.`);
          }
          if (!input.name || !passwordHash) {
            throw badRequest("validation_failed", "A name and a password are needed to create your account.", {
              fields: {
                ...(input.name ? {} : { name: "Required." }),
                ...(input.password ? {} : { password: "Required." }),
              },
            });
          }
          const [created] = await tx
            .insert(users)
            .values({ email: inv.email, name: input.name, passwordHash })
            .returning({ id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin });
          if (!created) throw new Error("insert returned no row");
          user = created;
          session = await sessions.create(user.id, tx);
        }
        const joined = await tx
          .insert(workspaceMembers)
          .values({ workspaceId: inv.workspaceId, userId: user.id, role: inv.role, organizationId: inv.organizationId })
          .onConflictDoNothing()
          .returning({ userId: workspaceMembers.userId });
        if (joined.length === 0) throw conflict("already_member", "You are already a member of this partnership.");
        await tx.update(invitations).set({ acceptedAt: at, acceptedBy: user.id }).where(eq(invitations.id, inv.id));
        await audit(
          {
            action: "invitation.accepted",
            actorId: user.id,
            workspaceId: inv.workspaceId,
            targetType: "invitation",
            targetId: inv.id,
            ip,
            data: { role: inv.role, newAccount: !signedIn },
          },
          tx,
        );
        return { workspaceId: inv.workspaceId, user, ...(session ? { session } : {}) };
      });
    },
  };
}

export type Invitations = ReturnType<typeof createInvitations>;
