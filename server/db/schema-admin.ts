/**
 * The relational schema, continued: instance administration. Which organisations are deactivated
 * (they keep their name in existing data but cannot be chosen any more), and which organisations
 * take part in a partnership. Re-exported by schema.ts (the one schema).
 */
import { index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns.js";
import { organizations, users, workspaces } from "./schema.js";

/** One row per deactivated organisation; reactivating deletes the row. */
export const organizationDeactivations = pgTable("organization_deactivations", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  deactivatedAt: timestamp("deactivated_at", { withTimezone: true }).notNull(),
  deactivatedBy: uuid("deactivated_by").references(() => users.id, { onDelete: "set null" }),
});

/** The organisations of a partnership, as the admin set them up (members may also come from others). */
export const workspaceOrganizations = pgTable(
  "workspace_organizations",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.organizationId] }),
    index("workspace_organizations_org_idx").on(t.organizationId),
  ],
);
