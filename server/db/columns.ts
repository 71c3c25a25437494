/** Column types and defaults shared by the schema's tables. */
import { customType, timestamp } from "drizzle-orm/pg-core";

/** Binary Yjs updates and snapshots. postgres-js yields Buffer, PGlite Uint8Array: both are Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
