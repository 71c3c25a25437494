/** Organisations: the legal bodies people come from. The instance admin creates them. */
import { asc, eq } from "drizzle-orm";
import type { ORGANIZATION_KINDS } from "../../shared/api/workspaces.js";
import type { Db } from "../db/client.js";
import { organizations } from "../db/schema.js";
import { badRequest, conflict } from "../errors.js";
import type { Audit } from "./audit.js";
import { isUniqueViolation } from "./db-errors.js";

type Kind = (typeof ORGANIZATION_KINDS)[number];

export function createOrganizations(db: Db, audit: Audit) {
  return {
    list() {
      return db
        .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
        .from(organizations)
        .orderBy(asc(organizations.name));
    },

    async create(actorId: string, input: { name: string; kind: Kind }) {
      try {
        return await db.transaction(async (tx) => {
          const [org] = await tx
            .insert(organizations)
            .values(input)
            .returning({ id: organizations.id, name: organizations.name, kind: organizations.kind });
          if (!org) throw new Error("insert returned no row");
          await audit({ action: "organization.created", actorId, targetType: "organization", targetId: org.id }, tx);
          return org;
        });
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict("organization_exists", `An organisation named "${input.name}" exists.`);
        throw error;
      }
    },

    /** 400 when an organisation named in a body does not exist: it is a bad reference, not a missing page. */
    async assertExists(id: string): Promise<void> {
      const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
      if (!row) throw badRequest("unknown_organization", "No organisation with that id.");
    },
  };
}

export type Organizations = ReturnType<typeof createOrganizations>;
