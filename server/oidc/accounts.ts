/**
 * Who a person signing in through the identity provider is here: their linked account, an
 * existing account with the same verified e-mail, or a new one made from the claims.
 */
import { and, eq, sql } from "drizzle-orm";
import { emailSchema, personNameSchema } from "../../shared/api/auth.js";
import type { OidcConfig } from "../config.js";
import type { Db } from "../db/client.js";
import { oidcIdentities, oidcSessions, organizations, users } from "../db/schema.js";
import type { Audit } from "../services/audit.js";
import type { Clock } from "../services/clock.js";
import type { Invitations } from "../services/invitations.js";
import type { Sessions, SessionUser } from "../services/sessions.js";
import { hashToken } from "../services/tokens.js";

/** No password verifies against this (verifyPassword refuses a malformed hash): the account signs in only through the provider. */
const NO_PASSWORD = "!oidc";

/** Why a sign-in through the provider was refused; the code is shown on the sign-in page. */
export class OidcRefused extends Error {
  constructor(
    readonly code: OidcErrorCode,
    readonly userId: string | null = null,
  ) {
    super(code);
    this.name = "OidcRefused";
  }
}

export type OidcErrorCode =
  | "oidc_state"
  | "oidc_denied"
  | "oidc_token"
  | "oidc_failed"
  | "oidc_no_email"
  | "oidc_email_unverified"
  | "oidc_deactivated";

/** What we take from the ID token and userinfo. */
export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  organizationName: string | null;
}

/** Reads the configured claims; anything malformed counts as absent. */
export function readClaims(oidc: OidcConfig, claims: Record<string, unknown>): OidcClaims {
  const str = (name: string) => (typeof claims[name] === "string" ? (claims[name] as string) : null);
  const email = emailSchema.safeParse(str(oidc.emailClaim) ?? "");
  const name = personNameSchema.safeParse(str(oidc.nameClaim) ?? "");
  const domain = email.success ? (email.data.split("@")[1] ?? "") : "";
  const byClaim = oidc.organizationClaim ? str(oidc.organizationClaim)?.trim() || null : null;
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    email: email.success ? email.data : null,
    emailVerified: claims.email_verified === true || claims.email_verified === "true",
    name: name.success ? name.data : null,
    organizationName: byClaim ?? oidc.organizationDomains.get(domain) ?? null,
  };
}

export interface OidcSignedIn {
  user: SessionUser;
  token: string;
  expiresAt: Date;
  /** The partnership joined through an invitation, if one came with the sign-in and could be used. */
  joinedWorkspaceId: string | null;
}

