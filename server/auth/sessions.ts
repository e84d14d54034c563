import crypto from "node:crypto";
import { and, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import { builtOnce } from "@/db/built-once";
import type { Db } from "@/db/client";
import { appSessions, organizations, orgRoles, people, users, type OrgRole, type SignInMethod } from "@/db/schema";
import type { Actor } from "@/server/access/actor";
import { NotFoundError } from "@/server/errors";

// Server-side sessions (db/schema/auth.ts, app_sessions). The cookie carries a random token;
// only its SHA-256 is stored, so a copy of the database cannot be replayed as a cookie.

/** A session ends after this long without use. */
export const SESSION_IDLE_DAYS = 30;
/** A session in use is renewed (its expiry moved to now + SESSION_IDLE_DAYS) at most this often. */
export const SESSION_RENEW_AFTER_HOURS = 24;

export function hashSessionToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export interface NewSession {
  userId: string;
  orgId: string;
  personId: string;
  method: SignInMethod;
}

/** Starts a session; returns the token for the cookie (never stored). */
export async function createSession(db: Db, input: NewSession): Promise<{ id: string; token: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const [row] = await db
    .insert(appSessions)
    .values({ ...input, tokenHash: hashSessionToken(token), expiresAt: sql`now() + make_interval(days => ${SESSION_IDLE_DAYS})` })
    .returning({ id: appSessions.id });
  if (!row) throw new Error("session insert returned no row");
  return { id: row.id, token };
}

export interface CurrentSession {
  id: string;
  userId: string;
  method: SignInMethod;
  /** Organizations the identity holds an active person in (this one included). */
  organizationCount: number;
  actor: Actor;
  /** What every signed-in page's header shows, read in the same statement. */
  person: { id: string; name: string };
  org: { id: string; name: string };
}

/**
 * The session a cookie token names, if it is still valid: not expired, its person active and
 * still holding the identity's address, and (outside demo mode) not minted by the demo's
 * "sign in as"; in demo mode a demo session only ever names a person of a demo organization.
 * One select by the unique token hash, which also yields the person's roles (the actor) and
 * the names the page header shows, so a request pays for the session check, the actor and the
 * header in one round trip. Renews the expiry
 * when the session was last renewed more than SESSION_RENEW_AFTER_HOURS ago.
 */
export async function readSession(db: Db, token: string, options: { demo: boolean }): Promise<CurrentSession | null> {
  if (!token || token.length > 200) return null;
  const rows = await sessionQuery(db, options.demo).execute({ tokenHash: hashSessionToken(token) });
  const first = rows[0];
  if (!first) return null;
  if (first.stale) {
    await db
      .update(appSessions)
      .set({ renewedAt: sql`now()`, expiresAt: sql`now() + make_interval(days => ${SESSION_IDLE_DAYS})` })
      .where(eq(appSessions.id, first.id));
  }
  const roles = new Set<OrgRole>(["member"]);
  for (const r of rows) if (r.role) roles.add(r.role);
  return {
    id: first.id,
    userId: first.userId,
    method: first.method,
    organizationCount: first.organizations,
    actor: { personId: first.personId, orgId: first.orgId, roles },
    person: { id: first.personId, name: first.personName },
    org: { id: first.orgId, name: first.orgName },
  };
}

/** readSession's statement, in each mode, built once per database (db/built-once.ts). */
const sessionQueries = { demo: builtOnce((db) => buildSessionQuery(db, true)), live: builtOnce((db) => buildSessionQuery(db, false)) };
const sessionQuery = (db: Db, demo: boolean) => (demo ? sessionQueries.demo : sessionQueries.live)(db);

function buildSessionQuery(db: Db, demo: boolean) {
  // Outside demo mode no demo session counts; in demo mode a demo session must name a demo
  // person.
  const demoRule = demo ? or(ne(appSessions.method, "demo"), eq(organizations.isDemo, true)) : ne(appSessions.method, "demo");
  const organizationsOfIdentity = demo
    ? sql<number>`(select count(*)::int from people p2 join organizations o2 on o2.id = p2.org_id where p2.email = ${users.email} and p2.deactivated_at is null and (${appSessions.method} <> 'demo' or o2.is_demo))`
    : sql<number>`(select count(*)::int from people p2 where p2.email = ${users.email} and p2.deactivated_at is null)`;
  const query = db
    .select({
      id: appSessions.id,
      userId: appSessions.userId,
      method: appSessions.method,
      orgId: appSessions.orgId,
      personId: appSessions.personId,
      stale: sql<boolean>`${appSessions.renewedAt} < now() - make_interval(hours => ${SESSION_RENEW_AFTER_HOURS})`,
      // How many organizations the identity may switch between (the header shows a switcher
      // when more than one): an index lookup on people.email inside the same statement.
      organizations: organizationsOfIdentity,
      role: orgRoles.role,
      personName: people.name,
      orgName: organizations.name,
    })
    .from(appSessions)
    .innerJoin(users, eq(users.id, appSessions.userId))
    .innerJoin(people, and(eq(people.orgId, appSessions.orgId), eq(people.id, appSessions.personId)))
    .innerJoin(organizations, eq(organizations.id, appSessions.orgId))
    .leftJoin(orgRoles, and(eq(orgRoles.orgId, people.orgId), eq(orgRoles.personId, people.id)));
  const where = and(
    eq(appSessions.tokenHash, sql.placeholder("tokenHash")),
    gt(appSessions.expiresAt, sql`now()`),
    isNull(people.deactivatedAt),
    eq(people.email, users.email),
    demoRule,
  );
  return query.where(where).prepare(demo ? "read_session_demo" : "read_session");
}

/** Ends one session (signing out on this device). */
export async function endSession(db: Db, token: string): Promise<void> {
  await db.delete(appSessions).where(eq(appSessions.tokenHash, hashSessionToken(token)));
}

/**
 * Ends every session of one person of one organization, at once: for deactivation by HR, or
 * anything else that must sign a person out on every device. Returns how many ended.
 */
export async function endAllSessions(db: Db, input: { orgId: string; personId: string }): Promise<number> {
  const ended = await db
    .delete(appSessions)
    .where(and(eq(appSessions.orgId, input.orgId), eq(appSessions.personId, input.personId)))
    .returning({ id: appSessions.id });
  return ended.length;
}

/** "Sign out everywhere": every session of the identity behind this session, in every organization. */
export async function endIdentitySessions(db: Db, session: { id: string; userId: string }): Promise<number> {
  const ended = await db.delete(appSessions).where(eq(appSessions.userId, session.userId)).returning({ id: appSessions.id });
  return ended.length;
}

export interface IdentityPerson {
  personId: string;
  orgId: string;
  orgName: string;
  name: string;
}

/**
 * The people an identity may sign in as: active people, in any organization, whose address is
 * the identity's verified address. A demo sign-in reaches people of demo organizations only.
 * Each organization's person is its own: choosing one never reaches another.
 */
export async function identityPeople(db: Db, input: { userId: string; method: SignInMethod }): Promise<IdentityPerson[]> {
  return db
    .select({ personId: people.id, orgId: people.orgId, orgName: organizations.name, name: people.name })
    .from(users)
    .innerJoin(people, eq(people.email, users.email))
    .innerJoin(organizations, eq(organizations.id, people.orgId))
    .where(and(eq(users.id, input.userId), isNull(people.deactivatedAt), input.method === "demo" ? eq(organizations.isDemo, true) : undefined))
    .orderBy(organizations.name, organizations.id);
}

/**
 * Switches a session to another person of the same identity (another organization): the same
 * cookie, now naming the chosen person. A person the identity does not hold is not found.
 */
export async function switchSessionPerson(db: Db, session: { id: string; userId: string; method: SignInMethod }, personId: string): Promise<IdentityPerson> {
  const person = (await identityPeople(db, session)).find((p) => p.personId === personId);
  if (!person) throw new NotFoundError("person");
  const updated = await db
    .update(appSessions)
    .set({ orgId: person.orgId, personId: person.personId })
    .where(and(eq(appSessions.id, session.id), eq(appSessions.userId, session.userId)))
    .returning({ id: appSessions.id });
  if (updated.length === 0) throw new NotFoundError("session");
  return person;
}
