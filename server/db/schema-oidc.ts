/**
 * The relational schema, continued: sign-in through an OpenID Connect provider. Re-exported by
 * schema.ts (the one schema).
 */
import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations, sessions, users } from "./schema.js";

/**
 * Which account a person at an identity provider is: linked by issuer + subject (never by e-mail
 * alone, which an IdP may reassign). The organisation is the one mapped at the last sign-in.
 */
export const oidcIdentities = pgTable(
  "oidc_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index("oidc_identities_user_idx").on(t.userId)],
);

/**
 * A session that came through the provider keeps the ID token it was given, as the
 * id_token_hint of RP-initiated logout; it goes with the session.
 */
export const oidcSessions = pgTable("oidc_sessions", {
  sessionId: text("session_id")
    .primaryKey()
    .references(() => sessions.id, { onDelete: "cascade" }),
  idToken: text("id_token").notNull(),
});