export function createOidcAccounts(deps: {
  db: Db;
  audit: Audit;
  sessions: Sessions;
  invitations: Invitations;
  now: Clock;
}) {
  const { db, audit, sessions, invitations, now } = deps;

  async function organizationId(tx: Db, name: string | null): Promise<string | null> {
    if (!name) return null;
    const [row] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(sql`lower(${organizations.name}) = lower(${name})`);
    return row?.id ?? null;
  }

  /** The account for these claims, linked or created in `tx`; refuses deactivated and unverified matches. */
  async function account(tx: Db, claims: OidcClaims, orgId: string | null, ip: string | null) {
    const at = now();
    const columns = { id: users.id, email: users.email, name: users.name, isAdmin: users.isAdmin };
    const [linked] = await tx
      .select({ ...columns, deactivatedAt: users.deactivatedAt })
      .from(oidcIdentities)
      .innerJoin(users, eq(users.id, oidcIdentities.userId))
      .where(and(eq(oidcIdentities.issuer, claims.issuer), eq(oidcIdentities.subject, claims.subject)));
    if (linked) {
      if (linked.deactivatedAt) throw new OidcRefused("oidc_deactivated", linked.id);
      await tx
        .update(oidcIdentities)
        .set({ organizationId: orgId, lastSignInAt: at })
        .where(and(eq(oidcIdentities.issuer, claims.issuer), eq(oidcIdentities.subject, claims.subject)));
      const { deactivatedAt: _, ...user } = linked;
      return { user, created: false };
    }
    if (!claims.email) throw new OidcRefused("oidc_no_email");
    const [existing] = await tx
      .select({ ...columns, deactivatedAt: users.deactivatedAt })
      .from(users)
      .where(eq(users.email, claims.email));
    let user: SessionUser;
    let created = false;
    if (existing) {
      // An address the provider has not verified could be anyone's: it never takes over an account.
      if (!claims.emailVerified) throw new OidcRefused("oidc_email_unverified", existing.id);
      if (existing.deactivatedAt) throw new OidcRefused("oidc_deactivated", existing.id);
      const { deactivatedAt: _, ...rest } = existing;
      user = rest;
    } else {
      // On an instance without accounts the first person becomes its administrator, as setup would.
      await tx.execute(sql`lock table ${users} in share row exclusive mode`);
      const first = (await tx.$count(users)) === 0;
      const [row] = await tx
        .insert(users)
        .values({
          email: claims.email,
          name: claims.name ?? claims.email,
          passwordHash: NO_PASSWORD,
          isAdmin: first,
        })
        .returning(columns);
      if (!row) throw new Error("insert returned no row");
      user = row;
      created = true;
      if (first) await audit({ action: "auth.setup", actorId: user.id, targetType: "user", targetId: user.id, ip }, tx);
    }
    await tx.insert(oidcIdentities).values({
      issuer: claims.issuer,
      subject: claims.subject,
      userId: user.id,
      organizationId: orgId,
      createdAt: at,
      lastSignInAt: at,
    });
    await audit(
      {
        action: "auth.oidc.linked",
        actorId: user.id,
        targetType: "user",
        targetId: user.id,
        ip,
        data: { issuer: claims.issuer, newAccount: created },
      },
      tx,
    );
    return { user, created };
  }

  return {
    /**
     * Signs the person in: account, session (with the ID token kept for logout), audit, and the
     * invitation they came with — which, if no longer usable, does not stop the sign-in.
     */
    async signIn(
      claims: OidcClaims,
      idToken: string,
      invitationToken: string | null,
      ip: string | null,
    ): Promise<OidcSignedIn> {
      return db.transaction(async (tx) => {
        const orgId = await organizationId(tx, claims.organizationName);
        const { user, created } = await account(tx, claims, orgId, ip);
        const session = await sessions.create(user.id, tx);
        await tx.insert(oidcSessions).values({ sessionId: hashToken(session.token), idToken });
        await audit({ action: "auth.login.success", actorId: user.id, ip, data: { method: "oidc" } }, tx);
        let joinedWorkspaceId: string | null = null;
        if (invitationToken) {
          try {
            // A savepoint: an invitation used up or withdrawn meanwhile leaves the sign-in intact.
            joinedWorkspaceId = await tx.transaction(
              async (sp) =>
                (await invitations.acceptThroughIdentity(sp, invitationToken, user, ip, created)).workspaceId,
            );
          } catch {
            joinedWorkspaceId = null;
          }
        }
        return { user, ...session, joinedWorkspaceId };
      });
    },

    /** Refusals are audited outside the failed transaction. */
    async recordFailure(code: OidcErrorCode, userId: string | null, ip: string | null): Promise<void> {
      await audit({ action: "auth.login.failure", actorId: userId, ip, data: { method: "oidc", reason: code } });
    },

    /** The ID token a session came with, if it came through the provider. */
    async idTokenFor(sessionId: string): Promise<string | null> {
      const [row] = await db.select().from(oidcSessions).where(eq(oidcSessions.sessionId, sessionId));
      return row?.idToken ?? null;
    },
  };
}

export type OidcAccounts = ReturnType<typeof createOidcAccounts>;
