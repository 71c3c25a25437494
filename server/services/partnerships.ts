/**
 * The instance admin's view of partnerships: every partnership with its organisations and
 * conveners, and setting one up in one step — name, organisations (existing or new), and a first
 * convener (an existing account, or an address that gets an invitation as convener).
 */
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { createPartnershipBody } from "../../shared/api/admin.js";
import type { Db } from "../db/client.js";
import { organizations, users, workspaceMembers, workspaceOrganizations, workspaces } from "../db/schema.js";
import { badRequest, conflict } from "../errors.js";
import type { Audit } from "./audit.js";
import { isUniqueViolation } from "./db-errors.js";
import type { Invitations } from "./invitations.js";
import type { Organizations } from "./organizations.js";

type Input = z.output<typeof createPartnershipBody>;

export function createPartnerships(deps: {
  db: Db;
  audit: Audit;
  organizations: Organizations;
  invitations: Invitations;
}) {
  const { db, audit } = deps;

  /** The organisations' ids in order (new ones created in `tx`), duplicates once. */
  async function resolveOrganizations(tx: Db, actorId: string, list: Input["organizations"]) {
    const ids: string[] = [];
    for (const entry of list) {
      if ("id" in entry) await deps.organizations.assertExists(entry.id, tx);
      const id = "id" in entry ? entry.id : (await deps.organizations.insert(tx, actorId, entry)).id;
      ids.push(id);
    }
    return ids;
  }

  return {
    async listAll() {
      const rows = await db
        .select({
          id: workspaces.id,
          name: workspaces.name,
          description: workspaces.description,
          createdAt: workspaces.createdAt,
          members: count(workspaceMembers.userId),
        })
        .from(workspaces)
        .leftJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
        .groupBy(workspaces.id)
        .orderBy(asc(workspaces.name));
      const ids = rows.map((r) => r.id);
      // The organisations set up with the partnership, and those its members come from.
      const orgs = ids.length
        ? await db
            .selectDistinct({ workspaceId: workspaceOrganizations.workspaceId, name: organizations.name })
            .from(workspaceOrganizations)
            .innerJoin(organizations, eq(organizations.id, workspaceOrganizations.organizationId))
            .where(inArray(workspaceOrganizations.workspaceId, ids))
            .union(
              db
                .selectDistinct({ workspaceId: workspaceMembers.workspaceId, name: organizations.name })
                .from(workspaceMembers)
                .innerJoin(organizations, eq(organizations.id, workspaceMembers.organizationId))
                .where(inArray(workspaceMembers.workspaceId, ids)),
            )
        : [];
      orgs.sort((a, b) => a.name.localeCompare(b.name, "sv"));
      const conveners = ids.length
        ? await db
            .select({ workspaceId: workspaceMembers.workspaceId, name: users.name })
            .from(workspaceMembers)
            .innerJoin(users, eq(users.id, workspaceMembers.userId))
            .where(and(inArray(workspaceMembers.workspaceId, ids), eq(workspaceMembers.role, "convener")))
            .orderBy(asc(users.name))
        : [];
      return rows.map((row) => ({
        ...row,
        organizations: orgs.filter((o) => o.workspaceId === row.id).map((o) => o.name),
        conveners: conveners.filter((c) => c.workspaceId === row.id).map((c) => c.name),
      }));
    },

    async create(actorId: string, input: Input) {
      let created: { workspaceId: string; convenerOrg: string };
      try {
        created = await db.transaction(async (tx) => {
          const organizationIds = await resolveOrganizations(tx, actorId, input.organizations);
          const convenerOrg = organizationIds[input.convenerOrganization] as string;
          const [ws] = await tx
            .insert(workspaces)
            .values({ name: input.name, description: input.description, createdBy: actorId })
            .returning({ id: workspaces.id });
          if (!ws) throw new Error("insert returned no row");
          const unique = [...new Set(organizationIds)];
          await tx
            .insert(workspaceOrganizations)
            .values(unique.map((organizationId) => ({ workspaceId: ws.id, organizationId })));
          await audit(
            {
              action: "workspace.created",
              actorId,
              workspaceId: ws.id,
              targetType: "workspace",
              targetId: ws.id,
              data: { organizationIds: unique, byAdmin: true },
            },
            tx,
          );
          if ("userId" in input.convener) {
            const [user] = await tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.id, input.convener.userId), isNull(users.deactivatedAt)));
            if (!user) throw badRequest("unknown_user", "No active account with that id.");
            await tx
              .insert(workspaceMembers)
              .values({ workspaceId: ws.id, userId: user.id, organizationId: convenerOrg, role: "convener" });
            await audit(
              {
                action: "member.added",
                actorId,
                workspaceId: ws.id,
                targetType: "user",
                targetId: user.id,
                data: { role: "convener", organizationId: convenerOrg, direct: true },
              },
              tx,
            );
          }
          return { workspaceId: ws.id, convenerOrg };
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict("organization_exists", "An organisation with one of those names exists: choose it instead.");
        throw error;
      }
      const invitation =
        "email" in input.convener
          ? await deps.invitations.create(actorId, created.workspaceId, {
              email: input.convener.email,
              role: "convener",
              organizationId: created.convenerOrg,
            })
          : null;
      return { workspace: { id: created.workspaceId, name: input.name }, invitation };
    },
  };
}

export type Partnerships = ReturnType<typeof createPartnerships>;
