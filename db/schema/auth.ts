import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { people } from "./org";

// Auth.js identity tables, in the shape @auth/drizzle-adapter expects. A `user` is a sign-in
// identity (an email address); what a person may see is decided by `people`, which the session
// links to at sign-in (server/auth).

export const users = pgTable("users", {
  id: text()
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text(),
  email: text().unique(),
  emailVerified: timestamp({ mode: "date", withTimezone: true }),
  image: text(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().$type<"email" | "oidc" | "oauth" | "webauthn">().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text().primaryKey(),
  userId: text()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp({ mode: "date", withTimezone: true }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    // Auth.js stores sha256(token + secret), never the token itself.
    token: text().notNull(),
    expires: timestamp({ mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// Tandem's own sessions (server/auth/sessions.ts). Auth.js proves who someone is (an emailed
// link, the identity provider, the demo's "sign in as"); a row here is what they are then signed
// in as: one person of one organization, chosen by the identity. The cookie holds a random token
// whose SHA-256 is `token_hash`; every request looks the row up by it, so deleting a row ends
// that session at once. `expires_at` slides forward (at most once a day) while the session is
// used.
export const appSessions = pgTable(
  "app_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid().notNull(),
    personId: uuid().notNull(),
    /** How the identity proved itself: an emailed link, single sign-on, or the demo's "sign in as". */
    method: text().$type<SignInMethod>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    renewedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("app_sessions_token_hash_idx").on(t.tokenHash),
    index("app_sessions_person_idx").on(t.orgId, t.personId),
    index("app_sessions_user_idx").on(t.userId),
    foreignKey({ columns: [t.orgId, t.personId], foreignColumns: [people.orgId, people.id] }).onDelete("cascade"),
    check("app_sessions_method", sql`${t.method} in ('email', 'sso', 'demo')`),
  ],
);

export type SignInMethod = "email" | "sso" | "demo";
