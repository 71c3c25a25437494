/**
 * Organisations: the legal bodies people come from. The instance admin creates, renames,
 * deactivates and reactivates them. A deactivated organisation cannot be chosen for new members,
 * invitations or partnerships; existing data keeps its name.
 */
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { ORGANIZATION_KINDS } from "../../shared/api/workspaces.js";
import type { Db } from "../db/client.js";
import { organizationDeactivations, organizations, workspaceMembers } from "../db/schema.js";
import { badRequest, conflict, notFound } from "../errors.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";
import { isUniqueViolation } from "./db-errors.js";

type Kind = (typeof ORGANIZATION_KINDS)[number];

const exists = (name: string) => conflict("organization_exists", `An organisation named "${name}" exists.`);

export function createOrganizations(db: Db, audit: Audit, now: Clock) {
  const columns = { id: organizations.id, name: organizations.name, kind: organizations.kind };

  /** Inserts one organisation in `tx` and audits it; a taken name (any case) is a 409. */
  async function insert(tx: Db, actorId: string, input: { name: string; kind: Kind }) {
    const [org] = await tx.insert(organizations).values(input).returning(columns);
    if (!org) throw new Error("insert returned no row");
    await audit({ action: "organization.created", actorId, targetType: "organization", targetId: org.id }, tx);
    return org;
  }

  /** Every organisation, deactivated ones too, with how many memberships name it (for the admin). */
  async function listAll() {
    const rows = await db
      .select({
        ...columns,
        deactivatedAt: organizationDeactivations.deactivatedAt,
        members: count(workspaceMembers.userId),
      })
      .from(organizations)
      .leftJoin(organizationDeactivations, eq(organizationDeactivations.organizationId, organizations.id))
      .leftJoin(workspaceMembers, eq(workspaceMembers.organizationId, organizations.id))
      .groupBy(organizations.id, organizationDeactivations.deactivatedAt)
      .orderBy(asc(organizations.name));
    return rows.map(({ deactivatedAt, ...row }) => ({ ...row, active: deactivatedAt === null }));
  }

  return {
    insert,
    listAll,

    /** The organisations one may choose (the active ones). */
    list() {
      return db
        .select(columns)
        .from(organizations)
        .leftJoin(organizationDeactivations, eq(organizationDeactivations.organizationId, organizations.id))
        .where(isNull(organizationDeactivations.organizationId))
        .orderBy(asc(organizations.name));
    },

    async create(actorId: string, input: { name: string; kind: Kind }) {
      try {
        return await db.transaction((tx) => insert(tx, actorId, input));
      } catch (error) {
        if (isUniqueViolation(error)) throw exists(input.name);
        throw error;
      }
    },

    /** Renames and/or (de)activates; audited once per change made. */
    async update(actorId: string, id: string, patch: { name?: string | undefined; active?: boolean | undefined }) {
      try {
        await db.transaction(async (tx) => {
          const [row] = await tx
            .select({ name: organizations.name })
            .from(organizations)
            .where(eq(organizations.id, id));
          if (!row) throw notFound("Organisation");
          const target = { actorId, targetType: "organization", targetId: id } as const;
          if (patch.name !== undefined && patch.name !== row.name) {
            await tx.update(organizations).set({ name: patch.name }).where(eq(organizations.id, id));
            await audit({ action: "organization.renamed", ...target, data: { from: row.name, to: patch.name } }, tx);
          }
          if (patch.active === false) {
            const added = await tx
              .insert(organizationDeactivations)
              .values({ organizationId: id, deactivatedAt: now(), deactivatedBy: actorId })
              .onConflictDoNothing()
              .returning({ id: organizationDeactivations.organizationId });
            if (added.length > 0) await audit({ action: "organization.deactivated", ...target }, tx);
          } else if (patch.active === true) {
            const removed = await tx
              .delete(organizationDeactivations)
              .where(eq(organizationDeactivations.organizationId, id))
              .returning({ id: organizationDeactivations.organizationId });
            if (removed.length > 0) await audit({ action: "organization.reactivated", ...target }, tx);
          }
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw exists(patch.name ?? "");
        throw error;
      }
      const all = await listAll();
      const updated = all.find((o) => o.id === id);
      if (!updated) throw notFound("Organisation");
      return updated;
    },

    /**
     * 400 when an organisation named in a body does not exist (a bad reference, not a missing
     * page) or is deactivated (it cannot be chosen any more).
     */
    async assertExists(id: string, tx: Db = db): Promise<void> {
      const [row] = await tx
        .select({ id: organizations.id, deactivated: organizationDeactivations.organizationId })
        .from(organizations)
        .leftJoin(organizationDeactivations, eq(organizationDeactivations.organizationId, organizations.id))
        .where(and(eq(organizations.id, id)));
      if (!row) throw badRequest("unknown_organization", "No organisation with that id.");
      if (row.deactivated) throw badRequest("organization_inactive", "That organisation is deactivated.");
    },
  };
}

export type Organizations = ReturnType<typeof createOrganizations>;
